#include "component_editor.h"

#include "edit_commands.h"
#include "parameter_edit.h"
#include "tinyfoot/engine/format/number.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleValidator>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace tinyfoot::studio {

namespace {

constexpr Bound kBounds[] = {Bound::Lower, Bound::Typical, Bound::Upper};

QString text(const std::string& s) { return QString::fromStdString(s); }
QString html(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

/// The result lines a parameter enters (indices into the component's lines).
std::vector<std::size_t> linesOf(const Component& c, const ComponentResult& r, const ParamRef& ref) {
    std::vector<std::size_t> out;
    if (ref.kind != ParamRef::Kind::Field) return out;
    const auto add = [&](std::size_t i) {
        if (i < r.lines.size()) out.push_back(i);
    };
    // "dies/1/area" -> 1 after the prefix "dies/".
    const auto listIndex = [&](std::string_view prefix) -> std::optional<std::size_t> {
        if (ref.path.rfind(prefix, 0) != 0) return std::nullopt;
        const std::string rest = ref.path.substr(prefix.size());
        const auto slash = rest.find('/');
        try {
            return static_cast<std::size_t>(std::stoul(rest.substr(0, slash)));
        } catch (const std::exception&) {
            return std::nullopt;
        }
    };
    switch (c.method) {
    case Method::Inventory:
        if (const auto i = listIndex("items/")) add(*i);
        break;
    case Method::Transport:
        if (const auto i = listIndex("legs/")) add(*i);
        else
            for (std::size_t k = 0; k < r.lines.size(); ++k) add(k); // the mass moved: every leg
        break;
    case Method::Ic:
        if (const auto die = listIndex("dies/")) add(*die);
        else if (const auto m = listIndex("memory/")) {
            for (std::size_t k = c.ic.dies.size(); *m < c.ic.memory.size() && k < r.lines.size(); ++k)
                if (r.lines[k].name == c.ic.memory[*m].name && r.lines[k].factorBehind().rfind("memory:", 0) == 0) {
                    add(k);
                    break;
                }
        } else if (ref.path == "packages") {
            for (std::size_t k = 0; k < r.lines.size(); ++k)
                if (r.lines[k].factorBehind() == "ic package") add(k);
        } else {
            for (std::size_t k = 0; k < c.ic.dies.size(); ++k) add(k); // node and yield: every die
        }
        break;
    default: add(0); break; // use stage, battery, training and declared values have one line
    }
    return out;
}

QString provenance(const TableProvenance& p) {
    QString t = QStringLiteral("%1, %2").arg(text(std::string(derivationId(p.derivation)))).arg(p.year);
    if (!p.licence.empty()) t += QStringLiteral(", ") + html(p.licence);
    for (const auto& s : p.sources) t += QStringLiteral("<br>source: ") + html(s.citation);
    return t;
}

} // namespace

ComponentEditor::ComponentEditor(StudyDocument& doc, const Library& library, QWidget* parent)
    : QWidget(parent), m_doc(doc), m_library(library) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll);
    setMinimumWidth(320);
    connect(&m_doc, &StudyDocument::changed, this, [this] { followDocument(); });
    rebuild();
}

const System* ComponentEditor::currentSystem() const {
    if (m_system < 0 || m_system >= static_cast<int>(m_doc.study().systems.size())) return nullptr;
    return &m_doc.study().systems[static_cast<std::size_t>(m_system)];
}

const Component* ComponentEditor::currentComponent() const {
    const System* s = currentSystem();
    if (!s || m_component < 0 || m_component >= static_cast<int>(s->components.size())) return nullptr;
    return &s->components[static_cast<std::size_t>(m_component)];
}

void ComponentEditor::setComponent(int system, int component) {
    m_system = system;
    m_component = component;
    if (!currentSystem()) m_system = -1;
    if (!currentComponent()) m_component = -1;
    if (structureKey() != m_key) rebuild();
    else refreshValues();
}

QString ComponentEditor::structureKey() const {
    const System* s = currentSystem();
    if (!s) return QStringLiteral("none");
    QString key = QStringLiteral("%1|%2").arg(m_system).arg(text(s->id));
    const Component* c = currentComponent();
    if (!c) return key;
    const auto ci = static_cast<std::size_t>(m_component);
    key += QStringLiteral("|%1|%2|%3|%4")
               .arg(m_component)
               .arg(text(c->id), text(std::string(methodId(c->method))))
               .arg(c->hsl.level);
    for (const ParamValue& p : editableParameters(*s, ci))
        key += QStringLiteral("|%1:%2:%3:%4")
                   .arg(text(p.ref.key()), text(p.what))
                   .arg(static_cast<int>(p.dimension))
                   .arg(p.unit.empty() ? 0 : 1);
    return key;
}

void ComponentEditor::followDocument() {
    // The selection may point past the end after an undo, a removal or another study opened.
    if (!currentSystem()) m_system = -1;
    if (!currentComponent()) m_component = -1;
    if (structureKey() != m_key) rebuild();
    else refreshValues();
}

void ComponentEditor::rebuild() {
    m_rows.clear(); // first: the old fields lose the focus below
    // The old widgets may be the sender of the edit that brought us here: delete them later,
    // and with the editor if it goes first.
    if (QWidget* old = m_scroll->takeWidget()) {
        old->hide();
        old->setParent(this);
        old->deleteLater();
    }
    m_lineLabels.clear();
    m_nameEdit = nullptr;
    m_cardsBox = nullptr;
    m_cards = nullptr;
    for (auto& card : m_card) card = nullptr;
    m_options.clear();
    m_optionButtons.clear();
    m_editQuantities = nullptr;
    m_customEdit = nullptr;
    m_customApply = nullptr;
    m_message = nullptr;
    m_editing = nullptr;
    m_key = structureKey();

    m_content = new QWidget;
    auto* layout = new QVBoxLayout(m_content);
    m_title = new QLabel(m_content);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_detail = new QLabel(m_content);
    m_detail->setWordWrap(true);
    layout->addWidget(m_detail);

    const System* s = currentSystem();
    const Component* c = currentComponent();
    if (c) {
        const auto ci = static_cast<std::size_t>(m_component);
        auto* form = new QFormLayout;
        m_nameEdit = new QLineEdit(m_content);
        m_nameEdit->setToolTip(tr("The component's name (Enter renames it)"));
        connect(m_nameEdit, &QLineEdit::editingFinished, this, [this] { applyName(); });
        form->addRow(tr("Name"), m_nameEdit);
        layout->addLayout(form);

        if (c->method == Method::Hsl) {
            m_cardsBox = new QGroupBox(tr("Options (HSL-%1)").arg(c->hsl.level), m_content);
            auto* cards = new QHBoxLayout(m_cardsBox);
            m_cards = new QButtonGroup(m_cardsBox);
            m_cards->setExclusive(true);
            for (int i = 0; i < 3; ++i) {
                auto* card = new QPushButton(m_cardsBox);
                card->setCheckable(true);
                card->setMinimumHeight(48);
                card->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
                m_cards->addButton(card, i);
                cards->addWidget(card);
                m_card[i] = card;
                const Bound b = kBounds[i];
                connect(card, &QPushButton::clicked, this, [this, b] {
                    if (m_updating || m_system < 0 || m_component < 0) return;
                    m_doc.setHslBound(static_cast<std::size_t>(m_system), static_cast<std::size_t>(m_component), b);
                });
            }
            layout->addWidget(m_cardsBox);
        }

        // The calculator's other options for this block: every definition of it in the presets.
        // The option cards above already offer the bounds of this HSL level.
        for (auto& option : presetOptions(m_library, c->block, s->hslCatalogue))
            if (!(c->method == Method::Hsl && option.component.method == Method::Hsl &&
                  option.component.hsl.level == c->hsl.level))
                m_options.push_back(std::move(option));
        if (m_options.size() > 1 || (m_options.size() == 1 && !sameDefinition(m_options[0].component, *c))) {
            auto* box = new QGroupBox(tr("Options from the presets"), m_content);
            auto* grid = new QGridLayout(box);
            for (std::size_t i = 0; i < m_options.size(); ++i) {
                auto* button = new QPushButton(box);
                button->setCheckable(true);
                button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
                QString presets;
                for (const auto& id : m_options[i].presets)
                    presets += (presets.isEmpty() ? QString() : QStringLiteral(", ")) + text(id);
                button->setToolTip(tr("As in the presets %1%2")
                                       .arg(presets, m_options[i].component.note.empty()
                                                         ? QString()
                                                         : QStringLiteral("\n") + text(m_options[i].component.note)));
                grid->addWidget(button, static_cast<int>(i), 0);
                m_optionButtons.push_back(button);
                connect(button, &QPushButton::clicked, this, [this, i] {
                    if (m_updating || m_system < 0 || m_component < 0 || i >= m_options.size()) return;
                    const Component option = m_options[i].component; // the rebuild below clears m_options
                    if (!m_doc.replaceComponent(static_cast<std::size_t>(m_system),
                                                static_cast<std::size_t>(m_component), option))
                        refreshValues(); // the one in use: keep it checked
                });
            }
            layout->addWidget(box);
        }

        auto* quantities = new QGroupBox(tr("Quantities"), m_content);
        auto* grid = new QGridLayout(quantities);
        grid->setColumnStretch(1, 1);
        const auto fields = editableParameters(*s, ci);
        for (const ParamValue& p : fields) addRow(quantities, grid, p);
        if (c->method == Method::Hsl) {
            // The catalogue's quantities at the chosen option: read-only, the cards change them.
            const std::size_t n = static_cast<std::size_t>(m_system) < m_doc.results().size() &&
                                          ci < m_doc.results()[static_cast<std::size_t>(m_system)].components.size()
                                      ? m_doc.results()[static_cast<std::size_t>(m_system)].components[ci].lines.size()
                                      : 0;
            for (std::size_t i = 0; i < n; ++i) {
                auto* label = new QLabel(quantities);
                label->setWordWrap(true);
                label->setTextFormat(Qt::PlainText);
                grid->addWidget(label, static_cast<int>(i), 0, 1, 3);
                m_lineLabels.push_back(label);
            }
            if (n == 0) grid->addWidget(new QLabel(tr("No quantities in the HSL catalogue."), quantities), 0, 0);
            if (const auto editable = editableFromHsl(*c, m_library.findHsl(s->hslCatalogue))) {
                m_editQuantities = new QPushButton(tr("Edit these quantities"), quantities);
                m_editQuantities->setToolTip(
                    tr("Takes the catalogue's items at this option as the component's own inventory, whose amounts "
                       "and units you can then change (same kg at first; undo gives the HSL option back)"));
                grid->addWidget(m_editQuantities, static_cast<int>(std::max<std::size_t>(n, 1)), 0, 1, 3);
                const Component replacement = *editable;
                connect(m_editQuantities, &QPushButton::clicked, this, [this, replacement] {
                    if (m_updating || m_system < 0 || m_component < 0) return;
                    m_doc.replaceComponent(static_cast<std::size_t>(m_system), static_cast<std::size_t>(m_component),
                                           replacement);
                });
            }
        } else if (fields.empty()) {
            grid->addWidget(new QLabel(tr("No editable quantity."), quantities), 0, 0);
        }
        layout->addWidget(quantities);
        m_message = new QLabel(m_content);
        m_message->setWordWrap(true);
        m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_message->hide();
        layout->addWidget(m_message);

        auto* custom = new QGroupBox(tr("Custom value"), m_content);
        auto* row = new QHBoxLayout(custom);
        m_customEdit = new QLineEdit(custom);
        auto* validator = new QDoubleValidator(0.0, 1e15, 15, m_customEdit);
        validator->setNotation(QDoubleValidator::ScientificNotation);
        m_customEdit->setValidator(validator);
        m_customEdit->setToolTip(tr("Your own kg CO2e for this component: it replaces the method by a declared "
                                    "value whose source says it is yours (Enter or Apply; undo restores it)"));
        row->addWidget(m_customEdit, 1);
        row->addWidget(new QLabel(tr("kg CO2e"), custom));
        m_customApply = new QPushButton(tr("Apply"), custom);
        row->addWidget(m_customApply);
        connect(m_customEdit, &QLineEdit::returnPressed, this, [this] { applyCustomValue(); });
        connect(m_customApply, &QPushButton::clicked, this, [this] { applyCustomValue(); });
        layout->addWidget(custom);
    }
    if (s) {
        auto* system = new QGroupBox(tr("System"), m_content);
        auto* grid = new QGridLayout(system);
        grid->setColumnStretch(1, 1);
        addRow(system, grid, lifetimeParameter(*s));
        layout->addWidget(system);
    }
    layout->addStretch(1);
    m_scroll->setWidget(m_content);
    refreshValues();
}

void ComponentEditor::addRow(QWidget* parent, QGridLayout* grid, const ParamValue& p) {
    Row row;
    row.ref = p.ref;
    row.shownUnit = p.unit;
    const int r = grid->rowCount();
    row.label = new QLabel(parameterLabel(p), parent);
    row.label->setWordWrap(true);
    grid->addWidget(row.label, r, 0);
    row.edit = new QLineEdit(parent);
    // Any number can be typed (a grid's change is negative); the parameter's domain is checked on
    // the way in, with a message that says what it expects.
    auto* validator = new QDoubleValidator(-1e18, 1e18, 15, row.edit);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(locale());
    row.edit->setValidator(validator);
    row.edit->setAlignment(Qt::AlignRight);
    grid->addWidget(row.edit, r, 1);
    if (!p.unit.empty()) {
        row.units = new QComboBox(parent);
        for (const UnitInfo& u : unitsOf(p.dimension)) row.units->addItem(text(std::string(u.symbol)));
        row.units->setCurrentText(text(p.unit));
        grid->addWidget(row.units, r, 2);
        QComboBox* box = row.units;
        connect(box, &QComboBox::currentIndexChanged, this, [this, box] { unitChosen(box); });
    } else if (const QString hint = domainHint(p.domain); !hint.isEmpty()) {
        // A plain number: what it may be, where an amount has its unit.
        auto* label = new QLabel(hint, parent);
        label->setForegroundRole(QPalette::PlaceholderText);
        label->setToolTip(tr("expects %1").arg(text(expectedOf(p.domain))));
        grid->addWidget(label, r, 2);
    }
    QLineEdit* edit = row.edit;
    connect(edit, &QLineEdit::textEdited, this, [this, edit] { userEdited(edit); });
    edit->installEventFilter(this);
    m_rows.push_back(row);
}

void ComponentEditor::refreshValues() {
    m_updating = true;
    const System* s = currentSystem();
    const Component* c = currentComponent();
    const auto si = static_cast<std::size_t>(std::max(m_system, 0));
    const auto ci = static_cast<std::size_t>(std::max(m_component, 0));
    const ComponentResult* r = c && si < m_doc.results().size() && ci < m_doc.results()[si].components.size()
                                   ? &m_doc.results()[si].components[ci]
                                   : nullptr;
    if (!s) {
        m_title->setText(tr("<b>No system selected</b>"));
        m_detail->setText(tr("Select a system and one of its components to edit it."));
    } else if (!c) {
        m_title->setText(QStringLiteral("<b>%1</b>").arg(html(s->name)));
        m_detail->setText(tr("Select a component to edit it."));
    } else {
        const std::string block(blockName(c->block));
        m_title->setText(c->name == block ? QStringLiteral("<b>%1</b>").arg(html(c->name))
                                          : QStringLiteral("<b>%1</b> — %2").arg(html(c->name), html(block)));
        QString detail = text(std::string(methodId(c->method)));
        if (r) {
            if (!r->methodDetail.empty()) detail += QStringLiteral(": ") + text(r->methodDetail);
            detail += QStringLiteral(" — %1 kg CO2e").arg(locale().toString(units::inKgCo2e(r->co2e), 'f', 3));
        }
        m_detail->setText(detail);
        if (m_nameEdit && !m_nameEdit->hasFocus() && m_nameEdit->text() != text(c->name))
            m_nameEdit->setText(text(c->name));
    }
    if (c && c->method == Method::Hsl && m_card[0]) {
        for (int i = 0; i < 3; ++i) {
            const Bound b = kBounds[i];
            m_card[i]->setText(QStringLiteral("%1\n%2 kg CO2e")
                                   .arg(text(std::string(boundId(b))), locale().toString(optionKg(b), 'f', 3)));
            m_card[i]->setChecked(c->hsl.bound == b);
        }
        for (std::size_t i = 0; i < m_lineLabels.size(); ++i) {
            if (!r || i >= r->lines.size()) continue;
            m_lineLabels[i]->setText(lineText(r->lines[i], true));
            m_lineLabels[i]->setToolTip(QStringLiteral("<b>%1</b><br>%2")
                                            .arg(html(r->lines[i].name), factorSource(r->lines[i].factorBehind(), *c)));
        }
    }
    for (std::size_t i = 0; c && i < m_optionButtons.size() && i < m_options.size(); ++i) {
        const Component& option = m_options[i].component;
        const std::string name = option.name.empty() ? std::string(blockName(option.block)) : option.name;
        QString label = text(name);
        // "use stage (continuous 1 mW over the lifetime)": the description on a line of its own,
        // so that the button fits the dock without a horizontal scroll bar.
        if (const auto open = label.indexOf(QStringLiteral(" ("));
            open > 0 && label.endsWith(QLatin1Char(')')) && label.size() > 32)
            label[open] = QLatin1Char('\n');
        if (option.method == Method::Hsl)
            label +=
                QStringLiteral(" (HSL-%1 %2)").arg(option.hsl.level).arg(text(std::string(boundId(option.hsl.bound))));
        m_optionButtons[i]->setText(
            QStringLiteral("%1\n%2 kg CO2e").arg(label, locale().toString(replacementKg(option), 'f', 3)));
        m_optionButtons[i]->setChecked(sameDefinition(option, *c));
    }
    if (m_customEdit && r) m_customEdit->setPlaceholderText(locale().toString(units::inKgCo2e(r->co2e), 'f', 3));
    for (Row& row : m_rows) updateRow(row);
    m_updating = false;
}

std::optional<double> ComponentEditor::shownValue(const Row& row) const {
    const System* s = currentSystem();
    if (!s) return std::nullopt;
    const auto p = findParameter(*s, row.ref);
    if (!p) return std::nullopt;
    if (p->unit.empty() || row.shownUnit == p->unit) return p->value;
    const auto to = findUnit(row.shownUnit);
    if (!to) return p->value;
    return p->value * p->toInternal / to->toInternal;
}

void ComponentEditor::updateRow(Row& row) {
    const auto shown = shownValue(row);
    if (!shown) return;
    if (row.edit != m_editing && !row.edit->hasFocus()) {
        const QString formatted = format(*shown);
        const auto current = parse(row.edit->text());
        if (row.edit->text() != formatted && !(current && *current == *shown)) {
            row.edit->setText(formatted);
            row.edit->setStyleSheet(QString());
        }
    }
    const QString tip = fieldTooltip(row.ref);
    row.edit->setToolTip(tip);
    row.label->setToolTip(tip);
}

bool ComponentEditor::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusOut) {
        for (Row& row : m_rows)
            if (row.edit == watched) {
                m_updating = true;
                updateRow(row);
                m_updating = false;
            }
    }
    return QWidget::eventFilter(watched, event);
}

QString ComponentEditor::format(double value) const {
    QLocale l = locale();
    l.setNumberOptions(QLocale::OmitGroupSeparator);
    // Twelve significant digits hide the last-bit noise of unit conversions.
    return l.toString(value, 'g', 12);
}

std::optional<double> ComponentEditor::parse(const QString& t) const {
    bool ok = false;
    const double v = locale().toDouble(t.trimmed(), &ok);
    if (!ok) return std::nullopt;
    return v;
}

void ComponentEditor::showRefusal(QLineEdit* edit, const QString& message) {
    edit->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    if (!m_message) return;
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void ComponentEditor::userEdited(QLineEdit* edit) {
    if (m_updating) return;
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [edit](const Row& r) { return r.edit == edit; });
    if (it == m_rows.end() || m_system < 0) return;
    const ParamRef ref = it->ref;
    const std::string unit = it->shownUnit;
    const auto v = parse(edit->text());
    if (!v) {
        const System* s = currentSystem();
        const auto p = s ? findParameter(*s, ref) : std::nullopt;
        showRefusal(edit, tr("%1: expected a number").arg(p ? text(p->label) : text(ref.key())));
        return;
    }
    m_editing = edit;
    const OperationResult result = m_doc.setParameter(static_cast<std::size_t>(m_system), ref, *v, unit);
    m_editing = nullptr;
    // The rows may have been rebuilt by the edit: only a row still shown takes the message.
    const bool shown = std::any_of(m_rows.begin(), m_rows.end(), [edit](const Row& r) { return r.edit == edit; });
    if (shown) showRefusal(edit, result.message());
}

void ComponentEditor::unitChosen(QComboBox* box) {
    if (m_updating) return;
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [box](const Row& r) { return r.units == box; });
    if (it == m_rows.end()) return;
    // Only the value shown converts: the stored quantity keeps its unit until the value is edited,
    // and is then written in the unit shown.
    it->shownUnit = box->currentText().toStdString();
    if (const auto shown = shownValue(*it)) {
        it->edit->setText(format(*shown));
        showRefusal(it->edit, {});
    }
}

void ComponentEditor::applyCustomValue() {
    if (!m_customEdit || m_system < 0 || m_component < 0) return;
    const auto v = parse(m_customEdit->text());
    if (!v || *v < 0.0) return;
    m_doc.setCustomValue(static_cast<std::size_t>(m_system), static_cast<std::size_t>(m_component), *v);
}

void ComponentEditor::applyName() {
    if (!m_nameEdit || m_updating || m_system < 0 || m_component < 0) return;
    const std::string name = m_nameEdit->text().trimmed().toStdString();
    if (name.empty()) return;
    m_doc.renameComponent(static_cast<std::size_t>(m_system), static_cast<std::size_t>(m_component), name);
}

double ComponentEditor::optionKg(Bound bound) const {
    const Component* c = currentComponent();
    if (!c) return 0.0;
    Component option = *c;
    option.hsl.bound = bound;
    return replacementKg(option);
}

double ComponentEditor::replacementKg(const Component& replacement) const {
    if (m_system < 0 || m_component < 0) return 0.0;
    return m_doc.kgWith(static_cast<std::size_t>(m_system), static_cast<std::size_t>(m_component), replacement);
}

QString ComponentEditor::lineText(const LineResult& line, bool withFactor) const {
    QString t = text(line.name + ": " + line.quantity);
    if (withFactor && !line.factorUnit.empty())
        t += QStringLiteral(" × %1 %2").arg(text(format::general(line.factorValue, 6)), text(line.factorUnit));
    return t + QStringLiteral(" = %1 kg CO2e").arg(text(format::general(units::inKgCo2e(line.co2e), 4)));
}

QString ComponentEditor::factorSource(const std::string& id, const Component& c) const {
    const std::size_t si = static_cast<std::size_t>(std::max(m_system, 0));
    const FactorSet* set =
        si < m_doc.results().size() ? m_library.findFactorSet(m_doc.results()[si].factorSet) : nullptr;
    QString t;
    if (id.empty()) { // a declared value: the component's own sources
        t = tr("declared value");
        for (const auto& src : c.sources) t += QStringLiteral("<br>source: ") + html(src.citation);
        if (!c.note.empty()) t += QStringLiteral("<br><i>%1</i>").arg(html(c.note));
        return t;
    }
    if (id == "user grid") {
        t = tr("the component's own grid intensity");
        for (const auto& src : c.use.gridSources) t += QStringLiteral("<br>source: ") + html(src.citation);
        return t;
    }
    if (id == "grid trajectory") return tr("the mean of the component's grid trajectory over the use period");
    if (!set) return {};
    if (id.rfind("battery:", 0) == 0) {
        if (const BatteryChemistry* b = set->battery(id.substr(8)))
            return QStringLiteral("%1 (battery table): %2").arg(html(b->name), provenance(b->provenance));
        return {};
    }
    if (id.rfind("memory:", 0) == 0) {
        if (set->memory) return tr("memory table: %1").arg(provenance(set->memory->provenance));
        return {};
    }
    if (id == "ic package") {
        if (set->processNodes) return tr("process-node table: %1").arg(provenance(set->processNodes->provenance));
        return {};
    }
    if (c.method == Method::Ic && id == c.ic.fabGrid && set->processNodes)
        t = tr("ACT per-area model (fab grid × EPA + GPA + MPA) / yield; process-node table: %1<br>fab grid: ")
                .arg(provenance(set->processNodes->provenance));
    if (const Factor* f = set->find(id)) {
        t += QStringLiteral("%1 [%2], %3, %4")
                 .arg(html(f->name), html(f->id), html(std::string(derivationId(f->derivation))))
                 .arg(f->year);
        if (!f->licence.empty()) t += QStringLiteral(", ") + html(f->licence);
        for (const auto& src : f->sources) {
            t += QStringLiteral("<br>source: ") + html(src.citation);
            if (!src.url.empty()) t += QStringLiteral(" (%1)").arg(html(src.url));
        }
    }
    return t;
}

QString ComponentEditor::fieldTooltip(const ParamRef& ref) const {
    const System* s = currentSystem();
    if (!s) return {};
    const auto si = static_cast<std::size_t>(m_system);
    const auto ci = static_cast<std::size_t>(std::max(m_component, 0));
    const auto p = findParameter(*s, ref);
    if (!p) return {};
    QString t = QStringLiteral("<b>%1</b> (<tt>%2</tt>)<br>%3")
                    .arg(parameterLabel(*p).toHtmlEscaped(), html(ref.key()),
                         tr("expects %1").arg(html(expectedOf(p->domain))));
    if (si >= m_doc.results().size()) return t;
    const Result& result = m_doc.results()[si];
    if (ref.kind == ParamRef::Kind::Lifetime) {
        t += tr("<br>The use stages without a duration of their own run for the lifetime; battery replacements "
                "are counted over it.");
        for (std::size_t i = 0; i < s->components.size() && i < result.components.size(); ++i) {
            const Component& c = s->components[i];
            if (c.method != Method::UsePower || c.duration || result.components[i].lines.empty()) continue;
            const LineResult& l = result.components[i].lines.front();
            t += QStringLiteral("<br>%1 — %2").arg(html(c.name), lineText(l, false).toHtmlEscaped());
            if (!l.factorUnit.empty())
                t += tr("<br>multiplied by %1 %2").arg(text(format::general(l.factorValue, 6)), html(l.factorUnit));
            t += QStringLiteral("<br>%1").arg(factorSource(l.factorBehind(), c));
        }
        return t;
    }
    const Component* c = currentComponent();
    if (!c || ci >= result.components.size()) return t;
    const ComponentResult& r = result.components[ci];
    const auto lines = linesOf(*c, r, ref);
    if (lines.empty()) t += tr("<br>No line of the result uses it (a factor may be missing).");
    for (std::size_t i : lines) {
        const LineResult& l = r.lines[i];
        t += QStringLiteral("<br>%1").arg(lineText(l, false).toHtmlEscaped());
        if (!l.factorUnit.empty())
            t += tr("<br>multiplied by %1 %2").arg(text(format::general(l.factorValue, 6)), html(l.factorUnit));
        const QString src = factorSource(l.factorBehind(), *c);
        if (!src.isEmpty()) t += QStringLiteral("<br>") + src;
    }
    return t;
}

QAbstractButton* ComponentEditor::optionCard(Bound bound) const {
    for (int i = 0; i < 3; ++i)
        if (kBounds[i] == bound) return m_card[i];
    return nullptr;
}

std::vector<ParamRef> ComponentEditor::fields() const {
    std::vector<ParamRef> out;
    for (const Row& r : m_rows) out.push_back(r.ref);
    return out;
}

QLineEdit* ComponentEditor::valueEdit(const ParamRef& ref) const {
    for (const Row& r : m_rows)
        if (r.ref == ref) return r.edit;
    return nullptr;
}

QComboBox* ComponentEditor::unitBox(const ParamRef& ref) const {
    for (const Row& r : m_rows)
        if (r.ref == ref) return r.units;
    return nullptr;
}

} // namespace tinyfoot::studio
