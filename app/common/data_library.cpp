#include "data_library.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/loader.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace tinyfoot::app {

namespace {

bool isDataRoot(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "data", ec) && fs::is_directory(p / "presets", ec);
}

std::vector<fs::path> jsonFiles(const fs::path& dir, bool recursive, const fs::path& skip = {}) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    auto consider = [&](const fs::directory_entry& e) {
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
    };
    if (recursive) {
        for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
            if (!skip.empty() && it->is_directory() && it->path() == skip) {
                it.disable_recursion_pending();
                continue;
            }
            consider(*it);
        }
    } else {
        for (const auto& e : fs::directory_iterator(dir)) consider(e);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::ifstream openForReading(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string(), "", "a readable file", "a file that cannot be opened");
    return in;
}

} // namespace

fs::path findDataRoot(const std::optional<fs::path>& explicitRoot) {
    if (explicitRoot) {
        if (!isDataRoot(*explicitRoot))
            throw Error(explicitRoot->string(), "", "a folder holding data/ and presets/ (--data)",
                        "a folder without them");
        return *explicitRoot;
    }
    if (const char* env = std::getenv("TINYFOOT_DATA"); env && *env) {
        if (!isDataRoot(env))
            throw Error(env, "", "a folder holding data/ and presets/ (TINYFOOT_DATA)", "a folder without them");
        return env;
    }
    for (const fs::path& candidate : {fs::path(TINYFOOT_INSTALL_ROOT), fs::path(TINYFOOT_SOURCE_ROOT)})
        if (isDataRoot(candidate)) return candidate;
    throw Error("TinyFoot data", "",
                "data/ and presets/ in " + std::string(TINYFOOT_INSTALL_ROOT) + " or " + TINYFOOT_SOURCE_ROOT +
                    " (or give --data DIR)",
                "neither");
}

namespace {

/// Loads every JSON file of `dir` with `load` into `into`, refusing a second document with the
/// same id (`what` names the kind in the message).
template <class Doc, class Load>
void loadFolder(const fs::path& dir, Load load, const std::string& what, std::vector<Doc>& into,
                std::vector<fs::path>& files) {
    for (const auto& f : jsonFiles(dir, false)) {
        auto in = openForReading(f);
        Doc doc = load(in, f.string());
        for (const auto& other : into)
            if (other.id == doc.id)
                throw Error(f.string(), "/id", "a " + what + " id not used by another file", "'" + doc.id + "' again");
        into.push_back(std::move(doc));
        files.push_back(f);
    }
}

} // namespace

LoadedLibrary loadLibrary(const fs::path& root) {
    LoadedLibrary out;
    out.root = root;
    loadFolder(root / "data" / "factors", loadFactorSet, "factor set", out.library.factorSets, out.files);
    resolveIncludes(out.library.factorSets);
    loadFolder(root / "data" / "hsl", loadHslCatalogue, "HSL catalogue", out.library.hslCatalogues, out.files);
    loadFolder(root / "data" / "impacts", loadImpactSet, "impact set", out.library.impactSets, out.files);
    loadFolder(root / "data" / "materials", loadItemMasses, "item-mass table", out.library.itemMasses, out.files);
    loadFolder(root / "data" / "weighting", loadWeightingSet, "weighting set", out.library.weightingSets, out.files);
    // An item-mass entry weighs the items of a factor: the factor must exist (or be the IC model's
    // dies, "ic.die"), or the entry would never weigh anything.
    for (std::size_t t = 0; t < out.library.itemMasses.size(); ++t)
        for (std::size_t i = 0; i < out.library.itemMasses[t].items.size(); ++i) {
            const ItemMass& m = out.library.itemMasses[t].items[i];
            const bool known =
                m.factor == "ic.die" || std::any_of(out.library.factorSets.begin(), out.library.factorSets.end(),
                                                    [&](const FactorSet& s) { return s.find(m.factor); });
            if (!known)
                throw Error(out.library.itemMasses[t].sourceFile, "/items/" + std::to_string(i) + "/factor",
                            "a factor id of data/factors (or \"ic.die\")", "'" + m.factor + "'");
        }
    const FactorSet* defaultSet = out.library.findFactorSet(out.library.defaultFactorSet);
    if (!defaultSet)
        throw Error((root / "data" / "factors").string(), "",
                    "a factor set with id '" + out.library.defaultFactorSet + "' (the default)", "none");
    for (const auto& f : jsonFiles(root / "presets", true, root / "presets" / "studies")) {
        auto in = openForReading(f);
        System s = loadSystem(in, f.string());
        if (out.library.findPreset(s.id))
            throw Error(f.string(), "/id", "a preset id not used by another preset", "'" + s.id + "' again");
        checkReferences(s, out.library, defaultSet);
        out.library.presets.push_back(std::move(s));
        out.files.push_back(f);
    }
    return out;
}

Measurement loadMeasurementFile(const fs::path& file, const std::string& shownAs) {
    auto in = openForReading(file);
    Measurement m = loadMeasurement(in, file.string());
    m.file = shownAs;
    return m;
}

void resolveMeasurements(System& system, const fs::path& baseDir) {
    for (auto& c : system.components) {
        if (c.method != Method::UsePower || c.use.measurementFile.empty() || c.use.measurement) continue;
        const fs::path ref(c.use.measurementFile);
        c.use.measurement = loadMeasurementFile(ref.is_absolute() ? ref : baseDir / ref, c.use.measurementFile);
    }
}

Document readDocumentFile(const fs::path& file, const Library& library) {
    std::string text;
    {
        auto in = openForReading(file);
        std::ostringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    std::istringstream peek(text);
    const std::string format = peekFormat(peek, file.string());
    std::istringstream in(text);
    const fs::path baseDir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (format == "tinyfoot.system") {
        System s = loadSystem(in, file.string());
        resolveMeasurements(s, baseDir);
        return s;
    }
    if (format == "tinyfoot.study") {
        Study st = loadStudy(in, file.string(), library);
        for (auto& s : st.systems) resolveMeasurements(s, baseDir);
        return st;
    }
    throw Error(file.string(), "/format", "\"tinyfoot.system\" or \"tinyfoot.study\"", "\"" + format + "\"");
}

void checkDocument(const Document& doc, const Library& library, const FactorSet* set) {
    if (!set) {
        const auto* st = std::get_if<Study>(&doc);
        set = library.findFactorSet(st && !st->factorSet.empty() ? st->factorSet : library.defaultFactorSet);
    }
    if (const auto* s = std::get_if<System>(&doc)) {
        checkReferences(*s, library, set);
        return;
    }
    for (const auto& s : std::get<Study>(doc).systems) checkReferences(s, library, set);
}

Document loadDocumentFile(const fs::path& file, const Library& library) {
    Document doc = readDocumentFile(file, library);
    checkDocument(doc, library);
    return doc;
}

AnyDocument loadAnyFile(const fs::path& file, const Library& library) {
    std::string format;
    {
        auto in = openForReading(file);
        format = peekFormat(in, file.string());
    }
    if (format == "tinyfoot.factors") {
        auto in = openForReading(file);
        return loadFactorSet(in, file.string());
    }
    if (format == "tinyfoot.hsl") {
        auto in = openForReading(file);
        return loadHslCatalogue(in, file.string());
    }
    if (format == "tinyfoot.impact_set") {
        auto in = openForReading(file);
        return loadImpactSet(in, file.string());
    }
    if (format == "tinyfoot.item_masses") {
        auto in = openForReading(file);
        return loadItemMasses(in, file.string());
    }
    if (format == "tinyfoot.weighting_set") {
        auto in = openForReading(file);
        return loadWeightingSet(in, file.string());
    }
    if (format == "tinyfoot.measurement") return loadMeasurementFile(file, file.string());
    if (format == kFigureStyleFormat) return loadFigureStyleFile(file);
    Document doc = loadDocumentFile(file, library);
    if (auto* s = std::get_if<System>(&doc)) return std::move(*s);
    return std::get<Study>(std::move(doc));
}

Document readDocumentArgument(const std::string& argument, const Library& library) {
    const bool looksLikePath = argument.find('/') != std::string::npos ||
                               (argument.size() > 5 && argument.substr(argument.size() - 5) == ".json");
    if (!looksLikePath) {
        if (const System* p = library.findPreset(argument)) return *p;
        std::error_code ec;
        if (!fs::exists(argument, ec))
            throw Error(argument, "", "a preset id (see 'tinyfoot presets') or a file", "neither");
    }
    return readDocumentFile(argument, library);
}

std::vector<System> systemsOf(const Document& doc) {
    if (const auto* s = std::get_if<System>(&doc)) return {*s};
    return std::get<Study>(doc).systems;
}

study::StudyData loadStudyData(const fs::path& root, const Library& library) {
    study::StudyData data;
    for (const auto& f : jsonFiles(root / "data" / "sectors", false)) {
        auto in = openForReading(f);
        data.sectorSets.push_back(study::loadSectorTotals(in, f.string()));
    }
    for (const auto& f : jsonFiles(root / "data" / "growth", false)) {
        auto in = openForReading(f);
        data.growthSets.push_back(study::growthCurvesOf(loadStudy(in, f.string(), library)));
    }
    return data;
}

void saveAtomically(const fs::path& file, const std::string& text) {
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    const fs::path tmp = dir / ("." + file.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(tmp.string(), "", "a writable file", "a file that cannot be created");
        out << text;
        out.flush();
        if (!out) throw Error(tmp.string(), "", "a completed write", "a write error");
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(file.string(), "", "a file that can be replaced", "rename failed");
    }
}

} // namespace tinyfoot::app
