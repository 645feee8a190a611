// Loads the real data library from the source tree for engine tests (paths from a compile
// definition, never the working directory).
#pragma once

#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace tinyfoot::test {

inline std::filesystem::path sourceRoot() { return TINYFOOT_SOURCE_ROOT; }

inline std::vector<std::filesystem::path> jsonFilesUnder(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

inline std::ifstream open(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    return in;
}

/// Factor sets, HSL catalogues and presets (not studies) of the source tree.
inline const Library& library() {
    static const Library lib = [] {
        Library l;
        for (const auto& f : jsonFilesUnder(sourceRoot() / "data" / "factors")) {
            auto in = open(f);
            l.factorSets.push_back(loadFactorSet(in, f.string()));
        }
        resolveIncludes(l.factorSets);
        for (const auto& f : jsonFilesUnder(sourceRoot() / "data" / "hsl")) {
            auto in = open(f);
            l.hslCatalogues.push_back(loadHslCatalogue(in, f.string()));
        }
        for (const auto& f : jsonFilesUnder(sourceRoot() / "presets")) {
            if (f.parent_path().filename() == "studies") continue;
            auto in = open(f);
            l.presets.push_back(loadSystem(in, f.string()));
        }
        return l;
    }();
    return lib;
}

inline const FactorSet& paperFactors() {
    const FactorSet* s = library().findFactorSet("paper-2023-backsolved");
    if (!s) throw std::runtime_error("paper-2023-backsolved factor set missing");
    return *s;
}

} // namespace tinyfoot::test
