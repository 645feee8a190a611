// The components of one system of the open study, as a table: block, component, method, kg CO2e
// and whether it counts; tooltips carry each number's bottom-up lines, sources and flags.
#pragma once

#include "study_document.h"

#include <QAbstractTableModel>

namespace tinyfoot::studio {

/// A component's tooltip (rich text): its method, its bottom-up lines (amount × factor), its
/// flags, the factors it used with their derivation, year and source, its own sources and note.
QString componentTooltip(const StudyDocument& doc, std::size_t system, std::size_t component);

class ComponentModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Included, BlockColumn, Name, MethodColumn, Kg, ColumnCount };

    explicit ComponentModel(StudyDocument& doc, QObject* parent = nullptr);
    void setSystem(int index);
    int system() const { return m_system; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

private:
    QString tooltip(std::size_t row) const;
    StudyDocument& m_doc;
    int m_system = -1;
};

} // namespace tinyfoot::studio
