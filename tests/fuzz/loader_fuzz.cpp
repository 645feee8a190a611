// libFuzzer target for the strict loaders: any byte string fed to any loader must either load
// or raise tinyfoot::Error. Anything else (another exception, a crash, a sanitizer report) is a
// bug. Built and run by scripts/fuzz.sh, which the test command calls.
#include "data_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/writer.h"

#include <cstdint>
#include <cstdlib>
#include <sstream>

namespace {

using namespace tinyfoot;

/// The source tree's library, loaded by the applications' own loader.
Library loadRealLibrary() { return app::loadLibrary(TINYFOOT_SOURCE_ROOT).library; }

void exercise(const System& s, const Library& lib) {
    for (const auto& set : lib.factorSets) {
        try {
            checkReferences(s, lib, &set);
        } catch (const Error&) {
            continue;
        }
        const Result r = calculate(s, set, lib.findHsl(s.hslCatalogue));
        (void)r;
    }
    std::istringstream again(systemToJson(s));
    const System back = loadSystem(again, "fuzz-written.json"); // what we write must load
    if (systemToJson(back) != systemToJson(s)) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Library lib = loadRealLibrary();
    const std::string text(reinterpret_cast<const char*>(data), size);
    {
        std::istringstream in(text);
        try {
            exercise(loadSystem(in, "fuzz.json"), lib);
        } catch (const Error&) {}
    }
    {
        std::istringstream in(text);
        try {
            const Study st = loadStudy(in, "fuzz.json", lib);
            for (const auto& s : st.systems) exercise(s, lib);
            std::istringstream again(studyToJson(st));
            (void)loadStudy(again, "fuzz-written.json", lib);
        } catch (const Error&) {}
    }
    {
        std::istringstream in(text);
        try {
            (void)loadMeasurement(in, "fuzz.json");
        } catch (const Error&) {}
    }
    {
        std::istringstream in(text);
        try {
            (void)loadFactorSet(in, "fuzz.json");
        } catch (const Error&) {}
    }
    {
        std::istringstream in(text);
        try {
            (void)loadHslCatalogue(in, "fuzz.json");
        } catch (const Error&) {}
    }
    return 0;
}
