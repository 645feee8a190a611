// Golden tests: every report, CSV and figure data file the command line writes is compared byte for
// byte with the copy kept in tests/data/golden/<case>/. Each case folder holds `args` (one argument
// per line; @ROOT@ is the source tree, @OUT@ a fresh folder the command may write into), the
// expected standard output `expected.out`, and `expected.<name>` for every file written into @OUT@
// (in which the source tree and the folder are written @ROOT@ and @OUT@ again).
// Set TINYFOOT_UPDATE_GOLDEN=1 to rewrite the expected files after an intended change; the diff of
// tests/data/golden then shows every byte that changed.
#include "run_process.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kGolden = fs::path(TINYFOOT_TEST_DATA) / "golden";

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

std::vector<std::string> readArgs(const fs::path& file, const fs::path& out) {
    std::ifstream in(file);
    std::vector<std::string> args;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        line = replaceAll(line, "@ROOT@", TINYFOOT_SOURCE_ROOT);
        args.push_back(replaceAll(line, "@OUT@", out.string()));
    }
    return args;
}

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

// The first line where two texts differ, for a message a person can act on.
std::string firstDifference(const std::string& expected, const std::string& actual) {
    std::size_t line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
        if (expected[i] != actual[i]) {
            const auto endOf = [&](const std::string& s) {
                const auto e = s.find('\n', start);
                return s.substr(start, e == std::string::npos ? std::string::npos : e - start);
            };
            return "line " + std::to_string(line) + ": expected «" + endOf(expected) + "», got «" + endOf(actual) + "»";
        }
        if (expected[i] == '\n') {
            ++line;
            start = i + 1;
        }
    }
    return "lengths differ: expected " + std::to_string(expected.size()) + " bytes, got " +
           std::to_string(actual.size());
}

bool chartAvailable() {
    static const bool available = [] {
        const auto r = tinyfoot::test::runProcess(TINYFOOT_CLI, {"chart", "--help"});
        return r.exitCode == 0;
    }();
    return available;
}

} // namespace

TEST_CASE("every golden case reproduces its output byte for byte") {
    const bool update = std::getenv("TINYFOOT_UPDATE_GOLDEN") != nullptr;
    std::set<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(kGolden))
        if (entry.is_directory()) cases.insert(entry.path());
    REQUIRE(cases.size() >= 30);
    int ran = 0;
    for (const auto& dir : cases) {
        const std::string name = dir.filename().string();
        CAPTURE(name);
        if (name.rfind("chart-", 0) == 0 && !chartAvailable()) continue;
        const fs::path out = fs::temp_directory_path() / ("tinyfoot-golden-" + name);
        fs::remove_all(out);
        fs::create_directories(out);
        auto args = readArgs(dir / "args", out);
        args.insert(args.begin(), {"--data", TINYFOOT_SOURCE_ROOT});
        const auto r = tinyfoot::test::runProcess(TINYFOOT_CLI, args);
        CAPTURE(r.err);
        REQUIRE(r.exitCode == 0);
        // Paths of this checkout and of the temporary folder are written back as @ROOT@ and @OUT@,
        // so the expected files hold no machine's paths.
        const auto portable = [&](std::string text) {
            return replaceAll(replaceAll(std::move(text), out.string(), "@OUT@"), TINYFOOT_SOURCE_ROOT, "@ROOT@");
        };
        std::vector<std::pair<std::string, std::string>> produced{{"out", portable(r.out)}};
        for (const auto& f : fs::directory_iterator(out))
            produced.emplace_back(f.path().filename().extension().string().substr(1),
                                  portable(tinyfoot::test::slurp(f.path().string())));
        if (update) {
            for (const auto& f : fs::directory_iterator(dir))
                if (f.path().filename().string().rfind("expected.", 0) == 0) fs::remove(f.path());
            for (const auto& [ext, text] : produced) write(dir / ("expected." + ext), text);
        }
        std::size_t expectedFiles = 0;
        for (const auto& f : fs::directory_iterator(dir))
            if (f.path().filename().string().rfind("expected.", 0) == 0) ++expectedFiles;
        CHECK(expectedFiles == produced.size());
        for (const auto& [ext, text] : produced) {
            CAPTURE(ext);
            const fs::path golden = dir / ("expected." + ext);
            REQUIRE(fs::exists(golden));
            const std::string expected = tinyfoot::test::slurp(golden.string());
            if (expected != text) FAIL_CHECK(firstDifference(expected, text));
        }
        fs::remove_all(out);
        ++ran;
    }
    CHECK(ran >= 20);
}
