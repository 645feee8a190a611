#include "component_model.h"

#include "tinyfoot/engine/format/number.h"

namespace tinyfoot::studio {

ComponentModel::ComponentModel(StudyDocument& doc, QObject* parent) : QAbstractTableModel(parent), m_doc(doc) {
    connect(&doc, &StudyDocument::changed, this, [this] {
        beginResetModel();
        if (m_system >= static_cast<int>(m_doc.study().systems.size())) m_system = -1;
        endResetModel();
    });
}

void ComponentModel::setSystem(int index) {
    beginResetModel();
    m_system = index >= 0 && index < static_cast<int>(m_doc.study().systems.size()) ? index : -1;
    endResetModel();
}

int ComponentModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || m_system < 0) return 0;
    return static_cast<int>(m_doc.study().systems[static_cast<std::size_t>(m_system)].components.size());
}

int ComponentModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString ComponentModel::tooltip(std::size_t row) const {
    return componentTooltip(m_doc, static_cast<std::size_t>(m_system), row);
}

QString componentTooltip(const StudyDocument& doc, std::size_t s, std::size_t row) {
    if (s >= doc.study().systems.size() || row >= doc.study().systems[s].components.size()) return {};
    const Component& c = doc.study().systems[s].components[row];
    QString t = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(c.name).toHtmlEscaped());
    if (s < doc.results().size() && row < doc.results()[s].components.size()) {
        const ComponentResult& r = doc.results()[s].components[row];
        t += QString::fromStdString(std::string(methodId(r.method)) + ": " + r.methodDetail).toHtmlEscaped() +
             QStringLiteral("<br>");
        for (const auto& l : r.lines)
            t += QString::fromStdString(l.name + ": " + l.quantity + " x " + format::shortestRounded(l.factorValue) +
                                        " " + l.factorUnit + " [" +
                                        (l.derived() ? "derived from " + l.factorBehind() : l.factorId) +
                                        "] = " + format::shortest(units::inKgCo2e(l.co2e)) + " kg")
                     .toHtmlEscaped() +
                 QStringLiteral("<br>");
        for (Flag f : r.flags)
            t += QStringLiteral("flag: <i>%1</i><br>").arg(QString::fromStdString(std::string(flagId(f))));
        for (const Factor* f : doc.results()[s].factorsUsed) {
            bool used = false;
            for (const auto& l : r.lines) used = used || l.factorBehind() == f->id;
            if (!used) continue;
            t += QStringLiteral("%1 (%2, %3): %4<br>")
                     .arg(QString::fromStdString(f->id),
                          QString::fromStdString(std::string(derivationId(f->derivation))), QString::number(f->year),
                          QString::fromStdString(f->sources.empty() ? std::string() : f->sources.front().citation)
                              .toHtmlEscaped());
        }
    }
    for (const auto& src : c.sources)
        t += QString::fromStdString(src.citation).toHtmlEscaped() + QStringLiteral("<br>");
    if (!c.note.empty()) t += QStringLiteral("<i>%1</i>").arg(QString::fromStdString(c.note).toHtmlEscaped());
    return t;
}

QVariant ComponentModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || m_system < 0 || index.row() >= rowCount()) return {};
    const auto s = static_cast<std::size_t>(m_system);
    const auto row = static_cast<std::size_t>(index.row());
    const Component& c = m_doc.study().systems[s].components[row];
    if (role == Qt::ToolTipRole) return tooltip(row);
    if (index.column() == Included && role == Qt::CheckStateRole) return c.enabled ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole && index.column() == Kg) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case BlockColumn: return QString::fromStdString(std::string(blockName(c.block)));
    case Name: return QString::fromStdString(c.name);
    case MethodColumn: {
        QString m = QString::fromStdString(std::string(methodId(c.method)));
        if (c.method == Method::Hsl)
            m += QStringLiteral(" %1 %2")
                     .arg(c.hsl.level)
                     .arg(QString::fromStdString(std::string(boundId(c.hsl.bound))));
        return m;
    }
    case Kg:
        if (s < m_doc.results().size() && row < m_doc.results()[s].components.size())
            return QString::fromStdString(format::fixed(units::inKgCo2e(m_doc.results()[s].components[row].co2e), 3));
        return {};
    default: return {};
    }
}

QVariant ComponentModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Included: return tr("In");
    case BlockColumn: return tr("Block");
    case Name: return tr("Component");
    case MethodColumn: return tr("Method");
    case Kg: return tr("kg CO2e");
    default: return {};
    }
}

Qt::ItemFlags ComponentModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Included) f |= Qt::ItemIsUserCheckable;
    return f;
}

bool ComponentModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Included || role != Qt::CheckStateRole || m_system < 0) return false;
    m_doc.setComponentEnabled(static_cast<std::size_t>(m_system), static_cast<std::size_t>(index.row()),
                              value.toInt() == Qt::Checked);
    return true;
}

} // namespace tinyfoot::studio
