#include "study_document.h"

#include "component_factories.h"
#include "edit_analysis_command.h"
#include "edit_commands.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/study/study.h"
#include "tinyfoot/engine/writer.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace tinyfoot::studio {

namespace {
/// A loaded document as the study the studio edits: a system file becomes a study of one system.
Study studyOf(const app::Document& doc) {
    if (const auto* s = std::get_if<System>(&doc)) {
        Study st;
        st.id = s->id;
        st.name = s->name;
        st.systems.push_back(*s);
        return st;
    }
    return std::get<Study>(doc);
}
} // namespace

StudyDocument::StudyDocument(const Library& library, QObject* parent) : QObject(parent), m_library(library) {
    m_study.id = "untitled";
    m_study.name = "Untitled study";
}

QString StudyDocument::factorSetId() const {
    return QString::fromStdString(m_study.factorSet.empty() ? m_library.defaultFactorSet : m_study.factorSet);
}

const FactorSet* StudyDocument::factorSet() const {
    const FactorSet* set = m_library.findFactorSet(factorSetId().toStdString());
    return set ? set : m_library.findFactorSet(m_library.defaultFactorSet);
}

double StudyDocument::kgWith(std::size_t s, std::size_t c, const Component& replacement) const {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size()) return 0.0;
    const FactorSet* set = factorSet();
    if (!set) return 0.0;
    System copy = m_study.systems[s];
    const std::string id = copy.components[c].id;
    copy.components[c] = replacement;
    copy.components[c].id = id;
    const Result r = calculate(copy, *set, m_library.findHsl(copy.hslCatalogue));
    return units::inKgCo2e(r.components[c].co2e);
}

void StudyDocument::recompute() {
    m_results.clear();
    const FactorSet* set = factorSet();
    for (const auto& s : m_study.systems) m_results.push_back(calculate(s, *set, m_library.findHsl(s.hslCatalogue)));
    emit changed();
}

void StudyDocument::setStudy(Study study) {
    m_study = std::move(study);
    recompute();
}

bool StudyDocument::setFactorSet(const QString& id) {
    if (id == factorSetId() || !m_library.findFactorSet(id.toStdString())) return false;
    m_undo.push(new SetFactorSetCommand(*this, id.toStdString()));
    return true;
}

OperationResult StudyDocument::open(const QString& file) {
    try {
        const app::Document doc = app::loadDocumentFile(file.toStdString(), m_library);
        Study st = studyOf(doc);
        m_undo.clear();
        m_file = file;
        m_fileIsSystem = std::holds_alternative<System>(doc);
        setStudy(std::move(st));
        return OperationResult::success();
    } catch (const Error& e) {
        return OperationResult::failure(QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        return OperationResult::failure(file + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
}

OperationResult StudyDocument::saveAs(const QString& file) {
    if (m_study.systems.empty())
        return OperationResult::failure(file + QStringLiteral(": a study needs at least one system to be saved"));
    try {
        app::saveAtomically(file.toStdString(), studyToJson(m_study));
    } catch (const Error& e) {
        return OperationResult::failure(QString::fromStdString(e.what()));
    }
    m_file = file;
    m_fileIsSystem = false;
    m_undo.setClean();
    return OperationResult::success();
}

OperationResult StudyDocument::save() {
    if (m_file.isEmpty())
        return OperationResult::failure(QStringLiteral("the study has no file yet: save it with Save As"));
    if (m_fileIsSystem)
        return OperationResult::failure(m_file +
                                        QStringLiteral(" holds one system, not a study: save the study with Save As"));
    return saveAs(m_file);
}

void StudyDocument::newStudy() {
    Study st;
    st.id = "untitled";
    st.name = "Untitled study";
    m_undo.clear();
    m_file.clear();
    m_fileIsSystem = false;
    setStudy(std::move(st));
}

OperationResult StudyDocument::recover(const QString& autosaveFile, const QString& originalFile) {
    Study st;
    try {
        st = studyOf(app::loadDocumentFile(autosaveFile.toStdString(), m_library));
    } catch (const Error& e) {
        return OperationResult::failure(QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        return OperationResult::failure(autosaveFile + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
    bool originalIsSystem = false;
    if (!originalFile.isEmpty()) {
        // The autosave names measurement files beside the study by absolute path (it lives in
        // another folder): name them relative to the study's own file again.
        const std::filesystem::path dir = QFileInfo(originalFile).absolutePath().toStdString();
        for (auto& s : st.systems) {
            if (!s.presetId.empty()) continue;
            for (auto& c : s.components) {
                const std::filesystem::path p = c.use.measurementFile;
                if (p.empty() || p.is_relative()) continue;
                const std::filesystem::path rel = p.lexically_relative(dir);
                if (!rel.empty() && *rel.begin() != "..") c.use.measurementFile = rel.generic_string();
            }
        }
        // A study recovered over a system file must not be saved over it as a study.
        std::ifstream in(originalFile.toStdString(), std::ios::binary);
        try {
            originalIsSystem = in && peekFormat(in, originalFile.toStdString()) == "tinyfoot.system";
        } catch (const Error&) {} // unreadable: recovered as a study file
    }
    m_undo.clear();
    m_file = originalFile;
    m_fileIsSystem = originalIsSystem;
    setStudy(std::move(st));
    m_undo.resetClean(); // what was recovered is on no disk but the autosave: modified
    return OperationResult::success();
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

OperationResult StudyDocument::setParameter(std::size_t s, const ParamRef& ref, double value, const std::string& unit) {
    if (s >= m_study.systems.size()) return OperationResult::failure(QStringLiteral("no system %1").arg(s + 1));
    const System& system = m_study.systems[s];
    const auto before = findParameter(system, ref);
    const std::string written = before && !before->unit.empty() ? unit : std::string(); // plain numbers
    if (const QString why = refusal(system, ref, value, written); !why.isEmpty()) return OperationResult::failure(why);
    System edited = system;
    if (!setSystemParameter(edited, ref, value, written))
        return OperationResult::failure(
            QStringLiteral("%1: cannot be set to this value").arg(parameterLabel(*before)));  // not expected
    if (before->value == value && before->unit == written) return OperationResult::success(); // nothing changes
    m_undo.push(new SetParameterCommand(*this, s, ref, value, written));
    return OperationResult::success();
}

bool StudyDocument::setCustomValue(std::size_t s, std::size_t c, double kgCo2e) {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size()) return false;
    if (!std::isfinite(kgCo2e) || kgCo2e < 0.0) return false;
    const Component& before = m_study.systems[s].components[c];
    m_undo.push(
        new ReplaceComponentCommand(*this, s, c, customValueComponent(before, kgCo2e),
                                    QStringLiteral("Custom value for %1").arg(QString::fromStdString(before.name))));
    return true;
}

bool StudyDocument::replaceComponent(std::size_t s, std::size_t c, const Component& replacement) {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size()) return false;
    const Component& current = m_study.systems[s].components[c];
    if (replacement.block != current.block || sameDefinition(current, replacement)) return false;
    m_undo.push(new ReplaceComponentCommand(*this, s, c, replacement));
    return true;
}

bool StudyDocument::addComponent(std::size_t s, const std::string& name, Block block, double kgCo2e,
                                 const std::string& note) {
    if (s >= m_study.systems.size() || !std::isfinite(kgCo2e) || kgCo2e < 0.0) return false;
    const System& system = m_study.systems[s];
    m_undo.push(
        new AddComponentCommand(*this, s, system.components.size(), userComponent(system, name, block, kgCo2e, note)));
    return true;
}

bool StudyDocument::removeComponent(std::size_t s, std::size_t c) {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size()) return false;
    if (m_study.systems[s].components.size() == 1) return false;
    m_undo.push(new RemoveComponentCommand(*this, s, c));
    return true;
}

bool StudyDocument::renameComponent(std::size_t s, std::size_t c, const std::string& name) {
    if (s >= m_study.systems.size() || c >= m_study.systems[s].components.size() || name.empty()) return false;
    if (m_study.systems[s].components[c].name == name) return false;
    m_undo.push(new RenameComponentCommand(*this, s, c, name));
    return true;
}

std::string StudyDocument::unusedSystemId(const std::string& base) const {
    const auto used = [this](const std::string& id) {
        for (const auto& s : m_study.systems)
            if (s.id == id) return true;
        return false;
    };
    if (!used(base)) return base;
    for (int n = 2;; ++n)
        if (const std::string id = base + "-" + std::to_string(n); !used(id)) return id;
}

bool StudyDocument::addSystem(const std::string& presetId) {
    const System* preset = m_library.findPreset(presetId);
    if (!preset) return false;
    System system = *preset;
    system.id = unusedSystemId(preset->id);
    // Unchanged, it is saved as {"preset": id}; a second copy of a preset has an id of its own
    // (systems are told apart by id in reports and studies) and is saved in full.
    system.presetId = system.id == preset->id ? preset->id : std::string();
    if (system.id != preset->id) {
        system.name += " (" + system.id + ")";
        if (!system.label.empty()) system.label += " " + system.id.substr(preset->id.size() + 1); // "KWS best 2"
    }
    m_undo.push(new AddSystemCommand(*this, m_study.systems.size(), std::move(system)));
    return true;
}

bool StudyDocument::duplicateSystem(std::size_t s) {
    if (s >= m_study.systems.size()) return false;
    System copy = m_study.systems[s];
    const std::string original = copy.id;
    copy.id = unusedSystemId(original);
    copy.name += " (copy)";
    // Figures tell the copy apart by its label too: "KWS best 2".
    if (!copy.label.empty()) copy.label += " " + copy.id.substr(original.size() + 1);
    copy.presetId.clear(); // a variant to edit: saved in full
    m_undo.push(new AddSystemCommand(*this, s + 1, std::move(copy)));
    return true;
}

bool StudyDocument::removeSystem(std::size_t s) {
    if (s >= m_study.systems.size() || m_study.systems.size() == 1) return false;
    m_undo.push(new RemoveSystemCommand(*this, s));
    return true;
}

namespace {

using Json = nlohmann::json;

/// What removing a system leaves of the study's analysis: `kept` without the entries naming it,
/// and each entry removed as the user reads it.
struct AnalysisCut {
    Json kept;
    QStringList removed;
};

AnalysisCut cutAnalysis(const Study& study, std::size_t system, const Library& library, const FactorSet* factors) {
    AnalysisCut cut;
    if (study.analysisJson.empty() || system >= study.systems.size()) return cut;
    cut.kept = Json::parse(study.analysisJson, nullptr, false);
    if (!cut.kept.is_object()) return {};
    const std::string id = study.systems[system].id;
    // The input keys the other systems have (their flat model, without the analysis).
    std::vector<System> others = study.systems;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(system));
    std::optional<study::StudyContext> rest;
    if (factors) try {
            rest.emplace(study::prepareStudy(others, library, *factors, study::Analysis{}, study::StudyData{},
                                             study.sourceName));
        } catch (const std::exception&) {
            rest.reset(); // the others cannot be computed: leave the inputs as they are
        }
    const auto orphan = [&](const Json& key) {
        if (!rest || !key.is_string()) return false;
        const std::string k = key.get<std::string>();
        for (const auto& [name, unit] : study::fleetSweepParameters())
            if (name == k) return false;
        return rest->model.findInputs(k).empty();
    };
    const auto text = [](const std::string& s) { return QString::fromStdString(s); };
    // Removes the elements of `array` (a member of `owner`) that `names` picks, and the member
    // when none is left.
    const auto prune = [](Json& owner, const char* member, const auto& names) {
        if (!owner.is_object() || !owner.contains(member) || !owner[member].is_array()) return;
        Json& array = owner[member];
        Json kept = Json::array();
        for (const Json& e : array)
            if (!names(e)) kept.push_back(e);
        if (kept.empty()) owner.erase(member);
        else array = std::move(kept);
    };
    if (cut.kept.contains("uncertainty")) {
        Json& u = cut.kept["uncertainty"];
        prune(u, "differences", [&](const Json& pair) {
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) return false;
            const auto a = pair[0].get<std::string>(), b = pair[1].get<std::string>();
            if (a != id && b != id) return false;
            cut.removed << QObject::tr("difference %1 − %2").arg(text(a), text(b));
            return true;
        });
        prune(u, "inputs", [&](const Json& input) {
            if (!input.is_object() || !orphan(input.value("input", Json()))) return false;
            cut.removed << QObject::tr("distribution of %1").arg(text(input["input"].get<std::string>()));
            return true;
        });
    }
    prune(cut.kept, "sweeps", [&](const Json& sweep) {
        if (!sweep.is_object()) return false;
        QStringList keys;
        for (const char* axis : {"x", "y"})
            if (sweep.contains(axis) && sweep[axis].is_object() && orphan(sweep[axis].value("parameter", Json())))
                keys << text(sweep[axis]["parameter"].get<std::string>());
        if (keys.isEmpty()) return false;
        cut.removed << QObject::tr("sweep %1 (%2)")
                           .arg(text(sweep.value("id", std::string())), keys.join(QStringLiteral(", ")));
        return true;
    });
    return cut;
}

} // namespace

QStringList StudyDocument::analysisEntriesNaming(std::size_t system) const {
    return cutAnalysis(m_study, system, m_library, factorSet()).removed;
}

bool StudyDocument::removeSystemAndAnalysis(std::size_t s) {
    if (s >= m_study.systems.size() || m_study.systems.size() == 1) return false;
    const AnalysisCut cut = cutAnalysis(m_study, s, m_library, factorSet());
    if (cut.removed.isEmpty()) return removeSystem(s);
    m_undo.beginMacro(
        tr("Remove %1 and the analysis entries naming it").arg(QString::fromStdString(m_study.systems[s].name)));
    m_undo.push(new EditAnalysisCommand(
        *this, m_study.analysisJson, cut.kept.dump(), -1,
        tr("Remove the analysis entries naming %1").arg(QString::fromStdString(m_study.systems[s].id))));
    m_undo.push(new RemoveSystemCommand(*this, s));
    m_undo.endMacro();
    return true;
}

} // namespace tinyfoot::studio
