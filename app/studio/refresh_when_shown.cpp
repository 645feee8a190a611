#include "refresh_when_shown.h"

#include <QEvent>
#include <QWidget>

namespace tinyfoot::studio {

RefreshWhenShown::RefreshWhenShown(QWidget* view, std::function<void()> refresh)
    : QObject(view), m_view(view), m_refresh(std::move(refresh)) {
    view->installEventFilter(this);
}

void RefreshWhenShown::invalidate() {
    m_dirty = true;
    if (m_view->isVisible()) run();
}

void RefreshWhenShown::update() {
    if (m_dirty) run();
}

void RefreshWhenShown::run() {
    m_dirty = false; // before: a refresh that edits nothing may still invalidate again
    ++m_refreshes;
    m_refresh();
}

bool RefreshWhenShown::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::Show && m_dirty) run();
    return QObject::eventFilter(watched, event);
}

} // namespace tinyfoot::studio
