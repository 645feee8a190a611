#include "preset_gallery.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <filesystem>

namespace tinyfoot::studio {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

struct Group {
    const char* id;
    const char* title;
};
constexpr Group kGroups[] = {
    {"tinyml", "TinyML systems"},
    {"calculator", "Calculator presets"},
    {"reference", "Reference devices"},
};

} // namespace

QString PresetGallery::groupOf(const System& preset) {
    const std::string folder = std::filesystem::path(preset.sourceName).parent_path().filename().string();
    if (folder == "calculator" || preset.id.rfind("calculator-", 0) == 0) return QStringLiteral("calculator");
    if (preset.kind == "reference") return QStringLiteral("reference");
    return QStringLiteral("tinyml");
}

PresetGallery::PresetGallery(const Library& library, const QString& factorSetId, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Add systems from the presets"));
    const FactorSet* set = library.findFactorSet(factorSetId.toStdString());
    if (!set) set = library.findFactorSet(library.defaultFactorSet);
    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Choose one or more presets (Ctrl-click for several). Totals under the factor set "
                               "<b>%1</b>.")
                                .arg(set ? QString::fromStdString(set->id).toHtmlEscaped() : QStringLiteral("?")),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);

    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Preset"), tr("kg CO2e"), tr("id")});
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setRootIsDecorated(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    for (const Group& g : kGroups) {
        auto* top = new QTreeWidgetItem(m_tree, {tr(g.title)});
        top->setFlags(Qt::ItemIsEnabled);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const System& p : library.presets) {
            if (groupOf(p) != QLatin1String(g.id)) continue;
            QString total = tr("n/a");
            if (set) {
                const Result r = calculate(p, *set, library.findHsl(p.hslCatalogue));
                total = locale().toString(units::inKgCo2e(r.total), 'f', 2);
                if (!r.complete) total += QStringLiteral(" (incomplete)");
            }
            auto* item =
                new QTreeWidgetItem(top, {QString::fromStdString(p.name), total, QString::fromStdString(p.id)});
            item->setData(0, kIdRole, QString::fromStdString(p.id));
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(0, QString::fromStdString(p.description).toHtmlEscaped());
        }
        if (top->childCount() == 0) delete top;
        else top->setExpanded(true);
    }
    layout->addWidget(m_tree);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!chosenIds().empty()); });
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (!item->data(0, kIdRole).toString().isEmpty()) accept();
    });
    resize(620, 420);
}

std::vector<std::string> PresetGallery::chosenIds() const {
    std::vector<std::string> out;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* top = m_tree->topLevelItem(g);
        for (int i = 0; i < top->childCount(); ++i)
            if (top->child(i)->isSelected()) out.push_back(top->child(i)->data(0, kIdRole).toString().toStdString());
    }
    return out;
}

bool PresetGallery::choose(const std::string& id) {
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* top = m_tree->topLevelItem(g);
        for (int i = 0; i < top->childCount(); ++i)
            if (top->child(i)->data(0, kIdRole).toString().toStdString() == id) {
                top->child(i)->setSelected(true);
                return true;
            }
    }
    return false;
}

int PresetGallery::addChosenTo(StudyDocument& doc) const {
    int added = 0;
    for (const auto& id : chosenIds())
        if (doc.addSystem(id)) ++added;
    return added;
}

} // namespace tinyfoot::studio
