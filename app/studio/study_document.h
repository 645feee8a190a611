// The open study of TinyFoot Studio: the engine's Study, its file, the undo stack and the results
// computed from it. Loads refuse bad files without touching the open study; saves are atomic.
#pragma once

#include "data_library.h"

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

    const Study& study() const { return m_study; }
    const std::vector<Result>& results() const { return m_results; }
    const QString& fileName() const { return m_file; }
    QUndoStack& undoStack() { return m_undo; }
    bool isModified() const { return !m_undo.isClean(); }
    /// The factor set results are computed with (the study's, else the library's default).
    QString factorSetId() const;

    /// Loads a study or system file. On failure returns the message (file, member, expected) and
    /// leaves the open study as it was.
    QString open(const QString& file);
    /// Saves atomically (a temporary file renamed over the target). Returns an error or "".
    QString saveAs(const QString& file);
    /// Replaces the study (used by the undo commands and "new"); recomputes the results.
    void setStudy(Study study);
    void setFactorSet(const QString& id);

    /// Undoable edits, one command class each.
    void setComponentEnabled(std::size_t system, std::size_t component, bool enabled);
    void setHslBound(std::size_t system, std::size_t component, Bound bound);

signals:
    void changed();

private:
    void recompute();
    const Library& m_library;
    Study m_study;
    std::vector<Result> m_results;
    QString m_file;
    QUndoStack m_undo;
};

} // namespace tinyfoot::studio
