// The undo commands of TinyFoot Studio, one class per kind of edit (after Tiled), and the
// editable quantities ("fields") of a component they address. StudyDocument's edit methods are
// the entry points: they check the edit and push one of these.
//
// Every command that edits a system marks it as no longer a preset reference (the study is then
// saved with a copy) and restores the reference on undo, so that redo then undo gives the study
// back exactly (studyToJson is equal).
#pragma once

#include "study_document.h"

#include <QString>
#include <QUndoCommand>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot::studio {

/// The citation of the source user-entered values carry (custom values, user components).
inline constexpr std::string_view kUserSource = "User-entered value (TinyFoot Studio)";

/// A field's value as stored: the number as written, its unit, and the dimension. Plain numbers
/// (a process node in nm, a count of cells or devices) have no dimension and a fixed unit label.
struct FieldValue {
    double value = 0.0;
    std::string unit;
    std::optional<Dimension> dimension;
};

/// The editable quantities of a component in display order (the system's lifetime not included).
std::vector<AmountField> fieldsOf(const Component& component);

/// The value of a field; nothing when the component has no such field. The use-stage duration
/// reads as the system's lifetime when the component gives none.
std::optional<FieldValue> readField(const System& system, std::size_t component, AmountField field);

/// Writes `value` in `unit` into the field. False (and `system` untouched) when the component has
/// no such field, the unit is not one of the field's dimension, or the value is not finite, is
/// negative, or is zero where the file format needs a positive number.
bool writeField(System& system, std::size_t component, AmountField field, double value, const std::string& unit);

/// Whether the file format needs the field's value to be positive (not only non-negative).
bool fieldNeedsPositive(AmountField::Kind kind);

/// A readable name of the field: "die area, MCU", "average power", "lifetime".
QString fieldLabel(const System& system, std::size_t component, AmountField field);

/// The units of one dimension, smallest first as in the engine's unit table (built from
/// acceptedUnits and findUnit, so the list is the engine's).
std::vector<UnitInfo> unitsOf(Dimension dimension);

/// A user component: a declared kg CO2e value (Method::Fixed) with a user-entered source, an id
/// not yet used in `system`, and `note` when given.
Component userComponent(const System& system, const std::string& name, Block block, double kgCo2e,
                        const std::string& note);

/// `component` with its method replaced by the user's own declared value; the note says so.
Component customValueComponent(const Component& component, double kgCo2e);

/// Leaves a component in or out of the totals.
class SetEnabledCommand : public QUndoCommand {
public:
    SetEnabledCommand(StudyDocument& doc, std::size_t system, std::size_t component, bool enabled);
    void redo() override;
    void undo() override;

private:
    void apply(bool enabled, const std::string& preset);
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    bool m_new, m_old;
    std::string m_preset;
};

/// Picks the lower, typical or upper option of an HSL component (the calculator's cards).
class SetBoundCommand : public QUndoCommand {
public:
    SetBoundCommand(StudyDocument& doc, std::size_t system, std::size_t component, Bound bound);
    void redo() override;
    void undo() override;

private:
    void apply(Bound bound, const std::string& preset);
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    Bound m_new, m_old;
    std::string m_preset;
};

/// Sets one physical quantity (or the system's lifetime) to a value in a chosen unit. Typing
/// merges: consecutive commands on the same field become one undo step.
class SetAmountCommand : public QUndoCommand {
public:
    /// QUndoCommand::id() of every SetAmountCommand.
    static constexpr int kId = 0x54460001;
    /// The edit must be valid (StudyDocument::setAmount checks it with writeField first).
    SetAmountCommand(StudyDocument& doc, std::size_t system, std::size_t component, AmountField field, double value,
                     const std::string& unit);
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override;
    void undo() override;
    AmountField field() const { return m_field; }

private:
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    AmountField m_field;
    System m_before; ///< with its preset reference
    System m_after;  ///< edited: no preset reference
};

/// Replaces a component by another definition of its block: one of the calculator's options as
/// the presets define it, the user's custom value, an HSL component's items as its own inventory.
/// The component keeps its id and whether it counts. `text`: the undo stack's name of the edit.
class ReplaceComponentCommand : public QUndoCommand {
public:
    ReplaceComponentCommand(StudyDocument& doc, std::size_t system, std::size_t component, Component replacement,
                            const QString& text = {});
    void redo() override;
    void undo() override;

private:
    void apply(const Component& component, const std::string& preset);
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    Component m_before, m_after;
    std::string m_preset;
};

/// Computes the study under another factor set (saved with it as its "factor_set").
class SetFactorSetCommand : public QUndoCommand {
public:
    SetFactorSetCommand(StudyDocument& doc, std::string factorSet);
    void redo() override;
    void undo() override;

private:
    void apply(const std::string& id);
    StudyDocument& m_doc;
    std::string m_before, m_after;
};

/// A definition of a block found in the library's presets, with the presets that use it.
struct ComponentOption {
    Component component;
    std::vector<std::string> presets;
};

/// Whether two components are computed alike: the same block, method and quantities (ids,
/// names, notes, sources and whether they count aside).
bool sameDefinition(const Component& a, const Component& b);

/// The distinct definitions of `block` in the TinyML presets of `library` whose HSL components
/// (if any) use `hslCatalogue`, in the order first met: the calculator's option cards for blocks
/// whose options are not one HSL level's bounds (ML training DenseNet / MobileNetV1, mains power,
/// the sensing levels …).
std::vector<ComponentOption> presetOptions(const Library& library, Block block, const std::string& hslCatalogue);

/// An HSL component as the inventory (or the freight legs) of its level at its bound: the same
/// items, amounts and factors, now editable one by one; the catalogue's sources go with it.
/// Nothing for a level that is missing or mixes items with freight legs.
std::optional<Component> editableFromHsl(const Component& hslComponent, const HslCatalogue* catalogue);

/// Inserts a component (a user's declared value) into a system at an index.
class AddComponentCommand : public QUndoCommand {
public:
    AddComponentCommand(StudyDocument& doc, std::size_t system, std::size_t index, Component component);
    void redo() override;
    void undo() override;

private:
    StudyDocument& m_doc;
    std::size_t m_s, m_index;
    Component m_component;
    std::string m_preset;
};

/// Removes a component; undo puts it back at the same index.
class RemoveComponentCommand : public QUndoCommand {
public:
    RemoveComponentCommand(StudyDocument& doc, std::size_t system, std::size_t component);
    void redo() override;
    void undo() override;

private:
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    Component m_component;
    std::string m_preset;
};

/// Renames a component.
class RenameComponentCommand : public QUndoCommand {
public:
    RenameComponentCommand(StudyDocument& doc, std::size_t system, std::size_t component, std::string name);
    void redo() override;
    void undo() override;

private:
    void apply(const std::string& name, const std::string& preset);
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    std::string m_new, m_old, m_preset;
};

/// Inserts a system (a preset from the gallery) into the study at an index.
class AddSystemCommand : public QUndoCommand {
public:
    AddSystemCommand(StudyDocument& doc, std::size_t index, System system);
    void redo() override;
    void undo() override;

private:
    StudyDocument& m_doc;
    std::size_t m_index;
    System m_system;
};

/// Removes a system from the study; undo puts it back at the same index.
class RemoveSystemCommand : public QUndoCommand {
public:
    RemoveSystemCommand(StudyDocument& doc, std::size_t system);
    void redo() override;
    void undo() override;

private:
    StudyDocument& m_doc;
    std::size_t m_index;
    System m_system;
};

} // namespace tinyfoot::studio
