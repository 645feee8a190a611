// The studio's view of the impact categories beyond CO2e (docs/method.md §7): a category chosen
// in a selector, every system's value by life-cycle stage under the library's impact set, and
// which components have no figure. It recomputes when it is shown after an edit, not on every
// edit while hidden (refresh_when_shown.h).
#pragma once

#include "refresh_when_shown.h"
#include "study_document.h"

#include "tinyfoot/engine/impact.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace tinyfoot::studio {

class ImpactView : public QWidget {
    Q_OBJECT
public:
    ImpactView(StudyDocument& doc, const Library& library, QWidget* parent = nullptr);

    /// The category shown; false for an id the impact set does not know.
    bool setCategory(const QString& id);
    QString category() const;
    /// The table shown (rows: systems; columns: stages, total, components without a figure).
    QTableWidget& table() { return *m_table; }
    /// Whether the table shows the study as it is now (false while hidden after an edit).
    bool upToDate() const { return m_refresher->upToDate(); }

private:
    void refresh();

    StudyDocument& m_doc;
    const Library& m_library;
    const ImpactSet* m_set = nullptr;
    QComboBox* m_category = nullptr;
    QLabel* m_note = nullptr;
    QTableWidget* m_table = nullptr;
    RefreshWhenShown* m_refresher = nullptr;
};

} // namespace tinyfoot::studio
