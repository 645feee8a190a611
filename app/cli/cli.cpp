#include "cli.h"

#include "tinyfoot/engine/error.h"

#include <charconv>
#include <cmath>
#include <iostream>

namespace tinyfoot::cli {

namespace {
std::map<std::string, Command>& registry() {
    static std::map<std::string, Command> r;
    return r;
}
} // namespace

Registration::Registration(Command command) {
    const std::string name = command.name;
    registry().emplace(name, std::move(command));
}

const std::map<std::string, Command>& commands() { return registry(); }

Args::Args(std::vector<std::string> words, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flagOptions) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.size() > 2 && w.rfind("--", 0) == 0) {
            if (valueOptions.count(w)) {
                if (i + 1 >= words.size()) throw UsageError(w + " expects a value");
                m_values[w] = words[++i];
            } else if (flagOptions.count(w)) {
                m_flags.insert(w);
            } else {
                throw UsageError("unknown option " + w);
            }
        } else if (w.size() > 1 && w[0] == '-' && !(w[1] >= '0' && w[1] <= '9')) {
            throw UsageError("unknown option " + w);
        } else {
            m_positional.push_back(w);
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

double Args::number(const std::string& name, double fallback, double min, double max) const {
    const auto text = value(name);
    if (!text) return fallback;
    double v = 0.0;
    const auto r = std::from_chars(text->data(), text->data() + text->size(), v);
    if (r.ec != std::errc() || r.ptr != text->data() + text->size() || !(v >= min && v <= max))
        throw UsageError(name + " expects a number from " + std::to_string(min) + " to " + std::to_string(max) +
                         ", not '" + *text + "'");
    return v;
}

long long Args::integer(const std::string& name, long long fallback, long long min, long long max) const {
    const auto text = value(name);
    if (!text) return fallback;
    long long v = 0;
    const auto r = std::from_chars(text->data(), text->data() + text->size(), v);
    if (r.ec != std::errc() || r.ptr != text->data() + text->size() || v < min || v > max)
        throw UsageError(name + " expects a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                         ", not '" + *text + "'");
    return v;
}

std::string Args::format(const std::vector<std::string>& allowed) const {
    const std::string f = value("--format", allowed.front());
    for (const auto& a : allowed)
        if (a == f) return f;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw UsageError("--format expects one of " + list + ", not '" + f + "'");
}

const app::LoadedLibrary& Environment::loaded() {
    if (!m_loaded) m_loaded = app::loadLibrary(app::findDataRoot(m_dataRoot));
    return *m_loaded;
}

const FactorSet& Environment::factorSet(const std::string& requested, const std::string& fromStudy) {
    const Library& lib = library();
    const std::string id = !requested.empty() ? requested : (!fromStudy.empty() ? fromStudy : lib.defaultFactorSet);
    const FactorSet* set = lib.findFactorSet(id);
    if (!set) {
        std::string known;
        for (const auto& s : lib.factorSets) known += (known.empty() ? "" : ", ") + s.id;
        throw UsageError("unknown factor set '" + id + "' (known: " + known + ")");
    }
    return *set;
}

int emit(const std::optional<std::string>& out, const std::string& text) {
    if (!out) {
        std::cout << text;
        std::cout.flush();
        return std::cout ? kOk : kOutputError;
    }
    try {
        app::saveAtomically(*out, text);
    } catch (const Error& e) {
        std::cerr << "tinyfoot: " << e.what() << "\n";
        return kOutputError;
    }
    return kOk;
}

} // namespace tinyfoot::cli

namespace tinyfoot::cli {

Amount parseAmountOption(const std::string& option, const std::string& text, Dimension dimension) {
    std::size_t end = 0;
    double value = 0.0;
    try {
        value = std::stod(text, &end);
    } catch (const std::exception&) {
        throw UsageError(option + " expects a number and a unit of " + describeDimension(dimension) + " (" +
                         acceptedUnits(dimension) + "), not '" + text + "'");
    }
    std::string unit = text.substr(end);
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    if (dimension == Dimension::Rate && !unit.empty() && unit.front() == '/') unit = "1" + unit;
    const auto info = findUnit(unit);
    if (!info || info->dimension != dimension || !(value >= 0.0) || !std::isfinite(value))
        throw UsageError(option + " expects a non-negative number and a unit of " + describeDimension(dimension) +
                         " (" + acceptedUnits(dimension) + "), not '" + text + "'");
    return Amount::make(value, *info);
}

std::optional<UseOverride> useOverride(const Args& args) {
    const auto file = args.value("--use-from");
    if (!file) {
        if (args.value("--inference-rate") || args.value("--idle-power"))
            throw UsageError("--inference-rate and --idle-power go with --use-from RESULTS.json");
        return std::nullopt;
    }
    UseOverride u{app::loadMeasurementFile(*file, *file), std::nullopt, std::nullopt};
    if (auto r = args.value("--inference-rate")) u.rate = parseAmountOption("--inference-rate", *r, Dimension::Rate);
    if (auto p = args.value("--idle-power")) u.idlePower = parseAmountOption("--idle-power", *p, Dimension::Power);
    return u;
}

void applyUseOverride(System& system, const UseOverride& use) {
    if (system.kind != "tinyml") return;
    bool found = false;
    for (auto& c : system.components) {
        if (c.method != Method::UsePower || c.block != Block::UseStage) continue;
        found = true;
        UseModel& u = c.use;
        const bool hadRate = u.kind == UseModel::Kind::Inference;
        if (!use.rate && !hadRate)
            throw UsageError("system '" + system.id +
                             "' has no inference rate in its use stage: give --inference-rate");
        if (use.rate) u.inferenceRate = *use.rate;
        u.kind = UseModel::Kind::Inference;
        u.measurement = use.measurement;
        u.measurementFile = use.measurement.file;
        if (use.idlePower) u.idlePower = *use.idlePower;
        else if (use.measurement.idlePower) u.idlePower = *use.measurement.idlePower;
        else
            throw UsageError("the measurement '" + use.measurement.file +
                             "' has no idle power: give --idle-power for the time between inferences");
        c.name = "use stage (" + use.measurement.kind + " energy per inference)";
    }
    if (!found) throw UsageError("system '" + system.id + "' has no use stage to take the measurement");
}

std::vector<Calculated> computeSystems(const std::vector<std::string>& arguments, Environment& env,
                                       const std::string& requestedSet, const UseOverride* use) {
    const Library& lib = env.library();
    std::vector<Calculated> out;
    for (const auto& arg : arguments) {
        const app::Document doc = app::readDocumentArgument(arg, lib);
        const std::string studySet = std::holds_alternative<Study>(doc) ? std::get<Study>(doc).factorSet : "";
        const FactorSet& set = env.factorSet(requestedSet, studySet);
        for (auto s : app::systemsOf(doc)) {
            if (use) applyUseOverride(s, *use);
            checkReferences(s, lib, &set);
            const HslCatalogue* hsl = lib.findHsl(s.hslCatalogue);
            Result r = calculate(s, set, hsl);
            out.push_back({std::move(s), std::move(r), hsl, &set});
        }
    }
    return out;
}

std::vector<Result> computeResults(const std::vector<std::string>& arguments, Environment& env,
                                   const std::string& requestedSet, const UseOverride* use) {
    std::vector<Result> results;
    for (auto& c : computeSystems(arguments, env, requestedSet, use)) results.push_back(std::move(c.result));
    return results;
}

ImpactCategory impactCategoryOption(const std::string& id) {
    if (const auto category = impactCategoryFromId(id)) return *category;
    std::string known = "co2e";
    for (const auto& info : impactCategories()) known += ", " + std::string(info.id);
    throw UsageError("--impact expects one of " + known + ", not '" + id + "'");
}

const ImpactSet& impactSetOption(const Args& args, const Library& library) {
    const auto requested = args.value("--impact-set");
    const ImpactSet* set = requested ? library.findImpactSet(*requested) : library.defaultImpacts();
    if (set) return *set;
    std::string known;
    for (const auto& s : library.impactSets) known += (known.empty() ? "" : ", ") + s.id;
    throw UsageError("--impact-set: no impact set '" + requested.value_or(library.defaultImpactSet) +
                     "' in data/impacts (" + (known.empty() ? "none" : known) + ")");
}

const WeightingSet& weightingOption(const Args& args, const Library& library) {
    const std::string id = args.value("--weighting").value_or(library.defaultWeightingSet);
    if (const WeightingSet* w = library.findWeightingSet(id)) return *w;
    std::string known;
    for (const auto& w : library.weightingSets) known += (known.empty() ? "" : ", ") + w.id;
    throw UsageError("--weighting: no weighting set '" + id + "' in data/weighting (" +
                     (known.empty() ? "none" : known) + ")");
}

HtmlToPdf& htmlToPdf() {
    static HtmlToPdf writer;
    return writer;
}

} // namespace tinyfoot::cli
