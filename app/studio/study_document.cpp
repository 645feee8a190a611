#include "study_document.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/writer.h"

#include <QUndoCommand>

namespace tinyfoot::studio {

namespace {

/// Leaves a component in or out of the totals.
class SetEnabledCommand : public QUndoCommand {
public:
    SetEnabledCommand(StudyDocument& doc, std::size_t s, std::size_t c, bool enabled)
        : m_doc(doc), m_s(s), m_c(c), m_new(enabled), m_old(doc.study().systems[s].components[c].enabled),
          m_preset(doc.study().systems[s].presetId) {
        setText(QStringLiteral("%1 %2").arg(enabled ? QStringLiteral("Include") : QStringLiteral("Leave out"),
                                            QString::fromStdString(doc.study().systems[s].components[c].name)));
    }
    void redo() override { apply(m_new, {}); } // edited: saved as a copy, not a preset reference
    void undo() override { apply(m_old, m_preset); }

private:
    void apply(bool v, const std::string& preset) {
        Study st = m_doc.study();
        st.systems[m_s].components[m_c].enabled = v;
        st.systems[m_s].presetId = preset;
        m_doc.setStudy(std::move(st));
    }
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    bool m_new, m_old;
    std::string m_preset;
};

/// Picks the lower, typical or upper option of an HSL component (the calculator's cards).
class SetBoundCommand : public QUndoCommand {
public:
    SetBoundCommand(StudyDocument& doc, std::size_t s, std::size_t c, Bound bound)
        : m_doc(doc), m_s(s), m_c(c), m_new(bound), m_old(doc.study().systems[s].components[c].hsl.bound),
          m_preset(doc.study().systems[s].presetId) {
        setText(QStringLiteral("%1: %2").arg(QString::fromStdString(doc.study().systems[s].components[c].name),
                                             QString::fromStdString(std::string(boundId(bound)))));
    }
    void redo() override { apply(m_new, {}); }
    void undo() override { apply(m_old, m_preset); }

private:
    void apply(Bound b, const std::string& preset) {
        Study st = m_doc.study();
        st.systems[m_s].components[m_c].hsl.bound = b;
        st.systems[m_s].presetId = preset;
        m_doc.setStudy(std::move(st));
    }
    StudyDocument& m_doc;
    std::size_t m_s, m_c;
    Bound m_new, m_old;
    std::string m_preset;
};

} // namespace

StudyDocument::StudyDocument(const Library& library, QObject* parent) : QObject(parent), m_library(library) {
    m_study.id = "untitled";
    m_study.name = "Untitled study";
}

QString StudyDocument::factorSetId() const {
    return QString::fromStdString(m_study.factorSet.empty() ? m_library.defaultFactorSet : m_study.factorSet);
}

void StudyDocument::recompute() {
    m_results.clear();
    const FactorSet* set = m_library.findFactorSet(factorSetId().toStdString());
    if (!set) set = m_library.findFactorSet(m_library.defaultFactorSet);
    for (const auto& s : m_study.systems) m_results.push_back(calculate(s, *set, m_library.findHsl(s.hslCatalogue)));
    emit changed();
}

void StudyDocument::setStudy(Study study) {
    m_study = std::move(study);
    recompute();
}

void StudyDocument::setFactorSet(const QString& id) {
    Study st = m_study;
    st.factorSet = id.toStdString();
    setStudy(std::move(st));
}

QString StudyDocument::open(const QString& file) {
    try {
        const app::Document doc = app::loadDocumentFile(file.toStdString(), m_library);
        Study st;
        if (const auto* s = std::get_if<System>(&doc)) {
            st.id = s->id;
            st.name = s->name;
            st.systems.push_back(*s);
        } else {
            st = std::get<Study>(doc);
        }
        m_undo.clear();
        m_file = file;
        setStudy(std::move(st));
        return {};
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return file + QStringLiteral(": ") + QString::fromStdString(e.what());
    }
}

QString StudyDocument::saveAs(const QString& file) {
    try {
        app::saveAtomically(file.toStdString(), studyToJson(m_study));
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    m_file = file;
    m_undo.setClean();
    return {};
}

void StudyDocument::setComponentEnabled(std::size_t s, std::size_t c, bool enabled) {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size()) return;
    if (m_study.systems[s].components[c].enabled == enabled) return;
    m_undo.push(new SetEnabledCommand(*this, s, c, enabled));
}

void StudyDocument::setHslBound(std::size_t s, std::size_t c, Bound bound) {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size()) return;
    const Component& comp = m_study.systems[s].components[c];
    if (comp.method != Method::Hsl || comp.hsl.bound == bound) return;
    m_undo.push(new SetBoundCommand(*this, s, c, bound));
}

} // namespace tinyfoot::studio
