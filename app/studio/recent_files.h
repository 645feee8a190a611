// The studio's recent files: the last eight studies opened or saved, most recent first, kept in
// QSettings ("files/recent"), and the "Open Recent" menu built from them.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace tinyfoot::studio {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 8;

    explicit RecentFiles(QObject* parent = nullptr);

    /// The recent files, most recent first. Files that no longer exist are dropped (and the
    /// stored list is updated).
    QStringList files() const;
    /// Puts `file` first (by its absolute path; once), keeping at most kMaxFiles.
    void add(const QString& file);
    void remove(const QString& file);
    void clear();

    /// Replaces the actions of `menu` with one numbered entry per recent file (emitting
    /// openRequested) and a "Clear" action.
    void populate(QMenu* menu);
    /// Populates `menu` now and every time it is about to show.
    void attach(QMenu* menu);

signals:
    void openRequested(const QString& file);
    void changed();

private:
    void store(const QStringList& files) const;
};

} // namespace tinyfoot::studio
