#include "input_distribution_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace tinyfoot::studio {

namespace {

using Json = nlohmann::json;

/// The members a distribution takes, in the order the dialog shows them.
std::vector<const char*> membersOf(const QString& kind) {
    if (kind == QLatin1String("uniform")) return {"lower", "upper"};
    if (kind == QLatin1String("triangular")) return {"lower", "mode", "upper"};
    if (kind == QLatin1String("normal")) return {"mean", "sd"};
    if (kind == QLatin1String("lognormal")) return {"median", "gsd"};
    return {};
}

} // namespace

InputDistributionDialog::InputDistributionDialog(std::vector<Input> inputs, Json entries, Apply write, QWidget* parent)
    : QDialog(parent), m_inputs(std::move(inputs)), m_entries(std::move(entries)), m_apply(std::move(write)) {
    setWindowTitle(tr("Input distribution"));
    m_key = new QComboBox(this);
    m_key->setEditable(true);
    for (const auto& in : m_inputs) m_key->addItem(QString::fromStdString(in.key));
    m_kind = new QComboBox(this);
    for (const char* id : {"default", "fixed", "uniform", "triangular", "normal", "lognormal"})
        m_kind->addItem(QString::fromLatin1(id));
    m_kind->setToolTip(tr("default: the study's HSL or factor default for this input"));
    m_relative = new QCheckBox(tr("values are multiples of the input's own value"), this);
    m_unit = new QLineEdit(this);
    auto* form = new QFormLayout;
    form->addRow(tr("Input:"), m_key);
    form->addRow(tr("Distribution:"), m_kind);
    form->addRow(QString(), m_relative);
    form->addRow(tr("Unit:"), m_unit);
    for (int i = 0; i < 3; ++i) {
        m_names[i] = new QLabel(this);
        m_values[i] = new QLineEdit(this);
        form->addRow(m_names[i], m_values[i]);
    }
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { (void)apply(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_key, &QComboBox::currentTextChanged, this, [this] { showEntry(); });
    connect(m_kind, &QComboBox::currentTextChanged, this, [this] { showLabels(); });
    connect(m_relative, &QCheckBox::toggled, this, [this] { showLabels(); });
    showEntry();
}

void InputDistributionDialog::showEntry() {
    const std::string key = m_key->currentText().toStdString();
    Json entry;
    if (m_entries.is_array())
        for (const Json& e : m_entries)
            if (e.is_object() && e.value("input", std::string()) == key) entry = e;
    std::string unit;
    for (const auto& in : m_inputs)
        if (in.key == key) unit = in.unit;
    const QSignalBlocker b1(m_kind), b2(m_relative);
    m_kind->setCurrentText(entry.is_object() ? QString::fromStdString(entry.value("distribution", std::string()))
                                             : QStringLiteral("default"));
    m_relative->setChecked(entry.is_object() && entry.value("relative", false));
    m_unit->setText(QString::fromStdString(entry.is_object() ? entry.value("unit", unit) : unit));
    const auto members = membersOf(m_kind->currentText());
    for (std::size_t i = 0; i < 3; ++i)
        m_values[i]->setText(i < members.size() && entry.is_object() && entry.contains(members[i]) &&
                                     entry[members[i]].is_number()
                                 ? QString::number(entry[members[i]].get<double>(), 'g', 12)
                                 : QString());
    showLabels();
}

void InputDistributionDialog::showLabels() {
    const auto members = membersOf(m_kind->currentText());
    for (std::size_t i = 0; i < 3; ++i) {
        const bool used = i < members.size();
        m_names[i]->setText(used ? QString::fromLatin1(members[i]) + QLatin1Char(':') : QString());
        m_names[i]->setVisible(used);
        m_values[i]->setVisible(used);
    }
    m_relative->setEnabled(!members.empty());
    m_unit->setEnabled(!members.empty() && !m_relative->isChecked());
}

void InputDistributionDialog::setFields(const QString& key, const QString& distribution, bool relative,
                                        const QString& unit, const std::vector<double>& values) {
    m_key->setCurrentText(key);
    m_kind->setCurrentText(distribution);
    m_relative->setChecked(relative);
    m_unit->setText(unit);
    for (std::size_t i = 0; i < 3; ++i)
        m_values[i]->setText(i < values.size() ? QString::number(values[i], 'g', 17) : QString());
}

OperationResult InputDistributionDialog::apply() {
    const QString kind = m_kind->currentText();
    Json spec; // null: the default
    if (kind != QLatin1String("default")) {
        spec = Json::object();
        spec["distribution"] = kind.toStdString();
        const auto members = membersOf(kind);
        if (!members.empty()) {
            if (m_relative->isChecked()) spec["relative"] = true;
            else if (!m_unit->text().trimmed().isEmpty()) spec["unit"] = m_unit->text().trimmed().toStdString();
        }
        for (std::size_t i = 0; i < members.size(); ++i) {
            bool ok = false;
            const double v = QLocale::c().toDouble(m_values[i]->text().trimmed(), &ok);
            if (!ok) {
                const OperationResult bad =
                    OperationResult::failure(tr("%1: expected a number").arg(QString::fromLatin1(members[i])));
                m_error->setText(bad.message());
                return bad;
            }
            spec[members[i]] = v;
        }
    }
    const OperationResult r = m_apply(m_key->currentText().trimmed().toStdString(), spec);
    m_error->setText(r.message());
    if (r.succeeded()) accept();
    return r;
}

} // namespace tinyfoot::studio
