#include "edit_analysis_command.h"

#include <utility>

namespace tinyfoot::studio {

EditAnalysisCommand::EditAnalysisCommand(StudyDocument& doc, std::string before, std::string after, int mergeId,
                                         const QString& text)
    : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)), m_id(mergeId) {
    setText(text);
}

void EditAnalysisCommand::redo() { apply(m_after); }
void EditAnalysisCommand::undo() { apply(m_before); }

bool EditAnalysisCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id()) return false;
    m_after = static_cast<const EditAnalysisCommand*>(other)->m_after;
    setText(other->text());
    return true;
}

void EditAnalysisCommand::apply(const std::string& json) {
    Study st = m_doc.study();
    st.analysisJson = json;
    m_doc.setStudy(std::move(st));
}

} // namespace tinyfoot::studio
