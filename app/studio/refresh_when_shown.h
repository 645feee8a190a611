// How the studio's views follow the study: an edit marks a view out of date, and the view
// recomputes when it is shown (at once when it is visible), so that an edit costs only what is on
// screen. One mechanism for every view: the footprint chart, each study view and the impact
// categories.
#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace tinyfoot::studio {

class RefreshWhenShown : public QObject {
    Q_OBJECT
public:
    /// Watches `view` (and is owned by it); `refresh` brings it up to date.
    RefreshWhenShown(QWidget* view, std::function<void()> refresh);

    /// What `view` shows is out of date: refreshed now when it is visible, else when next shown.
    void invalidate();
    /// Refreshes now if out of date, as showing the view would (for what reads the view while it
    /// is hidden: an export, a test).
    void update();
    bool upToDate() const { return !m_dirty; }
    /// How many times the view has been refreshed.
    int refreshes() const { return m_refreshes; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void run();
    QWidget* m_view;
    std::function<void()> m_refresh;
    bool m_dirty = true;
    int m_refreshes = 0;
};

} // namespace tinyfoot::studio
