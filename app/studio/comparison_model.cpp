#include "comparison_model.h"

#include "tinyfoot/engine/format/number.h"

namespace tinyfoot::studio {

ComparisonModel::ComparisonModel(StudyDocument& doc, const Library& library, QObject* parent)
    : QAbstractTableModel(parent), m_doc(doc), m_library(library) {
    connect(&doc, &StudyDocument::changed, this, [this] {
        beginResetModel();
        recompute();
        endResetModel();
    });
    recompute();
}

QString ComparisonModel::otherFactorSet() const {
    const QString current = m_doc.factorSetId();
    const QString other = current == QLatin1String("open-data") ? QString::fromStdString(m_library.defaultFactorSet)
                                                                : QStringLiteral("open-data");
    return m_library.findFactorSet(other.toStdString()) ? other : current;
}

void ComparisonModel::recompute() {
    m_other.clear();
    const FactorSet* set = m_library.findFactorSet(otherFactorSet().toStdString());
    if (!set) return;
    for (const auto& s : m_doc.study().systems)
        m_other.push_back(calculate(s, *set, m_library.findHsl(s.hslCatalogue)));
    if (m_reference >= static_cast<int>(m_doc.results().size())) m_reference = 0;
}

void ComparisonModel::setReference(int system) {
    if (system < 0 || system >= rowCount()) return;
    m_reference = system;
    emit dataChanged(index(0, Ratio), index(rowCount() - 1, Ratio));
    emit headerDataChanged(Qt::Horizontal, Ratio, Ratio);
}

int ComparisonModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_doc.results().size());
}

int ComparisonModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ComparisonModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto row = static_cast<std::size_t>(index.row());
    const Result& r = m_doc.results()[row];
    if (role == Qt::TextAlignmentRole && index.column() != SystemColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == OtherTotal)
        return tr("Total of this system computed with factor set %1").arg(otherFactorSet());
    if (role != Qt::DisplayRole) return {};
    const auto kg = [](units::Co2e q) { return QString::fromStdString(format::fixed(units::inKgCo2e(q), 3)); };
    switch (index.column()) {
    case SystemColumn: return QString::fromStdString(r.systemName);
    case Total: return kg(r.total);
    case Embodied: return r.stageSplitKnown ? kg(r.embodied) : QStringLiteral("n/a");
    case Operational: return r.stageSplitKnown ? kg(r.operational) : QStringLiteral("n/a");
    case Ratio: {
        const double ref = units::inKgCo2e(m_doc.results()[static_cast<std::size_t>(m_reference)].total);
        return ref > 0 ? QString::fromStdString(format::ratio(units::inKgCo2e(r.total) / ref)) : QStringLiteral("-");
    }
    case OtherTotal: return row < m_other.size() ? kg(m_other[row].total) : QVariant();
    case Difference:
        return row < m_other.size() ? QString::fromStdString(format::fixed(
                                          units::inKgCo2e(m_other[row].total) - units::inKgCo2e(r.total), 3))
                                    : QVariant();
    default: return {};
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case SystemColumn: return tr("System");
    case Total: return tr("Total kg (%1)").arg(m_doc.factorSetId());
    case Embodied: return tr("Embodied");
    case Operational: return tr("Operational");
    case Ratio:
        return m_reference < rowCount()
                   ? tr("Ratio to %1")
                         .arg(QString::fromStdString(m_doc.results()[static_cast<std::size_t>(m_reference)].systemId))
                   : tr("Ratio");
    case OtherTotal: return tr("Total kg (%1)").arg(otherFactorSet());
    case Difference: return tr("Difference");
    default: return {};
    }
}

} // namespace tinyfoot::studio
