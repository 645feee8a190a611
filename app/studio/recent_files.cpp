#include "recent_files.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace tinyfoot::studio {

namespace {

const QString kKey = QStringLiteral("files/recent");

/// One name per file: its canonical path (symbolic links resolved) when it exists.
QString normalised(const QString& file) {
    const QFileInfo info(file);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

} // namespace

RecentFiles::RecentFiles(QObject* parent) : QObject(parent) {}

QStringList RecentFiles::files() const {
    const QStringList stored = QSettings().value(kKey).toStringList();
    QStringList kept;
    for (const QString& f : stored)
        if (!f.isEmpty() && QFileInfo(f).isFile() && !kept.contains(f)) kept.push_back(f);
    while (kept.size() > kMaxFiles) kept.removeLast();
    if (kept != stored) store(kept);
    return kept;
}

void RecentFiles::add(const QString& file) {
    if (file.isEmpty()) return;
    const QString name = normalised(file);
    QStringList list = files();
    list.removeAll(name);
    list.prepend(name);
    while (list.size() > kMaxFiles) list.removeLast();
    store(list);
    emit changed();
}

void RecentFiles::remove(const QString& file) {
    QStringList list = files();
    if (list.removeAll(normalised(file)) == 0) return;
    store(list);
    emit changed();
}

void RecentFiles::clear() {
    store({});
    emit changed();
}

void RecentFiles::store(const QStringList& list) const { QSettings().setValue(kKey, list); }

void RecentFiles::populate(QMenu* menu) {
    menu->clear();
    const QStringList list = files();
    for (int i = 0; i < list.size(); ++i) {
        const QFileInfo info(list[i]);
        // "&1 study.json — /home/me/papers": the number is the menu's accelerator.
        QString name = info.fileName();
        name.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QString folder = QDir::toNativeSeparators(info.absolutePath());
        folder.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction* a = menu->addAction(QStringLiteral("&%1  %2  —  %3").arg(i + 1).arg(name, folder));
        a->setData(list[i]);
        a->setStatusTip(list[i]);
        a->setToolTip(list[i]);
        const QString file = list[i];
        connect(a, &QAction::triggered, this, [this, file] { emit openRequested(file); });
    }
    if (list.isEmpty()) menu->addAction(tr("No recent files"))->setEnabled(false);
    menu->addSeparator();
    QAction* clearAction = menu->addAction(tr("&Clear"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
}

void RecentFiles::attach(QMenu* menu) {
    populate(menu);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { populate(menu); });
}

} // namespace tinyfoot::studio
