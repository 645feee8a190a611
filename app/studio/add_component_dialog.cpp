#include "add_component_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tinyfoot::studio {

AddComponentDialog::AddComponentDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Add a component"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. enclosure gasket"));
    form->addRow(tr("&Name"), m_name);
    m_block = new QComboBox(this);
    for (Block b : kAllBlocks) m_block->addItem(QString::fromStdString(std::string(blockName(b))), static_cast<int>(b));
    m_block->setCurrentIndex(m_block->findData(static_cast<int>(Block::Others)));
    form->addRow(tr("&Block"), m_block);
    m_kg = new QLineEdit(this);
    auto* validator = new QDoubleValidator(0.0, 1e15, 15, m_kg);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(locale());
    m_kg->setValidator(validator);
    m_kg->setPlaceholderText(tr("kg CO2e"));
    form->addRow(tr("&Value (kg CO2e)"), m_kg);
    m_note = new QPlainTextEdit(this);
    m_note->setPlaceholderText(tr("Where the value comes from (optional): a report, a measurement, an estimate"));
    m_note->setMaximumHeight(80);
    form->addRow(tr("Note or &source"), m_note);
    layout->addLayout(form);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, [this] { updateOk(); });
    connect(m_kg, &QLineEdit::textChanged, this, [this] { updateOk(); });
    updateOk();
}

QString AddComponentDialog::name() const { return m_name->text().trimmed(); }

Block AddComponentDialog::block() const { return static_cast<Block>(m_block->currentData().toInt()); }

void AddComponentDialog::setBlock(Block block) { m_block->setCurrentIndex(m_block->findData(static_cast<int>(block))); }

std::optional<double> AddComponentDialog::kgCo2e() const {
    bool ok = false;
    const double v = locale().toDouble(m_kg->text().trimmed(), &ok);
    if (!ok || !(v >= 0.0)) return std::nullopt;
    return v;
}

QString AddComponentDialog::note() const { return m_note->toPlainText().trimmed(); }

bool AddComponentDialog::isComplete() const { return !name().isEmpty() && kgCo2e().has_value(); }

void AddComponentDialog::updateOk() { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isComplete()); }

bool AddComponentDialog::addTo(StudyDocument& doc, std::size_t system) const {
    const auto kg = kgCo2e();
    if (!kg || name().isEmpty()) return false;
    return doc.addComponent(system, name().toStdString(), block(), *kg, note().toStdString());
}

} // namespace tinyfoot::studio
