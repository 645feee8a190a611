// The open study of TinyFoot Studio: the engine's Study, its file, the undo stack and the results
// computed from it. Loads refuse bad files without touching the open study; saves are atomic.
// Every edit is a method here that pushes one command of edit_commands.h.
#pragma once

#include "data_library.h"
#include "operation_result.h"
#include "parameter_edit.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/system.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <vector>

namespace tinyfoot::studio {

class StudyDocument : public QObject {
    Q_OBJECT
public:
    explicit StudyDocument(const Library& library, QObject* parent = nullptr);

    const Library& library() const { return m_library; }
    const Study& study() const { return m_study; }
    const std::vector<Result>& results() const { return m_results; }
    const QString& fileName() const { return m_file; }
    QUndoStack& undoStack() { return m_undo; }
    bool isModified() const { return !m_undo.isClean(); }
    /// Whether save() can write to the document's own file (it has one, and it is not a system file).
    bool canSave() const { return !m_file.isEmpty() && !m_fileIsSystem; }
    /// The kg CO2e component `component` of system `system` would give if it were `replacement`
    /// (same id), under the document's factor set: what the option cards show. 0 when out of range.
    double kgWith(std::size_t system, std::size_t component, const Component& replacement) const;
    /// The factor set the results are computed with: the study's, else the library's default.
    const FactorSet* factorSet() const;
    /// The factor set results are computed with (the study's, else the library's default).
    QString factorSetId() const;

    /// Loads a study or system file. A failure says what was wrong (file, member, expected) and
    /// leaves the open study as it was.
    OperationResult open(const QString& file);
    /// Saves atomically (a temporary file renamed over the target). A study without systems is
    /// refused (open() could not read it back).
    OperationResult saveAs(const QString& file);
    /// Saves to the document's own file (as saveAs). Refused when it has none, and when that file
    /// holds a single system (saving would turn a system file into a study): use saveAs.
    OperationResult save();
    /// An empty study with no file, clean, with the undo history cleared.
    void newStudy();
    /// Restores an autosave (autosave.h): loads `autosaveFile` through the same loader as open(),
    /// keeps `originalFile` as the document's file and leaves the document modified, so that the
    /// user saves it. A failure leaves the document as it was.
    OperationResult recover(const QString& autosaveFile, const QString& originalFile);
    /// Replaces the study (used by the undo commands and "new"); recomputes the results.
    void setStudy(Study study);
    /// Computes the study under another factor set of the library, through the undo stack; false
    /// for the set in use or an unknown one.
    bool setFactorSet(const QString& id);

    /// Undoable edits, one command class each (edit_commands.h). Edits that would change nothing
    /// or address nothing push no command; those returning bool say whether one was pushed.
    void setComponentEnabled(std::size_t system, std::size_t component, bool enabled);
    void setHslBound(std::size_t system, std::size_t component, Bound bound);
    /// Sets a number of system `system`, named by its key (the lifetime, or a component's
    /// parameter as editableParameters lists it), to `value` in `unit` (a symbol of its
    /// dimension; ignored for plain numbers), through one SetParameterCommand. Consecutive edits
    /// of the same parameter merge into one undo step. A value outside the parameter's domain, a
    /// unit of another dimension or a key that names nothing is refused with a message naming the
    /// field and what it expects, and the study is left as it was. A value it already has
    /// succeeds and pushes nothing.
    OperationResult setParameter(std::size_t system, const ParamRef& ref, double value, const std::string& unit);
    /// Replaces the component's method by the user's own declared value (the calculator's
    /// "custom value").
    bool setCustomValue(std::size_t system, std::size_t component, double kgCo2e);
    /// Replaces a component by another definition of its block (keeping its id and whether it
    /// counts); false when it is the same definition or the block differs.
    bool replaceComponent(std::size_t system, std::size_t component, const Component& replacement);
    /// Appends a user component: a declared value with a user-entered source (and `note`).
    bool addComponent(std::size_t system, const std::string& name, Block block, double kgCo2e, const std::string& note);
    /// Removes a component (not a system's last one: a system needs a component).
    bool removeComponent(std::size_t system, std::size_t component);
    bool renameComponent(std::size_t system, std::size_t component, const std::string& name);
    /// Appends the library's preset `presetId`, kept as a preset reference until edited.
    bool addSystem(const std::string& presetId);
    /// Adds a copy of a system right after it (a variant to edit and compare), with an id of its
    /// own; saved in full.
    bool duplicateSystem(std::size_t system);
    /// Removes a system (not the study's last one: a study file needs a system).
    bool removeSystem(std::size_t system);
    /// The entries of the study's analysis that name system `system` and would fail without it:
    /// a difference with it (uncertainty "differences"), a sweep over a parameter or an input
    /// distribution of a key no other system has. Each as the user reads it ("difference
    /// kws-best − image-worst", "sweep use-power (use_stage/power)"). Empty when none does.
    QStringList analysisEntriesNaming(std::size_t system) const;
    /// Removes the system and the analysis entries naming it (analysisEntriesNaming) as one undo
    /// step; false as removeSystem.
    bool removeSystemAndAnalysis(std::size_t system);

signals:
    void changed();

private:
    void recompute();
    /// `base`, or `base-2`, `base-3` … whichever no system of the study has.
    std::string unusedSystemId(const std::string& base) const;
    const Library& m_library;
    Study m_study;
    std::vector<Result> m_results;
    QString m_file;
    bool m_fileIsSystem = false; ///< m_file holds a "tinyfoot.system" document
    QUndoStack m_undo;
};

} // namespace tinyfoot::studio
