// Strict loading: the golden folder of bad inputs (tests/data/bad/<case>/input.json with the
// fragments its error must contain in expected.txt), and the real data library.
#include "test_library.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/loader.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace tinyfoot;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

/// Loads a file of any kind as the applications do (`tinyfoot validate FILE`), with reference checks.
void loadAny(const fs::path& file) { app::loadAnyFile(file, test::library()); }

} // namespace

TEST_CASE("every bad input in the golden folder gets its own specific error") {
    const fs::path root = fs::path(TINYFOOT_TEST_DATA) / "bad";
    int ran = 0;
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    for (const auto& dir : cases) {
        const std::string name = dir.filename().string();
        CAPTURE(name);
        const auto expected = lines(readAll(dir / "expected.txt"));
        REQUIRE_FALSE(expected.empty());
        const std::string source = (dir / "input.json").string();
        std::string message;
        try {
            loadAny(dir / "input.json");
        } catch (const Error& e) {
            message = e.what();
            CHECK(e.source() == source);
        } catch (const std::exception& e) {
            FAIL("case " << name << " threw something other than tinyfoot::Error: " << e.what());
        }
        CAPTURE(message);
        CHECK_MESSAGE(!message.empty(), "case " << name << " loaded without an error");
        CHECK(message.find("input.json") != std::string::npos);
        for (const auto& fragment : expected) {
            CAPTURE(fragment);
            CHECK(message.find(fragment) != std::string::npos);
        }
        ++ran;
    }
    // Guard: the folder really held the cases (a path mistake must not pass silently).
    CHECK(ran >= 64);
}

TEST_CASE("every file in data/ and presets/ loads with zero errors") {
    int files = 0;
    for (const auto& f : test::jsonFilesUnder(test::sourceRoot() / "data")) {
        // Power models (data/power/) belong to the measurement harness, which loads and tests them.
        if (f.parent_path().filename() == "power") continue;
        // The cycle table (data/cycles/) is read by the harness's cycle estimate,
        // scripts/cortex-m4-estimate.py, not by the engine.
        if (f.parent_path().filename() == "cycles") continue;
        CAPTURE(f.string());
        CHECK_NOTHROW(loadAny(f));
        ++files;
    }
    for (const auto& f : test::jsonFilesUnder(test::sourceRoot() / "presets")) {
        CAPTURE(f.string());
        CHECK_NOTHROW(loadAny(f));
        ++files;
    }
    CHECK(files >= 11);
}

TEST_CASE("every factor of the shipped sets carries its provenance") {
    for (const auto& set : test::library().factorSets) {
        for (const auto& f : set.factors) {
            CAPTURE(f.id);
            CHECK_FALSE(f.sources.empty());
            CHECK_FALSE(f.sources.front().citation.empty());
            CHECK_FALSE(f.licence.empty());
            CHECK(f.year >= 1990);
            if (f.derivation == Derivation::BackSolved) CHECK_FALSE(f.note.empty());
        }
    }
}

TEST_CASE("an error names the source, the JSON path, what was expected and what was found") {
    std::istringstream in(R"({"format": "tinyfoot.system", "version": 1, "id": "x", "name": "X", "kind": "tinyml",
      "lifetime": {"value": 3, "unit": "parsecs"}, "components": []})");
    try {
        loadSystem(in, "my-device.json");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.source() == "my-device.json");
        CHECK(e.path() == "/lifetime/unit");
        CHECK(e.expected().find("s, h, d, year") != std::string::npos);
        CHECK(e.found() == "\"parsecs\"");
    }
}
