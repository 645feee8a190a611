// Edits the selected component of the open study: the calculator's HSL option cards with the kg
// each would give, a custom value, every number of the component's model as the engine lists it
// (editableParameters: amounts with a unit of their dimension to choose, plain numbers such as
// fractions, PUE, counts and cycle lives; each with, in its tooltip, its key and the factor it is
// multiplied by with that factor's source), and the system's lifetime. Rows are addressed by the
// engine's ParamRef. Every edit goes through StudyDocument::setParameter (one undo command per
// edit; typing in a field merges into one step); a value it refuses turns the field red and the
// message under the quantities names the field and what it expects.
//
// The editor follows StudyDocument::changed without losing the field being typed in: while the
// same component stays selected (same fields) its widgets are kept and only values that differ
// are updated, never in the field that has the focus.
#pragma once

#include "component_factories.h"
#include "edit_commands.h"
#include "study_document.h"

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace tinyfoot::studio {

class ComponentEditor : public QWidget {
    Q_OBJECT
public:
    ComponentEditor(StudyDocument& doc, const Library& library, QWidget* parent = nullptr);

    /// Shows component `component` of system `system`; -1 (or an index out of range) for none.
    /// With a system and no component only the system's lifetime is shown.
    void setComponent(int system, int component);
    int system() const { return m_system; }
    int component() const { return m_component; }

    // What is shown, for the main window and for tests (null when not shown).
    /// The HSL option card of `bound`: checkable, labelled with the kg CO2e it gives.
    QAbstractButton* optionCard(Bound bound) const;
    /// The parameters shown, in display order; the system's lifetime last.
    std::vector<ParamRef> fields() const;
    QLineEdit* valueEdit(const ParamRef& ref) const;
    /// The unit of a parameter's value as shown; null for plain numbers (node in nm, counts).
    QComboBox* unitBox(const ParamRef& ref) const;
    /// Why the last value typed was refused (hidden when it was accepted).
    QLabel* messageLabel() const { return m_message; }
    /// The buttons of the block's definitions found in the presets, checked for the one in use.
    const std::vector<QPushButton*>& presetOptionButtons() const { return m_optionButtons; }
    /// For an HSL component: turns its catalogue items into its own editable inventory.
    QPushButton* editQuantitiesButton() const { return m_editQuantities; }
    QLineEdit* customValueEdit() const { return m_customEdit; }
    QPushButton* customValueButton() const { return m_customApply; }
    QLineEdit* nameEdit() const { return m_nameEdit; }

protected:
    /// A field that loses the focus shows the document's value again.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Row {
        ParamRef ref;
        QLabel* label = nullptr;
        QLineEdit* edit = nullptr;
        QComboBox* units = nullptr; ///< null for plain numbers
        std::string shownUnit;      ///< the unit the value is shown in (the stored one at first)
    };

    const System* currentSystem() const;
    const Component* currentComponent() const;
    /// Describes what the widgets were built for: when it changes, they are built again.
    QString structureKey() const;
    void followDocument();
    void rebuild();
    void refreshValues();
    void addRow(QWidget* parent, QGridLayout* grid, const ParamValue& parameter);
    void updateRow(Row& row);
    /// The stored value of a row's field in the unit it is shown in.
    std::optional<double> shownValue(const Row& row) const;
    void userEdited(QLineEdit* edit);
    void unitChosen(QComboBox* box);
    void applyCustomValue();
    void applyName();

    /// The kg CO2e the component gives at `bound` (a copy of the system calculated).
    double optionKg(Bound bound) const;
    /// The factor a field is multiplied by, with its source (rich text).
    QString fieldTooltip(const ParamRef& ref) const;
    void showRefusal(QLineEdit* edit, const QString& message);
    /// "name: quantity [× factor] = kg CO2e" of a result line.
    QString lineText(const LineResult& line, bool withFactor) const;
    /// Where a line's factor comes from (LineResult::factorBehind(): a factor id, a table row, the
    /// component's own grid; "" for a declared value), with its provenance, as tooltip HTML.
    QString factorSource(const std::string& entry, const Component& component) const;
    QString format(double value) const;
    std::optional<double> parse(const QString& text) const;

    StudyDocument& m_doc;
    const Library& m_library;
    int m_system = -1;
    int m_component = -1;
    QString m_key;

    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_detail = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QGroupBox* m_cardsBox = nullptr;
    QButtonGroup* m_cards = nullptr;
    QAbstractButton* m_card[3] = {nullptr, nullptr, nullptr};
    /// The block's definitions in the presets (the calculator's other options) and their buttons.
    std::vector<ComponentOption> m_options;
    std::vector<QPushButton*> m_optionButtons;
    QPushButton* m_editQuantities = nullptr;
    double replacementKg(const Component& replacement) const;
    std::vector<QLabel*> m_lineLabels; ///< HSL components: the catalogue's lines, read-only
    QLineEdit* m_customEdit = nullptr;
    QPushButton* m_customApply = nullptr;
    QLabel* m_message = nullptr;
    std::vector<Row> m_rows;
    QLineEdit* m_editing = nullptr; ///< the field whose edit is being pushed
    bool m_updating = false;        ///< widgets being set from the document
};

} // namespace tinyfoot::studio
