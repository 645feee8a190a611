#include "impact_view.h"

#include "tinyfoot/engine/format/number.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tinyfoot::studio {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

} // namespace

ImpactView::ImpactView(StudyDocument& doc, const Library& library, QWidget* parent)
    : QWidget(parent), m_doc(doc), m_library(library) {
    m_set = library.defaultImpacts();
    m_category = new QComboBox(this);
    for (const auto& info : impactCategories())
        m_category->addItem(QStringLiteral("%1 (%2)").arg(text(std::string(info.name)), text(std::string(info.unit))),
                            text(std::string(info.id)));
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Impact category:"), this));
    top->addWidget(m_category, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    m_refresher = new RefreshWhenShown(this, [this] { refresh(); });
    connect(&m_doc, &StudyDocument::changed, this, [this] { m_refresher->invalidate(); });
}

bool ImpactView::setCategory(const QString& id) {
    const int i = m_category->findData(id);
    if (i < 0) return false;
    m_category->setCurrentIndex(i);
    refresh();
    return true;
}

QString ImpactView::category() const { return m_category->currentData().toString(); }

void ImpactView::refresh() {
    const auto chosen = impactCategoryFromId(category().toStdString());
    const QStringList head{tr("system"),
                           tr("total"),
                           tr("production"),
                           tr("transport"),
                           tr("use"),
                           tr("end of life"),
                           tr("components without a figure")};
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(head.size()));
    m_table->setHorizontalHeaderLabels(head);
    if (!m_set || !chosen) {
        m_table->setRowCount(0);
        m_note->setText(tr("No impact set in the data library (data/impacts)."));
        return;
    }
    const auto c = static_cast<std::size_t>(*chosen);
    m_note->setText(tr("Per device, in %1, under the impact set %2. A value marked * leaves out the components "
                       "named in the last column, which have no figure in this category (they are not 0).")
                        .arg(text(std::string(impactCategoryInfo(*chosen).unit)), text(m_set->id)));
    const auto& systems = m_doc.study().systems;
    const auto& results = m_doc.results();
    m_table->setRowCount(static_cast<int>(std::min(systems.size(), results.size())));
    for (std::size_t s = 0; s < systems.size() && s < results.size(); ++s) {
        const HslCatalogue* hsl = m_library.findHsl(systems[s].hslCatalogue);
        const ImpactResult r = assessImpacts(systems[s], results[s], *m_set, hsl);
        QStringList missing;
        for (const auto& comp : r.components)
            if (!comp.total[c]) missing << text(comp.name);
        const QString mark = r.complete[c] ? QString() : QStringLiteral(" *");
        // A system none of whose components has a figure (a declared reference device) has none.
        const bool none = std::none_of(r.components.begin(), r.components.end(),
                                       [c](const ComponentImpacts& comp) { return comp.total[c].has_value(); });
        const auto cell = [&](int col, const QString& value, bool number) {
            auto* item = new QTableWidgetItem(value);
            if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            else item->setToolTip(value);
            m_table->setItem(static_cast<int>(s), col, item);
        };
        const QString noFigure = tr("no figure");
        cell(0, text(systems[s].label.empty() ? systems[s].id : systems[s].label), false);
        cell(1, none ? noFigure : text(format::general(r.total[c], 3)) + mark, true);
        int col = 2;
        for (const Stage st : {Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife}) {
            const auto i = static_cast<std::size_t>(st);
            const double v = r.byStage[i][c];
            const QString value = r.stageComplete[i][c] ? text(format::general(v, 3))
                                  : v == 0.0            ? noFigure
                                                        : text(format::general(v, 3)) + QStringLiteral(" *");
            cell(col++, none ? noFigure : value, true);
        }
        cell(6, missing.join(QStringLiteral(", ")), false);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
}

} // namespace tinyfoot::studio
