// Black-box tests of the `tinyfoot` command line: real binary, real data, exit codes.
#include "run_process.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using tinyfoot::test::ProcessResult;
namespace fs = std::filesystem;

namespace {

ProcessResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", TINYFOOT_SOURCE_ROOT});
    return tinyfoot::test::runProcess(TINYFOOT_CLI, args);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string readLines(const fs::path& p) { return tinyfoot::test::slurp(p.string()); }

} // namespace

TEST_CASE("help is available for the program and for every command") {
    const auto r = cli({"--help"});
    CHECK(r.exitCode == 0);
    for (const char* cmd : {"report", "compare", "presets", "factors", "validate"}) {
        CHECK(contains(r.out, cmd));
        const auto h = cli({cmd, "--help"});
        CHECK(h.exitCode == 0);
        CHECK(contains(h.out, std::string("Usage: tinyfoot ") + cmd));
    }
    CHECK(contains(cli({"--version"}).out, "tinyfoot "));
}

TEST_CASE("report prints the paper's low-cost system with its total") {
    const auto r = cli({"report", "kws-best"});
    CHECK(r.exitCode == 0);
    CHECK(contains(r.out, "Keyword spotting, best case"));
    CHECK(contains(r.out, "0.89"));
    CHECK(contains(r.out, "power supply"));
    CHECK(contains(r.out, "HSL-2 lower"));
}

TEST_CASE("report --format json carries totals, components and bottom-up quantities for the five paper systems") {
    const std::map<std::string, double> totals{{"kws-best", 0.89},
                                               {"kws-typical", 2.66},
                                               {"anomaly-typical", 2.67},
                                               {"image-typical", 3.41},
                                               {"image-worst", 7.06}};
    for (const auto& [id, printed] : totals) {
        CAPTURE(id);
        const auto r = cli({"report", id, "--format", "json"});
        REQUIRE(r.exitCode == 0);
        const auto j = nlohmann::json::parse(r.out);
        const double total = j.at("total_kg_co2e").get<double>();
        CHECK(std::round(total * 100.0) / 100.0 == doctest::Approx(printed));
        CHECK(j.at("components").size() == 15);
        CHECK(j.at("factor_set") == "paper-2023-backsolved");
        CHECK_FALSE(j.at("factors").empty());
        // Bottom-up quantities: the processing component shows its die area in mm2.
        bool sawDie = false;
        for (const auto& c : j.at("components")) {
            if (c.at("block") != "processing") continue;
            for (const auto& line : c.at("lines"))
                for (const auto& [label, amount] : line.at("amounts").items())
                    sawDie = sawDie || amount.at("unit") == "mm2";
        }
        CHECK(sawDie);
    }
}

TEST_CASE("report --format csv has a header and one row per component") {
    const auto r = cli({"report", "image-worst", "--format", "csv"});
    CHECK(r.exitCode == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 16);
    CHECK(r.out.rfind("system_id,", 0) == 0);
}

TEST_CASE("compare gives the paper's 5x and 38x against the Apple Watch") {
    const auto high = cli({"compare", "apple-watch-series-7", "image-worst"});
    CHECK(high.exitCode == 0);
    CHECK(contains(high.out, "4.82x"));
    const auto j = nlohmann::json::parse(cli({"compare", "apple-watch-series-7", "kws-best", "--format", "json"}).out);
    double ratio = 0.0;
    for (const auto& r : j.at("ratios"))
        if (r.at("numerator") == "apple-watch-series-7" && r.at("denominator") == "kws-best")
            ratio = r.at("ratio").get<double>();
    CHECK(std::round(ratio) == 38.0);
}

TEST_CASE("the paper comparison study compares all seven systems") {
    const auto r = cli({"compare", std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json"});
    CHECK(r.exitCode == 0);
    for (const char* id : {"kws-best", "kws-typical", "anomaly-typical", "image-typical", "image-worst",
                           "apple-watch-series-7", "macbook-pro-16-2021"})
        CHECK(contains(r.out, id));
    CHECK(contains(r.out, "349.00"));
}

TEST_CASE("presets and factors list the library with provenance") {
    const auto p = cli({"presets"});
    CHECK(p.exitCode == 0);
    CHECK(contains(p.out, "kws-best"));
    CHECK(contains(p.out, "macbook-pro-16-2021"));
    const auto f = cli({"factors"});
    CHECK(f.exitCode == 0);
    CHECK(contains(f.out, "ic.mcu_die = 0.01682 kg_co2e/mm2  [back-solved, 2023]"));
    CHECK(contains(f.out, "licence:"));
    const auto fj = nlohmann::json::parse(cli({"factors", "--format", "json"}).out);
    CHECK(fj.at("factors").size() >= 20);
    CHECK(contains(cli({"factors", "--set", "list"}).out, "paper-2023-backsolved"));
}

TEST_CASE("validate accepts the whole data library") {
    const auto r = cli({"validate"});
    CHECK(r.exitCode == 0);
    CHECK(contains(r.out, "files ok"));
}

TEST_CASE("validate rejects every bad input with exit code 3 and a message naming file and field") {
    int cases = 0;
    for (const auto& e : fs::directory_iterator(fs::path(TINYFOOT_TEST_DATA) / "bad")) {
        if (!e.is_directory()) continue;
        const std::string input = (e.path() / "input.json").string();
        CAPTURE(input);
        const auto r = cli({"validate", input});
        CHECK(r.exitCode == 3);
        CHECK(contains(r.err, input));
        std::istringstream expected(readLines(e.path() / "expected.txt"));
        for (std::string line; std::getline(expected, line);) {
            if (line.empty()) continue;
            CAPTURE(line);
            CHECK(contains(r.err, line));
        }
        ++cases;
    }
    CHECK(cases >= 38);
}

TEST_CASE("report on a bad file fails with exit code 3 and leaves stdout empty") {
    const auto r = cli({"report", std::string(TINYFOOT_TEST_DATA) + "/bad/negative-amount/input.json"});
    CHECK(r.exitCode == 3);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "/components/0/items/0/amount/value"));
}

TEST_CASE("usage errors exit with code 2") {
    CHECK(cli({}).exitCode == 2);
    CHECK(cli({"frobnicate"}).exitCode == 2);
    CHECK(cli({"report"}).exitCode == 2);
    CHECK(cli({"report", "kws-best", "--format", "xml"}).exitCode == 2);
    CHECK(cli({"report", "kws-best", "--decimals", "many"}).exitCode == 2);
    CHECK(cli({"report", "kws-best", "--bogus"}).exitCode == 2);
    CHECK(cli({"report", "kws-best", "--factors", "no-such-set"}).exitCode == 2);
    CHECK(cli({"compare", "kws-best"}).exitCode == 2);
}

TEST_CASE("a missing file or preset exits with code 3 and names it") {
    const auto r = cli({"report", "no-such-preset"});
    CHECK(r.exitCode == 3);
    CHECK(contains(r.err, "no-such-preset"));
    const auto f = cli({"report", "/nonexistent/system.json"});
    CHECK(f.exitCode == 3);
    CHECK(contains(f.err, "/nonexistent/system.json"));
}

TEST_CASE("a data folder without data exits with code 3") {
    const auto r = tinyfoot::test::runProcess(TINYFOOT_CLI, {"--data", "/tmp", "presets"});
    CHECK(r.exitCode == 3);
    CHECK(contains(r.err, "/tmp"));
}

TEST_CASE("an incomplete result is printed, flagged and exits with code 5") {
    const auto r = cli({"report", std::string(TINYFOOT_TEST_DATA) + "/systems/needs-memory-factors.json"});
    CHECK(r.exitCode == 5);
    CHECK(contains(r.out, "INCOMPLETE"));
    CHECK(contains(r.out, "missing-factor"));
}

TEST_CASE("--out writes the file atomically, and an unwritable place exits with code 4") {
    const fs::path out = fs::temp_directory_path() / "tinyfoot-cli-test-report.json";
    fs::remove(out);
    const auto r = cli({"report", "kws-best", "--format", "json", "--out", out.string()});
    CHECK(r.exitCode == 0);
    CHECK(r.out.empty());
    const auto j = nlohmann::json::parse(readLines(out));
    CHECK(j.at("system").at("id") == "kws-best");
    fs::remove(out);
    const auto bad = cli({"report", "kws-best", "--out", "/nonexistent-dir/report.txt"});
    CHECK(bad.exitCode == 4);
    CHECK(contains(bad.err, "/nonexistent-dir"));
}

TEST_CASE("numbers are written with a decimal point whatever the locale") {
    setenv("LC_ALL", "de_DE.UTF-8", 1);
    const auto r = cli({"report", "kws-best", "--format", "csv"});
    unsetenv("LC_ALL");
    CHECK(r.exitCode == 0);
    CHECK(contains(r.out, ",0.1"));
    CHECK_FALSE(contains(r.out, "0,1"));
}

TEST_CASE("docs/method.md lists every factor of the paper's set") {
    const std::string method = tinyfoot::test::slurp(std::string(TINYFOOT_SOURCE_ROOT) + "/docs/method.md");
    REQUIRE_FALSE(method.empty());
    const auto j = nlohmann::json::parse(cli({"factors", "--set", "paper-2023-backsolved", "--format", "json"}).out);
    int checked = 0;
    for (const auto& f : j.at("factors")) {
        const std::string id = f.at("id").get<std::string>();
        CAPTURE(id);
        CHECK(contains(method, "`" + id + "`"));
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("compare --factor-set shows both sets per block, with the difference") {
    const auto r = cli({"compare", "kws-typical", "--factor-set", "open-data"});
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "paper-2023-backsolved"));
    CHECK(contains(r.out, "open-data"));
    CHECK(contains(r.out, "2.66"));
    CHECK(contains(r.out, "2.25"));
    CHECK(contains(r.out, "conflicting-sources"));
    const auto j =
        nlohmann::json::parse(cli({"compare", "image-worst", "--factor-set", "open-data", "--format", "json"}).out);
    REQUIRE(j.size() == 1);
    CHECK(j[0].at("total_a_kg_co2e").get<double>() == doctest::Approx(7.06).epsilon(0.001));
    CHECK(j[0].at("total_b_kg_co2e").get<double>() == doctest::Approx(6.21).epsilon(0.001));
    CHECK(j[0].at("blocks").at("pcb").at("difference_kg_co2e").get<double>() < 0.0);
    CHECK(cli({"compare", "kws-typical", "--factor-set", "nope"}).exitCode == 2);
}

TEST_CASE("report --use-from takes the use stage from a harness results file") {
    const std::string results = std::string(TINYFOOT_TEST_DATA) + "/measurement/results.json";
    const auto r = cli({"report", "kws-typical", "--use-from", results, "--inference-rate", "2/s", "--format", "json"});
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    double use = -1.0;
    for (const auto& c : j.at("components"))
        if (c.at("block") == "use_stage") use = c.at("kg_co2e").get<double>();
    // 50 uJ x 2/s + 100 uW = 200 uW over 3 years = 5.256 Wh at 0.394 kg/kWh.
    CHECK(use == doctest::Approx(5.256e-3 * 0.394).epsilon(1e-9));
    // Per inference: the total divided by 2/s x 3 years of inferences.
    const auto per = nlohmann::json::parse(cli({"report", "kws-typical", "--use-from", results, "--inference-rate",
                                                "2/s", "--per", "inference", "--format", "json"})
                                               .out);
    CHECK(per.at("functional_unit") == "inference");
    CHECK(per.at("total_kg_co2e").get<double>() * 2.0 * 3 * 365 * 24 * 3600 ==
          doctest::Approx(j.at("total_kg_co2e").get<double>()).epsilon(1e-9));
    // Without a rate there is nothing to multiply by: a usage error naming the option.
    const auto noRate = cli({"report", "kws-typical", "--use-from", results});
    CHECK(noRate.exitCode == 2);
    CHECK(contains(noRate.err, "--inference-rate"));
    // The paper's continuous 1 mW has no inference rate: per inference is refused.
    CHECK(cli({"report", "kws-typical", "--per", "inference"}).exitCode == 2);
    const auto year =
        nlohmann::json::parse(cli({"report", "kws-typical", "--per", "device-year", "--format", "json"}).out);
    CHECK(year.at("total_kg_co2e").get<double>() == doctest::Approx(2.66 / 3).epsilon(0.01));
}

TEST_CASE("report --factors SET resolves a system file against SET, not against the default set") {
    // A data folder of the user's: the shipped library plus a factor set of their own that adds a
    // factor no shipped set has.
    const fs::path root = fs::temp_directory_path() / "tinyfoot-user-factor-set";
    fs::remove_all(root);
    fs::create_directories(root / "data" / "factors");
    fs::create_directory_symlink(fs::path(TINYFOOT_SOURCE_ROOT) / "presets", root / "presets");
    for (const auto& entry : fs::directory_iterator(fs::path(TINYFOOT_SOURCE_ROOT) / "data"))
        if (entry.path().filename() != "factors")
            fs::create_directory_symlink(entry.path(), root / "data" / entry.path().filename());
    for (const auto& entry : fs::directory_iterator(fs::path(TINYFOOT_SOURCE_ROOT) / "data" / "factors"))
        fs::create_symlink(entry.path(), root / "data" / "factors" / entry.path().filename());
    const nlohmann::json source = {{"citation", "TinyFoot test: a user's own measurement"}};
    nlohmann::json set = {{"format", "tinyfoot.factors"},
                          {"version", 1},
                          {"id", "user-set"},
                          {"name", "A user's factor set"},
                          {"sources", {source}},
                          {"includes", {"paper-2023-backsolved"}},
                          {"factors",
                           {{{"id", "user.enclosure_resin"},
                             {"name", "Enclosure resin (user's figure)"},
                             {"value", 4.0},
                             {"unit", "kg_co2e/kg"},
                             {"derivation", "published"},
                             {"sources", {source}},
                             {"year", 2026},
                             {"licence", "CC0"}}}}};
    std::ofstream(root / "data" / "factors" / "user-set.json") << set.dump(2);
    const nlohmann::json system = {
        {"format", "tinyfoot.system"},
        {"version", 1},
        {"id", "user-device"},
        {"name", "A device cased in the user's resin"},
        {"kind", "tinyml"},
        {"lifetime", {{"value", 3}, {"unit", "year"}}},
        {"components",
         {{{"block", "casing"},
           {"items",
            {{{"name", "resin"}, {"amount", {{"value", 50}, {"unit", "g"}}}, {"factor", "user.enclosure_resin"}}}}}}}};
    const fs::path systemFile = root / "user-device.json";
    std::ofstream(systemFile) << system.dump(2);
    const auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--data", root.string()});
        return tinyfoot::test::runProcess(TINYFOOT_CLI, args);
    };
    const auto r = run({"report", systemFile.string(), "--factors", "user-set", "--format", "json"});
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("factor_set") == "user-set");
    CHECK(j.at("total_kg_co2e").get<double>() == doctest::Approx(0.05 * 4.0).epsilon(1e-12));
    // The study commands resolve against the chosen set as well.
    const auto swept = run({"sweep", systemFile.string(), "--factors", "user-set", "--x", "lifetime", "--x-unit",
                            "year", "--x-values", "1,2", "--format", "csv"});
    CAPTURE(swept.err);
    CHECK(swept.exitCode == 0);
    // The user's factor has no range: the listing marks it and counts it (the shipped ones all have one).
    const auto listed = run({"factors", "--set", "user-set"});
    CAPTURE(listed.err);
    CHECK(listed.exitCode == 0);
    CHECK(contains(listed.out, "1 of "));
    CHECK(contains(listed.out, " factors have no range"));
    CHECK(contains(listed.out, "user.enclosure_resin = 4 kg_co2e/kg  [published, 2026]\n    Enclosure resin (user's "
                               "figure)\n    range: none\n"));
    // Under the default set the factor is unknown: the error names the file, the field and the set.
    const auto bad = run({"report", systemFile.string()});
    CHECK(bad.exitCode == 3);
    CHECK(contains(bad.err, "user-device.json"));
    CHECK(contains(bad.err, "/components/0/items/0/factor"));
    CHECK(contains(bad.err, "paper-2023-backsolved"));
    // validate checks a system against the default set too.
    CHECK(run({"validate", systemFile.string()}).exitCode == 3);
    fs::remove_all(root);
}

namespace {

/// The width or height an SVG's root element gives, in millimetres (Qt writes "...mm").
double svgLengthMm(const std::string& svg, const std::string& attribute) {
    const auto at = svg.find(attribute + "=\"");
    if (at == std::string::npos) return -1.0;
    return std::stod(svg.substr(at + attribute.size() + 2));
}

/// Every font-size an SVG sets (pixels of the figure's layout, which are points on paper).
std::vector<double> svgFontSizes(const std::string& svg) {
    std::vector<double> sizes;
    for (auto at = svg.find("font-size=\""); at != std::string::npos; at = svg.find("font-size=\"", at + 1))
        sizes.push_back(std::stod(svg.substr(at + 11)));
    return sizes;
}

/// Whether `tinyfoot chart` is in this build (it needs Qt).
bool chartBuilt() { return cli({"chart", "--help"}).exitCode == 0; }

} // namespace

TEST_CASE("chart --style lays a figure out at the style's column width and text sizes") {
    if (!chartBuilt()) return;
    const fs::path dir = fs::temp_directory_path() / "tinyfoot-cli-style";
    fs::create_directories(dir);
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json";
    struct Case {
        const char* style;
        const char* column;
        double widthMm;
        double minimumPoints;
    };
    for (const Case c : {Case{"ieee", "single", 88.9, 9.0}, Case{"ieee", "double", 7.16 * 25.4, 9.0},
                         Case{"nature", "single", 89.0, 6.0}, Case{"nature", "double", 183.0, 6.0},
                         Case{"elsevier", "one-and-half", 140.0, 7.0}, Case{"springer", "double", 174.0, 8.0},
                         Case{"acm", "single", 3.337 * 25.4, 6.0}}) {
        CAPTURE(c.style);
        CAPTURE(c.column);
        const fs::path out = dir / (std::string(c.style) + "-" + c.column + ".svg");
        const auto r = cli({"chart", study, "--style", c.style, "--column", c.column, "--out", out.string()});
        REQUIRE(r.exitCode == 0);
        const std::string svg = readLines(out);
        // The figure is laid out in whole points: its width is the column's within half a point.
        CHECK(std::fabs(svgLengthMm(svg, "width") - c.widthMm) <= 0.5 * 25.4 / 72.0 + 1e-9);
        const auto sizes = svgFontSizes(svg);
        REQUIRE_FALSE(sizes.empty());
        CHECK(*std::min_element(sizes.begin(), sizes.end()) >= c.minimumPoints);
    }
    // Explicit options override the style.
    const fs::path wide = dir / "override.svg";
    REQUIRE(cli({"chart", study, "--style", "ieee", "--width-mm", "120", "--font-size", "10", "--out", wide.string()})
                .exitCode == 0);
    const std::string svg = readLines(wide);
    CHECK(std::fabs(svgLengthMm(svg, "width") - 120.0) <= 0.5 * 25.4 / 72.0 + 1e-9);
    const auto sizes = svgFontSizes(svg);
    // 10 pt text; system labels may step down, but not below the style's 9 pt floor.
    CHECK(*std::max_element(sizes.begin(), sizes.end()) >= 10.0);
    CHECK(*std::min_element(sizes.begin(), sizes.end()) >= 9.0);
    fs::remove_all(dir);
}

TEST_CASE("chart --style names the known styles for an unknown one, and the style's columns for an unknown --column") {
    if (!chartBuilt()) return;
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json";
    const auto r = cli({"chart", study, "--style", "acme", "--out", "/tmp/never.svg"});
    CHECK(r.exitCode == 2);
    CHECK(contains(r.err, "no style 'acme'"));
    CHECK(contains(r.err, "acm, elsevier, ieee, nature, springer"));
    const auto c = cli({"chart", study, "--style", "elsevier", "--column", "triple", "--out", "/tmp/never.svg"});
    CHECK(c.exitCode == 2);
    CHECK(contains(c.err, "single, one-and-half, double"));
    const auto bad =
        cli({"chart", study, "--style", std::string(TINYFOOT_TEST_DATA) + "/bad/style-legend-unknown/input.json",
             "--out", "/tmp/never.svg"});
    CHECK(bad.exitCode == 3);
    CHECK(contains(bad.err, "style-legend-unknown/input.json"));
    CHECK(contains(bad.err, "/legend"));
    CHECK_FALSE(fs::exists("/tmp/never.svg"));
}

TEST_CASE("a user's style file draws the same figure as the options it holds") {
    if (!chartBuilt()) return;
    const fs::path dir = fs::temp_directory_path() / "tinyfoot-cli-user-style";
    fs::create_directories(dir);
    {
        std::ofstream f(dir / "mine.json");
        f << R"({"format": "tinyfoot.figure_style", "version": 1, "id": "mine", "name": "Mine",
                 "columns": {"wide": {"value": 150, "unit": "mm"}}, "height": {"value": 70, "unit": "mm"},
                 "font_family": "DejaVu Sans", "font_points": 9, "palette": "grey", "legend": "below",
                 "bar_style": "share", "title": false})";
    }
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json";
    REQUIRE(cli({"validate", (dir / "mine.json").string()}).exitCode == 0);
    REQUIRE(cli({"chart", study, "--style", (dir / "mine.json").string(), "--out", (dir / "styled.svg").string()})
                .exitCode == 0);
    const std::string styled = readLines(dir / "styled.svg");
    CHECK(std::fabs(svgLengthMm(styled, "width") - 150.0) <= 0.5 * 25.4 / 72.0 + 1e-9);
    CHECK(std::fabs(svgLengthMm(styled, "height") - 70.0) <= 0.5 * 25.4 / 72.0 + 1e-9);
    CHECK_FALSE(contains(styled, "Carbon footprint per device")); // no title
    fs::remove_all(dir);
}

TEST_CASE("chart --panels draws several views of a study as panels (a), (b), (c) at double-column width") {
    if (!chartBuilt()) return;
    const fs::path dir = fs::temp_directory_path() / "tinyfoot-chart-panels";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json";
    for (const char* ext : {"svg", "pdf", "png"}) {
        const fs::path out = dir / (std::string("panels.") + ext);
        const auto r = cli(
            {"chart", study, "--panels", "footprint,uncertainty,tornado", "--samples", "2000", "--out", out.string()});
        REQUIRE(r.exitCode == 0);
        CHECK(fs::file_size(out) > 0);
    }
    const std::string svg = readLines(dir / "panels.svg");
    // Double column (7.2 in) unless asked otherwise, every text at least 6 pt.
    CHECK(std::fabs(svgLengthMm(svg, "width") - 7.2 * 25.4) <= 0.5 * 25.4 / 72.0 + 1e-9);
    for (double size : svgFontSizes(svg)) CHECK(size >= 6.0);
    CHECK(contains(svg, "(a) Carbon footprint per device"));
    CHECK(contains(svg, "(b) Uncertainty of the totals"));
    CHECK(contains(svg, "(c) Tornado: kws-best total"));
    // Each panel's data under a line naming it.
    const std::string csv = readLines(dir / "panels.csv");
    CHECK(contains(csv, "# panel (a) footprint\n"));
    CHECK(contains(csv, "# panel (b) uncertainty\n"));
    CHECK(contains(csv, "# panel (c) tornado\n"));
    // Panels that show the same series share one legend: the stages are named once.
    REQUIRE(cli({"chart", study, "--panels", "footprint,footprint", "--out", (dir / "shared.svg").string()}).exitCode ==
            0);
    const std::string shared = readLines(dir / "shared.svg");
    const auto first = shared.find(">ML training<");
    CHECK(first != std::string::npos);
    CHECK(shared.find(">ML training<", first + 1) == std::string::npos);
    // A grid: one above the other.
    REQUIRE(cli({"chart", study, "--panels", "footprint,tornado", "--panel-layout", "1x2", "--height-in", "5", "--out",
                 (dir / "column.svg").string()})
                .exitCode == 0);
    CHECK(std::fabs(svgLengthMm(readLines(dir / "column.svg"), "height") - 5.0 * 25.4) <= 0.5 * 25.4 / 72.0 + 1e-9);
    // Usage errors name what was expected.
    const auto small = cli({"chart", study, "--panels", "footprint,uncertainty,tornado", "--panel-layout", "2x1",
                            "--out", (dir / "never.svg").string()});
    CHECK(small.exitCode == 2);
    CHECK(contains(small.err, "holds 2 panels, not 3"));
    const auto unknown = cli({"chart", study, "--panels", "footprint,bogus", "--out", (dir / "never.svg").string()});
    CHECK(unknown.exitCode == 2);
    CHECK(contains(unknown.err, "not 'bogus'"));
    CHECK(cli({"chart", study, "--panels", "footprint", "--out", (dir / "never.svg").string()}).exitCode == 2);
    CHECK(cli({"chart", study, "--view", "footprint", "--panel-layout", "2x1", "--out", (dir / "never.svg").string()})
              .exitCode == 2);
    CHECK_FALSE(fs::exists(dir / "never.svg"));
    fs::remove_all(dir);
}

TEST_CASE("report --impact prints one category per component with its basis and sources; JSON carries every one") {
    const auto r = cli({"report", "kws-best", "--impact", "adpe"});
    // ML training, freight and the declared end of life have no ADPe figure: incomplete (exit 5).
    CHECK(r.exitCode == 5);
    CHECK(contains(r.out, "Resource use, minerals and metals (ADPe)"));
    CHECK(contains(r.out, "kg_sb_eq"));
    CHECK(contains(r.out, "tide-boavizta casing HSL-1, fabrication"));
    CHECK(contains(r.out, "3.99e-07")); // casing HSL-1 fabrication, kg Sb eq.
    CHECK(contains(r.out, "0.02628 kWh x electricity USA"));
    CHECK(contains(r.out, "no figure"));
    CHECK(contains(r.out, "missing-category"));
    CHECK(contains(r.out, "iot_factors_tide.csv"));
    CHECK(contains(r.err, "missing-category"));

    const auto j = cli({"report", "kws-best", "--impact", "wu", "--format", "json"});
    CHECK(j.exitCode == 5);
    const auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["total_kg_co2e"].get<double>() == doctest::Approx(0.89).epsilon(0.01)); // the CO2e result stays
    const auto& impacts = doc["impacts"];
    CHECK(impacts["impact_set"] == "tide-boavizta");
    CHECK(impacts["categories"].size() == 17);
    bool casing = false;
    for (const auto& c : impacts["components"])
        if (c["block"] == "casing") {
            casing = true;
            CHECK(c["total"]["wu"].get<double>() == doctest::Approx(0.0846 + 14.4));
            CHECK(c["lines"].size() == 2);
        } else if (c["block"] == "ml_training") {
            CHECK(c["total"]["adpe"].is_null());
        }
    CHECK(casing);
    CHECK(impacts["complete"]["adpe"] == false);
    CHECK(impacts["by_stage"].contains("end_of_life"));

    CHECK(cli({"report", "kws-best", "--impact", "gwp"}).exitCode == 2);
    CHECK(contains(cli({"report", "kws-best", "--impact", "gwp"}).err, "adpe"));
    CHECK(cli({"report", "kws-best", "--impact", "adpe", "--impact-set", "nope"}).exitCode == 2);
    // co2e is the plain report.
    CHECK(cli({"report", "kws-best", "--impact", "co2e"}).out == cli({"report", "kws-best"}).out);
}

TEST_CASE(
    "report --impact ewaste weighs the device by material, names what nothing weighs, and shows the shipped mass") {
    const auto r = cli({"report", "kws-best", "--impact", "ewaste"});
    CHECK(contains(r.out, "Mass at end of life by material"));
    CHECK(contains(r.out, "casing: 10 g ABS"));
    CHECK(contains(r.out, "shipped device (freight)"));
    const auto j = cli({"report", "kws-best", "--impact", "ewaste", "--format", "json"});
    const auto doc = nlohmann::json::parse(j.out);
    const auto& m = doc["end_of_life_mass"];
    bool abs = false;
    for (const auto& x : m["materials"])
        if (x["material"] == "ABS plastic") {
            abs = true;
            CHECK(x["kg"].get<double>() == doctest::Approx(0.010));
        }
    CHECK(abs);
    CHECK(m["shipped_kg"].get<double>() == doctest::Approx(0.05));
    // Every gram the HSL gives is in the sum; a table may weigh more (the board, the die).
    CHECK(m["weighed_kg"].get<double>() >= 0.022054 - 1e-12);
    // Exit 5 exactly when something is left unweighed, and then it is named.
    CHECK(m["complete"].get<bool>() == m["unweighed"].empty());
    CHECK(j.exitCode == (m["complete"].get<bool>() ? 0 : 5));
    CHECK(r.exitCode == j.exitCode);
    // A category report's JSON carries the end-of-life mass too.
    const auto adpe = nlohmann::json::parse(cli({"report", "kws-best", "--impact", "adpe", "--format", "json"}).out);
    CHECK(adpe["end_of_life_mass"]["weighed_kg"] == m["weighed_kg"]);
    CHECK(cli({"report", "kws-best", "--impact", "ewaste", "--format", "csv"}).exitCode == 2);
}

TEST_CASE("--impact single-score: EF 3.1 points per category in reports, and Pt in studies") {
    const auto j = cli({"report", "kws-best", "--impact", "single-score", "--format", "json"});
    CHECK(j.exitCode == 5); // ADPe and the others leave out training, freight and the end of life
    const auto doc = nlohmann::json::parse(j.out);
    const auto& score = doc["single_score"];
    CHECK(score["weighting_set"] == "ef-3.1");
    CHECK(score["categories"].size() == 16);
    double sum = 0.0;
    for (const auto& c : score["categories"]) sum += c["points"].get<double>();
    CHECK(score["points"].get<double>() == doctest::Approx(sum).epsilon(1e-12));
    // Climate change: the CO2e result / 7553.08 kg CO2e per person-year x 21.06 %.
    const auto& gwp = score["categories"][0];
    CHECK(gwp["id"] == "gwp");
    CHECK(gwp["points"].get<double>() == doctest::Approx(gwp["value"].get<double>() / 7553.08 * 0.2106).epsilon(1e-12));
    CHECK(score["covered_weight_percent"].get<double>() == doctest::Approx(21.06));
    const auto t = cli({"report", "kws-best", "--impact", "single-score"});
    CHECK(contains(t.out, "uPt"));
    CHECK(contains(t.out, "EUR 31414 EN"));
    CHECK(cli({"report", "kws-best", "--impact", "single-score", "--weighting", "nope"}).exitCode == 2);
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json";
    const auto u = cli({"uncertainty", study, "--impact", "single-score", "--samples", "200", "--format", "json"});
    CHECK(u.exitCode == 5);
    const auto uj = nlohmann::json::parse(u.out);
    CHECK(uj["metrics"][0]["unit"] == "Pt");
}

TEST_CASE("chart --view difference: each pair's paired interval beside the independent one, in the CSV too") {
    if (!chartBuilt()) return; // the sanitizer build has no Qt
    const fs::path dir = fs::temp_directory_path() / "tinyfoot-cli-chart-difference";
    fs::create_directories(dir);
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json";
    const auto r = cli({"chart", study, "--view", "difference", "--differences", "kws-best:image-worst", "--samples",
                        "4000", "--out", (dir / "d.svg").string()});
    CHECK(r.exitCode == 0);
    const std::string svg = readLines(dir / "d.svg");
    CHECK(contains(svg, "paired (CRN)"));
    CHECK(contains(svg, "independent runs"));
    const std::string csv = readLines(dir / "d.csv");
    CHECK(contains(csv, "kws-best,image-worst,difference,paired,"));
    CHECK(contains(csv, "kws-best,image-worst,ratio,paired,"));
    // The independent interval is the wider: its width ratio is above 1 (about 2.5 here).
    const auto at = csv.find("kws-best,image-worst,difference,independent,");
    REQUIRE(at != std::string::npos);
    std::vector<std::string> cells;
    std::string row = csv.substr(at, csv.find('\n', at) - at), cell;
    for (std::istringstream in(row); std::getline(in, cell, ',');) cells.push_back(cell);
    REQUIRE(cells.size() > 12);
    CHECK(std::stod(cells[12]) > 1.5); // width_ratio
    fs::remove_all(dir);
}

TEST_CASE("chart --view difference --ratio: A / B paired beside independent; uncertainty --table differences") {
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json";
    // The differences table: each pair's difference and ratio, paired and independent.
    const auto u = cli({"uncertainty", study, "--samples", "4000", "--format", "csv", "--table", "differences"});
    CHECK(u.exitCode == 0);
    CHECK(contains(u.out, "image-worst,kws-best,difference,paired,kg_co2e,"));
    CHECK(contains(u.out, "image-worst,kws-best,ratio,independent,1,"));
    CHECK(cli({"uncertainty", study, "--format", "csv", "--table", "ratios"}).exitCode == 2);
    if (!chartBuilt()) return; // the sanitizer build has no Qt
    const fs::path dir = fs::temp_directory_path() / "tinyfoot-cli-chart-ratio";
    fs::create_directories(dir);
    const auto r = cli(
        {"chart", study, "--view", "difference", "--ratio", "--samples", "4000", "--out", (dir / "r.svg").string()});
    CHECK(r.exitCode == 0);
    const std::string svg = readLines(dir / "r.svg");
    CHECK(contains(svg, "A / B"));
    CHECK(contains(svg, "equal (A / B = 1)"));
    CHECK(!contains(svg, "no difference"));
    // The paired ratio of image-worst / kws-best is the narrower: its width ratio above 1.
    const std::string csv = readLines(dir / "r.csv");
    const auto at = csv.find("image-worst,kws-best,ratio,independent,");
    REQUIRE(at != std::string::npos);
    std::vector<std::string> cells;
    std::string row = csv.substr(at, csv.find('\n', at) - at), cell;
    for (std::istringstream in(row); std::getline(in, cell, ',');) cells.push_back(cell);
    REQUIRE(cells.size() > 12);
    CHECK(std::stod(cells[12]) > 1.5); // width_ratio
    // --ratio belongs to the difference view.
    CHECK(cli({"chart", study, "--view", "uncertainty", "--ratio", "--out", (dir / "u.svg").string()}).exitCode == 2);
    fs::remove_all(dir);
}

TEST_CASE("chart --impact draws the study views in the category's unit") {
    if (!chartBuilt()) return; // the sanitizer build has no Qt
    const fs::path dir = fs::temp_directory_path() / "tinyfoot-cli-chart-impact";
    fs::create_directories(dir);
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json";
    const auto t = cli({"chart", study, "--view", "tornado", "--impact", "adpe", "--out", (dir / "t.svg").string()});
    CHECK(t.exitCode == 5); // components without an ADPe figure: drawn, and said
    CHECK(contains(readLines(dir / "t.svg"), "kg Sb eq."));
    const auto d = cli({"chart", study, "--view", "distribution", "--impact", "single-score", "--samples", "300",
                        "--out", (dir / "d.svg").string()});
    CHECK(d.exitCode == 5);
    CHECK(contains(readLines(dir / "d.svg"), "total, Pt"));
    // The footprint view has no category.
    CHECK(cli({"chart", study, "--impact", "adpe", "--out", (dir / "f.svg").string()}).exitCode == 2);
    fs::remove_all(dir);
}

TEST_CASE("uncertainty and sensitivity --impact run the study in a category, named with its unit") {
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-uncertainty.json";
    const auto u = cli({"uncertainty", study, "--impact", "adpe", "--samples", "2000", "--format", "json"});
    CHECK(u.exitCode == 5); // training, freight and the declared end of life have no ADPe figure
    const auto j = nlohmann::json::parse(u.out);
    CHECK(j["metrics"][0]["unit"] == "kg_sb_eq");
    CHECK(j["metrics"][0].contains("percentiles_kg_sb_eq"));
    CHECK(contains(u.err, "missing-category") == false); // stderr prints the messages, not codes
    CHECK(contains(u.err, "no figure in the impact categories"));
    const auto s = cli({"sensitivity", study, "--impact", "wu", "--method", "tornado", "--format", "csv"});
    CHECK(s.exitCode == 5);
    CHECK(contains(s.out, "at_low_m3_world_eq"));
    CHECK(cli({"uncertainty", study, "--impact", "water"}).exitCode == 2);
}

TEST_CASE("datasheet writes the environmental section as Markdown, HTML and PDF, with a harness measurement") {
    const auto md = cli({"datasheet", "kws-best"});
    CHECK(md.exitCode == 0);
    CHECK(contains(md.out, "# Environmental impact: Keyword spotting, best case"));
    CHECK(contains(md.out, "| life cycle | 0.893 |"));
    CHECK(contains(md.out, "## Other impact categories (tide-boavizta)"));
    CHECK_FALSE(contains(cli({"datasheet", "kws-best", "--no-impacts"}).out, "Other impact categories"));

    const fs::path dir = fs::temp_directory_path() / "tinyfoot-cli-datasheet";
    fs::create_directories(dir);
    const std::string results = std::string(TINYFOOT_TEST_DATA) + "/measurement/results.json";
    // PDF is laid out by Qt: a build without it (the sanitizer build) says so with a usage error.
    const bool withQt = cli({"chart", "--help"}).exitCode == 0;
    for (const char* ext : {".html", ".pdf"}) {
        const fs::path out = dir / (std::string("kws") + ext);
        fs::remove(out);
        const auto r =
            cli({"datasheet", "kws-typical", "--use-from", results, "--inference-rate", "1/s", "--out", out.string()});
        CAPTURE(ext);
        if (std::string(ext) == ".pdf" && !withQt) {
            CHECK(r.exitCode == 2);
            CHECK(contains(r.err, "without Qt"));
            continue;
        }
        CHECK(r.exitCode == 0);
        REQUIRE(fs::exists(out));
        const std::string text = readLines(out);
        if (std::string(ext) == ".pdf") {
            CHECK(text.rfind("%PDF-", 0) == 0);
            CHECK(fs::file_size(out) > 10000);
        } else {
            CHECK(contains(text, "<h1>Environmental impact: Keyword spotting, typical"));
            CHECK(contains(text, "taken from a harness measurement"));
            CHECK(contains(text, "60 uJ (median, gross); 50 uJ less the idle baseline (used)"));
            CHECK(contains(text, "kind: measured"));
            CHECK(contains(text, "per inference"));
        }
    }
    fs::remove_all(dir);
    CHECK(cli({"datasheet", "kws-best", "--format", "pdf"}).exitCode == 2); // a PDF needs --out
    CHECK(cli({"datasheet", "kws-best", "--format", "docx"}).exitCode == 2);
}

TEST_CASE("fleet --impact gives each fleet's total in the category") {
    const std::string study = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-fleet-250bn.json";
    const auto r = cli({"fleet", study, "--impact", "adpe", "--format", "json"});
    CHECK(r.exitCode == 5); // components without an ADPe figure
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["fleets"].size() == 3);
    CHECK(j["fleets"][0]["system"] == "kws-best");
    CHECK(j["fleets"][0]["devices_bought"].get<double>() == doctest::Approx(250e9));
    CHECK(j["fleets"][0]["total_kg_sb_eq"].get<double>() == doctest::Approx(5.22e7).epsilon(0.01));
    const auto t = cli({"fleet", study, "--impact", "pe"});
    CHECK(contains(t.out, "Primary energy, total of each fleet (MJ"));
    CHECK(cli({"fleet", "--curves", "iot-paper-linear", "--impact", "adpe"}).exitCode == 2); // no fleet
}

TEST_CASE("sweep --impact: the use stage in the category follows the lifetime, the embodied part does not") {
    const auto r = cli({"sweep", "kws-best", "--x", "lifetime", "--x-values", "1,3,6", "--impact", "adpe"});
    CHECK(r.exitCode == 5); // components without an ADPe figure
    std::map<std::string, std::vector<double>> values;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line); // header
    while (std::getline(lines, line)) {
        std::vector<std::string> cells;
        std::istringstream cellStream(line);
        for (std::string cell; std::getline(cellStream, cell, ',');) cells.push_back(cell);
        REQUIRE(cells.size() == 12);
        values[cells[9]].push_back(std::stod(cells[10]));
    }
    REQUIRE(values["operational_kg_sb_eq"].size() == 3);
    CHECK(values["operational_kg_sb_eq"][2] == doctest::Approx(6.0 * values["operational_kg_sb_eq"][0]));
    CHECK(values["operational_kg_sb_eq"][1] == doctest::Approx(0.02628 * 9.85548e-8)); // 3 years of 1 mW, USA
    CHECK(values["embodied_kg_sb_eq"][0] == values["embodied_kg_sb_eq"][2]);
}
