// Autosave and crash recovery for TinyFoot Studio. While the open study has unsaved changes, an
// Autosaver writes it (the engine's study format) atomically to a file of its own session in an
// autosave folder, shortly after each change and at least every interval, with a sidecar naming
// the study's own file and the time. The autosave goes away when the study is clean again (saved,
// or undone back to its saved state) and when the session ends cleanly. A session holds a lock
// file (QLockFile, with its PID) for as long as it runs, so the autosaves that pending() offers
// are those of sessions that ended without cleaning up: crashed, killed, or cut off by a reboot.
//
// Folder layout, one session per <id>: <id>.study.json, <id>.meta.json, <id>.lock.
#pragma once

#include "operation_result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

class QLockFile;

namespace tinyfoot::studio {

class StudyDocument;

/// An autosave left by a session that did not end cleanly.
struct Recovery {
    QString autosaveFile; ///< the autosaved study (tinyfoot.study)
    QString metaFile;     ///< its sidecar ("" when it is missing)
    QString originalFile; ///< the study's own file when it was autosaved ("" for an unsaved study)
    QString studyName;
    QDateTime savedAt; ///< when it was autosaved (UTC)
};

class Autosaver : public QObject {
    Q_OBJECT
public:
    /// QStandardPaths::AppDataLocation + "/autosave".
    static QString defaultFolder();

    /// Starts a session in `folder` (created when missing) and takes its lock. The document must
    /// outlive the Autosaver.
    explicit Autosaver(StudyDocument& document, const QString& folder = defaultFolder(), QObject* parent = nullptr);
    /// A clean end: removes this session's autosave and lock.
    ~Autosaver() override;

    const QString& folder() const { return m_folder; }
    /// The file this session autosaves to (it exists only while there is something to recover).
    const QString& autosaveFile() const { return m_studyFile; }
    /// False when the folder or the lock could not be created: then nothing is autosaved.
    bool isActive() const;
    /// The last write error ("" after a successful write).
    const QString& lastError() const { return m_lastError; }

    /// The longest time unsaved changes go without an autosave (default 60 s).
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;
    /// How long after a change the autosave is written, when no further change comes (default 2 s).
    void setDebounce(std::chrono::milliseconds delay);
    std::chrono::milliseconds debounce() const;

    /// Writes the autosave now if the document has unsaved changes, else removes it.
    OperationResult autosaveNow();
    /// Removes this session's autosave (the lock stays while the session runs).
    void discard();

    /// The autosaves in `folder` whose session has ended without cleaning up (its lock is gone or
    /// stale), newest first. Autosaves of sessions still running are not listed.
    static QList<Recovery> pending(const QString& folder = defaultFolder());
    /// Restores `recovery` into `document` (StudyDocument::recover) and, when that succeeds,
    /// removes the recovered autosave (on failure the autosave stays).
    static OperationResult recover(StudyDocument& document, const Recovery& recovery);
    /// Removes an autosave the user chose not to recover.
    static void remove(const Recovery& recovery);

signals:
    void autosaved(const QString& file);
    void autosaveFailed(const QString& error);

private:
    void schedule();
    void tick();
    StudyDocument& m_doc;
    QString m_folder;
    QString m_studyFile;
    QString m_metaFile;
    QString m_lastError;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_interval;
    QTimer m_debounce;
    bool m_dirty = false; ///< changed since the last autosave
};

} // namespace tinyfoot::studio
