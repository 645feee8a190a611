// The real data library of the source tree for engine tests, loaded by the applications' own
// loader (app/common's loadLibrary: the same files, checks and order as `tinyfoot` and the
// studio), with paths from a compile definition, never the working directory.
#pragma once

#include "data_library.h"

#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace tinyfoot::test {

inline std::filesystem::path sourceRoot() { return TINYFOOT_SOURCE_ROOT; }

/// Every JSON file under `dir`, sorted: for tests that go through all shipped files.
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

/// The library as the applications load it from the source tree.
inline const app::LoadedLibrary& loaded() {
    static const app::LoadedLibrary lib = app::loadLibrary(sourceRoot());
    return lib;
}

/// Factor sets, HSL catalogues and presets (not studies) of the source tree.
inline const Library& library() { return loaded().library; }

inline const FactorSet& paperFactors() {
    const FactorSet* s = library().findFactorSet("paper-2023-backsolved");
    if (!s) throw std::runtime_error("paper-2023-backsolved factor set missing");
    return *s;
}

} // namespace tinyfoot::test
