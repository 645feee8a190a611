#include "edit_commands.h"

namespace tinyfoot::studio {

namespace {

QString qstr(const std::string& s) { return QString::fromStdString(s); }

/// Replaces the study's system `s` (the commands that keep a whole system to undo exactly).
void putSystem(StudyDocument& doc, std::size_t s, const System& system) {
    Study st = doc.study();
    st.systems[s] = system;
    doc.setStudy(std::move(st));
}

QString componentName(const StudyDocument& doc, std::size_t s, std::size_t c) {
    return qstr(doc.study().systems[s].components[c].name);
}

} // namespace

// --- SetEnabledCommand

SetEnabledCommand::SetEnabledCommand(StudyDocument& doc, std::size_t s, std::size_t c, bool enabled)
    : m_doc(doc), m_s(s), m_c(c), m_new(enabled), m_old(doc.study().systems[s].components[c].enabled),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("%1 %2").arg(enabled ? QStringLiteral("Include") : QStringLiteral("Leave out"),
                                        componentName(doc, s, c)));
}

void SetEnabledCommand::redo() { apply(m_new, {}); } // edited: saved as a copy, not a preset reference
void SetEnabledCommand::undo() { apply(m_old, m_preset); }

void SetEnabledCommand::apply(bool v, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c].enabled = v;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- SetBoundCommand

SetBoundCommand::SetBoundCommand(StudyDocument& doc, std::size_t s, std::size_t c, Bound bound)
    : m_doc(doc), m_s(s), m_c(c), m_new(bound), m_old(doc.study().systems[s].components[c].hsl.bound),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("%1: %2").arg(componentName(doc, s, c), qstr(std::string(boundId(bound)))));
}

void SetBoundCommand::redo() { apply(m_new, {}); }
void SetBoundCommand::undo() { apply(m_old, m_preset); }

void SetBoundCommand::apply(Bound b, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c].hsl.bound = b;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- SetParameterCommand

SetParameterCommand::SetParameterCommand(StudyDocument& doc, std::size_t s, ParamRef ref, double value,
                                         const std::string& unit)
    : m_doc(doc), m_s(s), m_ref(std::move(ref)), m_before(doc.study().systems[s]), m_after(m_before) {
    const auto parameter = findParameter(m_before, m_ref);
    setSystemParameter(m_after, m_ref, value, unit);
    m_after.presetId.clear();
    if (m_ref.kind == ParamRef::Kind::Lifetime) {
        setText(QStringLiteral("Set the lifetime of %1").arg(qstr(m_before.name)));
    } else {
        const auto c = componentIndex(m_before, m_ref);
        setText(QStringLiteral("Set %1: %2")
                    .arg(c ? componentName(doc, s, *c) : qstr(m_ref.component),
                         parameter ? parameterLabel(*parameter) : qstr(m_ref.path)));
    }
}

bool SetParameterCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const SetParameterCommand*>(other);
    if (!o || &o->m_doc != &m_doc || o->m_s != m_s || !(o->m_ref == m_ref)) return false;
    m_after = o->m_after;
    return true;
}

void SetParameterCommand::redo() { putSystem(m_doc, m_s, m_after); }
void SetParameterCommand::undo() { putSystem(m_doc, m_s, m_before); }

// --- ReplaceComponentCommand

ReplaceComponentCommand::ReplaceComponentCommand(StudyDocument& doc, std::size_t s, std::size_t c,
                                                 Component replacement, const QString& text)
    : m_doc(doc), m_s(s), m_c(c), m_before(doc.study().systems[s].components[c]), m_after(std::move(replacement)),
      m_preset(doc.study().systems[s].presetId) {
    m_after.id = m_before.id;
    m_after.enabled = m_before.enabled;
    m_after.path = m_before.path;
    setText(text.isEmpty() ? QStringLiteral("Replace %1 by %2").arg(qstr(m_before.name), qstr(m_after.name)) : text);
}

void ReplaceComponentCommand::redo() { apply(m_after, {}); }
void ReplaceComponentCommand::undo() { apply(m_before, m_preset); }

void ReplaceComponentCommand::apply(const Component& component, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c] = component;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- SetFactorSetCommand

SetFactorSetCommand::SetFactorSetCommand(StudyDocument& doc, std::string factorSet)
    : m_doc(doc), m_before(doc.study().factorSet), m_after(std::move(factorSet)) {
    setText(QStringLiteral("Factor set %1").arg(qstr(m_after)));
}

void SetFactorSetCommand::redo() { apply(m_after); }
void SetFactorSetCommand::undo() { apply(m_before); }

void SetFactorSetCommand::apply(const std::string& id) {
    Study st = m_doc.study();
    st.factorSet = id;
    m_doc.setStudy(std::move(st));
}

// --- AddComponentCommand

AddComponentCommand::AddComponentCommand(StudyDocument& doc, std::size_t s, std::size_t index, Component component)
    : m_doc(doc), m_s(s), m_index(index), m_component(std::move(component)), m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("Add %1").arg(qstr(m_component.name)));
}

void AddComponentCommand::redo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.insert(comps.begin() + static_cast<std::ptrdiff_t>(m_index), m_component);
    st.systems[m_s].presetId.clear();
    m_doc.setStudy(std::move(st));
}

void AddComponentCommand::undo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.erase(comps.begin() + static_cast<std::ptrdiff_t>(m_index));
    st.systems[m_s].presetId = m_preset;
    m_doc.setStudy(std::move(st));
}

// --- RemoveComponentCommand

RemoveComponentCommand::RemoveComponentCommand(StudyDocument& doc, std::size_t s, std::size_t c)
    : m_doc(doc), m_s(s), m_c(c), m_component(doc.study().systems[s].components[c]),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("Remove %1").arg(qstr(m_component.name)));
}

void RemoveComponentCommand::redo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.erase(comps.begin() + static_cast<std::ptrdiff_t>(m_c));
    st.systems[m_s].presetId.clear();
    m_doc.setStudy(std::move(st));
}

void RemoveComponentCommand::undo() {
    Study st = m_doc.study();
    auto& comps = st.systems[m_s].components;
    comps.insert(comps.begin() + static_cast<std::ptrdiff_t>(m_c), m_component);
    st.systems[m_s].presetId = m_preset;
    m_doc.setStudy(std::move(st));
}

// --- RenameComponentCommand

RenameComponentCommand::RenameComponentCommand(StudyDocument& doc, std::size_t s, std::size_t c, std::string name)
    : m_doc(doc), m_s(s), m_c(c), m_new(std::move(name)), m_old(doc.study().systems[s].components[c].name),
      m_preset(doc.study().systems[s].presetId) {
    setText(QStringLiteral("Rename %1 to %2").arg(qstr(m_old), qstr(m_new)));
}

void RenameComponentCommand::redo() { apply(m_new, {}); }
void RenameComponentCommand::undo() { apply(m_old, m_preset); }

void RenameComponentCommand::apply(const std::string& name, const std::string& preset) {
    Study st = m_doc.study();
    st.systems[m_s].components[m_c].name = name;
    st.systems[m_s].presetId = preset;
    m_doc.setStudy(std::move(st));
}

// --- AddSystemCommand

AddSystemCommand::AddSystemCommand(StudyDocument& doc, std::size_t index, System system)
    : m_doc(doc), m_index(index), m_system(std::move(system)) {
    setText(QStringLiteral("Add %1").arg(qstr(m_system.name)));
}

void AddSystemCommand::redo() {
    Study st = m_doc.study();
    st.systems.insert(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index), m_system);
    m_doc.setStudy(std::move(st));
}

void AddSystemCommand::undo() {
    Study st = m_doc.study();
    st.systems.erase(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index));
    m_doc.setStudy(std::move(st));
}

// --- RemoveSystemCommand

RemoveSystemCommand::RemoveSystemCommand(StudyDocument& doc, std::size_t s)
    : m_doc(doc), m_index(s), m_system(doc.study().systems[s]) {
    setText(QStringLiteral("Remove %1").arg(qstr(m_system.name)));
}

void RemoveSystemCommand::redo() {
    Study st = m_doc.study();
    st.systems.erase(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index));
    m_doc.setStudy(std::move(st));
}

void RemoveSystemCommand::undo() {
    Study st = m_doc.study();
    st.systems.insert(st.systems.begin() + static_cast<std::ptrdiff_t>(m_index), m_system);
    m_doc.setStudy(std::move(st));
}

} // namespace tinyfoot::studio
