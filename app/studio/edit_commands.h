// The undo commands of TinyFoot Studio, one class per kind of edit (after Tiled). StudyDocument's
// edit methods are the entry points: they check the edit and push one of these. The numbers they
// set are named by the engine's ParamRef and written with setSystemParameter (parameter_edit.h);
// the components they insert come from component_factories.h.
//
// Every command that edits a system marks it as no longer a preset reference (the study is then
// saved with a copy) and restores the reference on undo, so that redo then undo gives the study
// back exactly (studyToJson is equal).
#pragma once

#include "study_document.h"

#include <QString>
#include <QUndoCommand>

#include <string>

namespace tinyfoot::studio {

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

/// Sets one number of a system, named by its ParamRef (the lifetime or a component's parameter),
/// to a value in a chosen unit of its dimension, written with setSystemParameter. Typing merges:
/// consecutive commands on the same parameter become one undo step. Undo puts the whole system
/// back, so the value and the unit it was written in are exactly as before.
class SetParameterCommand : public QUndoCommand {
public:
    /// QUndoCommand::id() of every SetParameterCommand.
    static constexpr int kId = 0x54460001;
    /// The edit must be valid (StudyDocument::setParameter checks it with refusal() first).
    SetParameterCommand(StudyDocument& doc, std::size_t system, ParamRef ref, double value, const std::string& unit);
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override;
    void undo() override;
    const ParamRef& ref() const { return m_ref; }

private:
    StudyDocument& m_doc;
    std::size_t m_s;
    ParamRef m_ref;
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
