// Asks for a user component the way the calculator's "extra components" do: a name, a functional
// block, a kg CO2e value and, optionally, a note or source. The component is added as a declared
// value whose source says it was entered by the user (AddComponentCommand, through
// StudyDocument::addComponent).
#pragma once

#include "study_document.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace tinyfoot::studio {

class AddComponentDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddComponentDialog(QWidget* parent = nullptr);

    QString name() const;
    Block block() const;
    void setBlock(Block block);
    /// The value typed (locale-aware), or nothing while the field is empty or not a number >= 0.
    std::optional<double> kgCo2e() const;
    QString note() const;
    /// Whether the fields make a component (a name and a kg value); OK is enabled only then.
    bool isComplete() const;
    /// Adds the component to the document's system `system` (one undo step). False when the
    /// fields are incomplete or the system does not exist.
    bool addTo(StudyDocument& doc, std::size_t system) const;

    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* blockBox() const { return m_block; }
    QLineEdit* kgEdit() const { return m_kg; }
    QPlainTextEdit* noteEdit() const { return m_note; }

private:
    void updateOk();
    QLineEdit* m_name = nullptr;
    QComboBox* m_block = nullptr;
    QLineEdit* m_kg = nullptr;
    QPlainTextEdit* m_note = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace tinyfoot::studio
