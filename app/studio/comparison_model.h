// The study's systems side by side: total, embodied, operational, the ratio of each total to a
// chosen system's, and the total under a second factor set with the difference — so the effect
// of the data (paper's back-solved set or open data) is visible next to the effect of design.
#pragma once

#include "study_document.h"

#include <QAbstractTableModel>

namespace tinyfoot::studio {

class ComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SystemColumn, Total, Embodied, Operational, Ratio, OtherTotal, Difference, ColumnCount };

    ComparisonModel(StudyDocument& doc, const Library& library, QObject* parent = nullptr);
    /// The system every total is divided by in the Ratio column.
    void setReference(int system);
    /// The second factor set (default: open-data under the paper's set, the paper's otherwise).
    QString otherFactorSet() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void recompute();
    StudyDocument& m_doc;
    const Library& m_library;
    int m_reference = 0;
    std::vector<Result> m_other;
};

} // namespace tinyfoot::studio
