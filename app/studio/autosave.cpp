#include "autosave.h"

#include "data_library.h"
#include "study_document.h"

#include "tinyfoot/engine/writer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <filesystem>

namespace tinyfoot::studio {

namespace {

using namespace std::chrono_literals;

const QString kStudySuffix = QStringLiteral(".study.json");
const QString kMetaSuffix = QStringLiteral(".meta.json");
const QString kLockSuffix = QStringLiteral(".lock");
const QString kMetaFormat = QStringLiteral("tinyfoot.autosave");

/// The session id of an autosave, lock or sidecar file name ("" when it is none of them).
QString sessionOf(const QString& fileName) {
    for (const QString& suffix : {kStudySuffix, kMetaSuffix, kLockSuffix})
        if (fileName.endsWith(suffix)) return fileName.chopped(suffix.size());
    return {};
}

/// True when no running session holds the lock at `lockPath` (also when there is none). A stale
/// lock (its process gone, or another program now has its PID, or the machine rebooted) is
/// removed. The lock's age alone never makes it stale: a session may run for days.
bool lockIsFree(const QString& lockPath) {
    if (!QFileInfo::exists(lockPath)) return true;
    QLockFile probe(lockPath);
    probe.setStaleLockTime(0);
    if (!probe.tryLock(0)) return false;
    probe.unlock(); // removes the lock file
    return true;
}

/// The autosave lives in another folder than the study: relative measurement files (harness
/// results beside the study) are named by absolute path in it, so that it loads from there.
Study withAbsoluteMeasurements(Study study, const QString& studyFile) {
    if (studyFile.isEmpty()) return study;
    const std::filesystem::path dir = QFileInfo(studyFile).absolutePath().toStdString();
    for (auto& s : study.systems) {
        if (!s.presetId.empty()) continue; // written as {"preset": id}
        for (auto& c : s.components) {
            const std::filesystem::path p = c.use.measurementFile;
            if (!p.empty() && p.is_relative()) c.use.measurementFile = (dir / p).lexically_normal().string();
        }
    }
    return study;
}

} // namespace

QString Autosaver::defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
}

Autosaver::Autosaver(StudyDocument& document, const QString& folder, QObject* parent)
    : QObject(parent), m_doc(document), m_folder(QDir::cleanPath(folder)) {
    const QString id = QStringLiteral("session-%1-%2")
                           .arg(QCoreApplication::applicationPid())
                           .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QDir dir(m_folder);
    m_studyFile = dir.filePath(id + kStudySuffix);
    m_metaFile = dir.filePath(id + kMetaSuffix);
    if (!QDir().mkpath(m_folder)) {
        m_lastError = tr("cannot create the autosave folder %1").arg(m_folder);
    } else {
        m_lock = std::make_unique<QLockFile>(dir.filePath(id + kLockSuffix));
        m_lock->setStaleLockTime(0);
        if (!m_lock->tryLock(0)) {
            m_lastError = tr("cannot create the autosave lock in %1").arg(m_folder);
            m_lock.reset();
        }
    }
    m_interval.setInterval(60s);
    m_debounce.setInterval(2s);
    m_debounce.setSingleShot(true);
    connect(&m_interval, &QTimer::timeout, this, &Autosaver::tick);
    connect(&m_debounce, &QTimer::timeout, this, &Autosaver::tick);
    connect(&m_doc, &StudyDocument::changed, this, &Autosaver::schedule);
    connect(&m_doc.undoStack(), &QUndoStack::indexChanged, this, &Autosaver::schedule);
    connect(&m_doc.undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean) discard();
    });
    if (isActive()) m_interval.start();
}

Autosaver::~Autosaver() {
    discard();
    m_lock.reset(); // unlocks: removes the lock file
}

bool Autosaver::isActive() const { return m_lock && m_lock->isLocked(); }

void Autosaver::setInterval(std::chrono::milliseconds interval) { m_interval.setInterval(interval); }

std::chrono::milliseconds Autosaver::interval() const { return m_interval.intervalAsDuration(); }

void Autosaver::setDebounce(std::chrono::milliseconds delay) { m_debounce.setInterval(delay); }

std::chrono::milliseconds Autosaver::debounce() const { return m_debounce.intervalAsDuration(); }

void Autosaver::schedule() {
    // The undo stack marks itself modified only after the command has changed the study: decide
    // when the timer fires, not now.
    m_dirty = true;
    if (isActive()) m_debounce.start();
}

void Autosaver::tick() {
    if (!m_doc.isModified()) {
        discard();
        return;
    }
    // Edits without a pause keep restarting the debounce: the interval still writes them.
    // A failure is kept in lastError() and signalled by autosaveFailed().
    if (m_dirty || !QFileInfo::exists(m_studyFile)) (void)autosaveNow();
}

OperationResult Autosaver::autosaveNow() {
    if (!isActive()) return OperationResult::failure(m_lastError.isEmpty() ? tr("autosave is off") : m_lastError);
    if (!m_doc.isModified()) {
        discard();
        return OperationResult::success();
    }
    m_debounce.stop();
    QJsonObject meta;
    meta[QStringLiteral("format")] = kMetaFormat;
    meta[QStringLiteral("version")] = 1;
    meta[QStringLiteral("original_file")] =
        m_doc.fileName().isEmpty() ? QString() : QFileInfo(m_doc.fileName()).absoluteFilePath();
    meta[QStringLiteral("study_name")] = QString::fromStdString(m_doc.study().name);
    meta[QStringLiteral("saved_at")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    meta[QStringLiteral("pid")] = QCoreApplication::applicationPid();
    try {
        // The study first: a sidecar never names a study that was not written.
        app::saveAtomically(m_studyFile.toStdString(),
                            studyToJson(withAbsoluteMeasurements(m_doc.study(), m_doc.fileName())));
        app::saveAtomically(m_metaFile.toStdString(), QJsonDocument(meta).toJson().toStdString());
    } catch (const std::exception& e) {
        m_lastError = tr("autosave failed: %1").arg(QString::fromStdString(e.what()));
        emit autosaveFailed(m_lastError);
        return OperationResult::failure(m_lastError);
    }
    m_dirty = false;
    m_lastError.clear();
    emit autosaved(m_studyFile);
    return OperationResult::success();
}

void Autosaver::discard() {
    m_debounce.stop();
    m_dirty = false;
    QFile::remove(m_studyFile);
    QFile::remove(m_metaFile);
}

QList<Recovery> Autosaver::pending(const QString& folder) {
    QList<Recovery> found;
    const QDir dir(folder);
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden);
    for (const QString& name : names) {
        const QString id = sessionOf(name);
        if (id.isEmpty()) continue;
        const QString study = dir.filePath(id + kStudySuffix);
        const QString lock = dir.filePath(id + kLockSuffix);
        if (name.endsWith(kStudySuffix)) {
            if (!lockIsFree(lock)) continue; // a running session's autosave
            Recovery r;
            r.autosaveFile = dir.absoluteFilePath(name);
            r.savedAt = QFileInfo(study).lastModified().toUTC();
            QFile metaFile(dir.filePath(id + kMetaSuffix));
            if (metaFile.open(QIODevice::ReadOnly)) {
                r.metaFile = QFileInfo(metaFile).absoluteFilePath();
                const QJsonObject meta = QJsonDocument::fromJson(metaFile.readAll()).object();
                if (meta.value(QStringLiteral("format")).toString() == kMetaFormat) {
                    r.originalFile = meta.value(QStringLiteral("original_file")).toString();
                    r.studyName = meta.value(QStringLiteral("study_name")).toString();
                    const QDateTime at =
                        QDateTime::fromString(meta.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
                    if (at.isValid()) r.savedAt = at.toUTC();
                }
            }
            found.push_back(r);
        } else if (!QFileInfo::exists(study) && lockIsFree(lock)) {
            // What a crashed session left without a study to recover: a sidecar or its lock.
            if (name.endsWith(kMetaSuffix)) QFile::remove(dir.filePath(name));
        }
    }
    std::sort(found.begin(), found.end(), [](const Recovery& a, const Recovery& b) { return a.savedAt > b.savedAt; });
    return found;
}

OperationResult Autosaver::recover(StudyDocument& document, const Recovery& recovery) {
    OperationResult result = document.recover(recovery.autosaveFile, recovery.originalFile);
    if (result.succeeded()) remove(recovery);
    return result;
}

void Autosaver::remove(const Recovery& recovery) {
    const QString id = sessionOf(QFileInfo(recovery.autosaveFile).fileName());
    if (id.isEmpty()) return;
    const QDir dir = QFileInfo(recovery.autosaveFile).dir();
    if (!lockIsFree(dir.filePath(id + kLockSuffix))) return; // never a running session's files
    QFile::remove(recovery.autosaveFile);
    QFile::remove(dir.filePath(id + kMetaSuffix));
}

} // namespace tinyfoot::studio
