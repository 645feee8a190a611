// The undo command of the study views' run settings: it replaces the study's "analysis" member
// (its JSON text) as a whole, so that fleet size, horizon, samples, seed and distributions are
// edits of the study like any other, saved with it and undone with Ctrl+Z.
#pragma once

#include "study_document.h"

#include <QString>
#include <QUndoCommand>

#include <string>

namespace tinyfoot::studio {

/// Replaces the study's analysis member (its JSON text). Consecutive edits with the same merge
/// id (one id per setting) merge into one undo step, as typing in a field does.
class EditAnalysisCommand : public QUndoCommand {
public:
    EditAnalysisCommand(StudyDocument& doc, std::string before, std::string after, int mergeId, const QString& text);
    void redo() override;
    void undo() override;
    int id() const override { return m_id; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void apply(const std::string& json);
    StudyDocument& m_doc;
    std::string m_before, m_after;
    int m_id;
};

} // namespace tinyfoot::studio
