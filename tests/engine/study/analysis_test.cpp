// The "analysis" object of a study: the golden folder of bad analyses (tests/data/bad-analysis/
// <case>/input.json, with the fragments its error must contain in expected.txt), the shipped
// studies, and robustness against mangled input.
#include "study_support.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/report/study_report.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace tinyfoot;
using namespace tinyfoot::study;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Everything the CLI does with an analysis before running it: parse, resolve and bind every
/// reference (runs are kept tiny).
void bindAll(const Study& st) {
    const StudyContext ctx = test::prepare(st);
    runFleet(ctx);
    for (const auto& s : ctx.analysis.sweeps) runSweep(ctx, s);
    if (ctx.analysis.uncertainty) {
        UncertaintySpec u = *ctx.analysis.uncertainty;
        u.samples = 1;
        runUncertainty(ctx, u, 1);
    }
    if (ctx.analysis.sensitivity) {
        SensitivitySpec s = *ctx.analysis.sensitivity;
        s.sobol = false;
        runSensitivity(ctx, ctx.analysis.uncertainty.value_or(UncertaintySpec{}), s, 1);
    }
}

} // namespace

TEST_CASE("every bad analysis in the golden folder gets its own specific error") {
    const fs::path root = fs::path(TINYFOOT_TEST_DATA) / "bad-analysis";
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    int ran = 0;
    for (const auto& dir : cases) {
        const std::string name = dir.filename().string();
        CAPTURE(name);
        std::vector<std::string> expected;
        {
            std::istringstream in(readAll(dir / "expected.txt"));
            for (std::string l; std::getline(in, l);)
                if (!l.empty()) expected.push_back(l);
        }
        REQUIRE_FALSE(expected.empty());
        const std::string source = (dir / "input.json").string();
        // The core loader accepts the study: the analysis is the study layer's to check.
        Study st;
        REQUIRE_NOTHROW(st = test::loadStudyText(readAll(dir / "input.json"), source));
        std::string message;
        try {
            bindAll(st);
        } catch (const Error& e) {
            message = e.what();
            CHECK(e.source() == source);
            CHECK(e.path().rfind("/analysis", 0) == 0);
        } catch (const std::exception& e) {
            FAIL("case " << name << " threw something other than tinyfoot::Error: " << e.what());
        }
        CAPTURE(message);
        CHECK_MESSAGE(!message.empty(), "case " << name << " was accepted");
        for (const auto& fragment : expected)
            CHECK_MESSAGE(message.find(fragment) != std::string::npos, "missing: " << fragment);
        ++ran;
    }
    // Guard: the folder really held the cases.
    CHECK(ran >= 31);
}

TEST_CASE("the shipped studies and study data load and bind") {
    int files = 0;
    for (const auto& dir : {test::sourceRoot() / "presets" / "studies", test::sourceRoot() / "data" / "growth"}) {
        for (const auto& f : test::jsonFilesUnder(dir)) {
            CAPTURE(f.string());
            const Study st = test::loadStudyFile(f);
            CHECK_NOTHROW(bindAll(st));
            ++files;
        }
    }
    CHECK(files >= 4);
    const auto& data = test::studyData();
    REQUIRE_FALSE(data.sectorSets.empty());
    for (const auto& set : data.sectorSets)
        for (const auto& s : set.sectors) {
            CAPTURE(s.id);
            CHECK(s.perYear > units::kgCo2e(1e12));
            CHECK_FALSE(s.sources.empty());
            CHECK_FALSE(s.licence.empty());
        }
    CHECK(data.findSector("residential"));
    CHECK(data.findSector("all-other-sectors"));
}

TEST_CASE("sector totals must be CO2e per unit of time") {
    std::istringstream in(R"({"format": "tinyfoot.factors", "version": 1, "id": "s", "name": "S", "factors": [
      {"id": "x", "name": "X", "value": 1, "unit": "kg_co2e/kg", "derivation": "published",
       "sources": [{"citation": "c"}], "year": 2020, "licence": "l"}]})");
    try {
        loadSectorTotals(in, "sectors.json");
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(e.path() == "/factors/0/unit");
        CHECK(std::string(e.what()).find("t_co2e/year") != std::string::npos);
    }
}

TEST_CASE("a mangled analysis only ever raises tinyfoot::Error") {
    // Start from the richest shipped analysis and replace values, one at a time, with values of
    // every other JSON type; every outcome is acceptance or a tinyfoot::Error.
    const Study base = test::loadStudyFile(test::sourceRoot() / "presets" / "studies" / "paper-uncertainty.json");
    const nlohmann::json analysis = nlohmann::json::parse(base.analysisJson);
    std::vector<nlohmann::json::json_pointer> pointers;
    const auto walk = [&](const auto& self, const nlohmann::json& j, const nlohmann::json::json_pointer& p) -> void {
        pointers.push_back(p);
        if (j.is_object())
            for (auto it = j.begin(); it != j.end(); ++it) self(self, it.value(), p / it.key());
        if (j.is_array())
            for (std::size_t i = 0; i < j.size(); ++i) self(self, j[i], p / i);
    };
    walk(walk, analysis, nlohmann::json::json_pointer());
    const std::vector<nlohmann::json> replacements{
        nullptr, true, -1, 0, 1e300, "x", nlohmann::json::array(), nlohmann::json::object()};
    int errors = 0, runs = 0;
    for (const auto& p : pointers) {
        if (p.empty()) continue;
        for (const auto& r : replacements) {
            nlohmann::json mangled = analysis;
            mangled[p] = r;
            if (mangled.contains("uncertainty") && mangled["uncertainty"].is_object())
                mangled["uncertainty"]["samples"] = 1;
            if (mangled.contains("sensitivity") && mangled["sensitivity"].is_object())
                mangled["sensitivity"]["methods"] = nlohmann::json::array({"tornado"});
            Study st = base;
            st.analysisJson = mangled.dump();
            try {
                bindAll(st);
            } catch (const Error&) {
                ++errors;
            } catch (const std::exception& e) {
                FAIL("at " << p.to_string() << ": " << e.what());
            }
            ++runs;
        }
    }
    CHECK(runs > 300);
    CHECK(errors > runs / 2);
}

TEST_CASE("sweeps are tidy: one value per row, and linear inputs sweep linearly") {
    const auto ctx = test::prepareInline({"kws-best", "image-worst"}, R"({"fleet": {"devices": 1e6, "horizon_years": 3},
        "net": {"what_ifs": [{"sector": "residential", "share_percent": 1e-6}]},
        "sweeps": [
          {"id": "power", "x": {"parameter": "use_stage/power", "unit": "mW", "values": [0, 1, 2, 4]}},
          {"id": "grid-life", "x": {"parameter": "lifetime", "unit": "year", "values": [3, 6]},
                              "y": {"parameter": "factor:grid.us_egrid2022_consumed", "unit": "g_co2e/kWh",
                                    "from": 0, "to": 800, "steps": 3}},
          {"id": "devices", "x": {"parameter": "fleet.devices", "values": [1e9, 2e9]}}]})");
    const SweepReport power = runSweep(ctx, ctx.analysis.sweeps[0]);
    CHECK_FALSE(power.partial);
    std::vector<double> worst;
    for (const auto& r : power.rows)
        if (power.systems[r.system] == "image-worst" && r.metric == "operational_kg_co2e") worst.push_back(r.value);
    REQUIRE(worst.size() == 4);
    CHECK(worst[0] == 0.0);
    CHECK(worst[2] == doctest::Approx(2.0 * worst[1]));
    CHECK(worst[1] == doctest::Approx(0.010354).epsilon(1e-4)); // 1 mW x 3 years x 0.394 kg/kWh

    const SweepReport grid = runSweep(ctx, ctx.analysis.sweeps[1]);
    double op6y800 = -1.0;
    for (const auto& r : grid.rows)
        if (r.x == 6.0 && r.y == 800.0 && grid.systems[r.system] == "kws-best" && r.metric == "operational_kg_co2e")
            op6y800 = r.value;
    CHECK(op6y800 == doctest::Approx(1e-3 * 6.0 * 8760.0 * 0.8 / 1000.0)); // 1 mW x 6 years x 0.8 kg/kWh

    const SweepReport devices = runSweep(ctx, ctx.analysis.sweeps[2]);
    std::vector<double> fleet;
    for (const auto& r : devices.rows)
        if (devices.systems[r.system] == "kws-best" && r.metric == "fleet_total_kg_co2e") fleet.push_back(r.value);
    REQUIRE(fleet.size() == 2);
    CHECK(fleet[1] == doctest::Approx(2.0 * fleet[0]));
    const std::string csv = report::sweepCsv(devices);
    CHECK(csv.rfind("sweep,point,x_parameter,x_value,x_unit,y_parameter,y_value,y_unit,system,metric,value,partial\n",
                    0) == 0);
    CHECK(csv.find("devices,0,fleet.devices,1e+09,device,,,,kws-best,total_kg_co2e,") != std::string::npos);
    CHECK(csv.find("net_kg_co2e[residential 1e-06 %]") != std::string::npos);
}

TEST_CASE("reports are valid JSON with units in their names, and partial runs say so") {
    const auto ctx = test::prepareInline({"kws-best", "image-worst"}, R"({"uncertainty": {"samples": 5000, "seed": 3},
        "sensitivity": {"samples": 256}})");
    const auto u = runUncertainty(ctx, *ctx.analysis.uncertainty, 0);
    const auto j = nlohmann::json::parse(report::uncertaintyJson(ctx, u, 20));
    CHECK(j["partial"] == false);
    CHECK(j["samples"] == 5000);
    CHECK(j["metrics"][0].contains("mean_kg_co2e"));
    CHECK(j["metrics"][0]["histogram"]["counts"].size() == 20);
    CHECK(j["metrics"][0]["percentiles_kg_co2e"].contains("p95"));
    const auto s = runSensitivity(ctx, *ctx.analysis.uncertainty, *ctx.analysis.sensitivity, 0);
    const auto sj = nlohmann::json::parse(report::sensitivityJson(ctx, s));
    CHECK(sj["sobol"]["metrics"].size() == 3); // two totals and one difference
    CHECK(sj["tornado"][0]["bars"][0].contains("swing_kg_co2e"));
    const auto fj = nlohmann::json::parse(report::fleetJson(ctx, runFleet(ctx)));
    CHECK(fj.contains("diagnostics"));
    CHECK_FALSE(report::inputsText(ctx, u.inputs).empty());
    const auto ij = nlohmann::json::parse(report::inputsJson(ctx, u.inputs));
    CHECK(ij["inputs"].size() == ctx.model.inputs().size());
}

TEST_CASE("a source follows one rule in systems and in a study's analysis: citation required, URL optional") {
    // The same three sources wherever a format takes "sources": with a URL, without, with an empty one.
    const std::string sources = R"([{"citation": "A", "url": "https://example.org/a"}, {"citation": "B"},
                                    {"citation": "C", "url": ""}])";
    const std::string text = R"({"format": "tinyfoot.study", "version": 1, "id": "s", "name": "S",
      "systems": [{"system": {"id": "own", "name": "Own", "kind": "tinyml", "lifetime": {"value": 1, "unit": "year"},
        "components": [{"block": "others", "fixed": {"amount": {"value": 1, "unit": "kg_co2e"}},
                        "sources": )" +
                             sources + R"(}]}}],
      "analysis": {"growth": {"curves": [{"id": "c", "model": "linear", "base_year": 2020, "base_devices": 1e9,
        "rate_devices_per_year": 1e8, "sources": )" +
                             sources + R"(}], "milestones_devices": [2e9]}}})";
    const Study st = test::loadStudyText(text, "sources.json");
    const auto& inSystem = st.systems[0].components[0].sources;
    const Analysis a = parseAnalysis(st);
    REQUIRE(a.growth);
    const auto& inAnalysis = a.growth->curves[0].curve.sources;
    REQUIRE(inSystem.size() == 3);
    REQUIRE(inAnalysis.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(inSystem[i].citation == inAnalysis[i].citation);
        CHECK(inSystem[i].url == inAnalysis[i].url);
    }
    CHECK(inSystem[0].url == "https://example.org/a");
    CHECK(inSystem[1].url.empty());
    CHECK(inSystem[2].url.empty());

    // A source without a citation is refused in both, at its own path.
    const std::string noCitation = R"([{"url": "https://example.org/a"}])";
    const auto refused = [&](const std::string& systemSources, const std::string& curveSources) {
        std::string t = text;
        const std::size_t first = t.find(sources);
        t.replace(first, sources.size(), systemSources);
        t.replace(t.find(sources, first + systemSources.size()), sources.size(), curveSources);
        try {
            parseAnalysis(test::loadStudyText(t, "sources.json"));
        } catch (const Error& e) {
            CHECK(e.expected() == R"(the member "citation")");
            return e.path();
        }
        return std::string();
    };
    CHECK(refused(noCitation, sources) == "/systems/0/system/components/0/sources/0/citation");
    CHECK(refused(sources, noCitation) == "/analysis/growth/curves/0/sources/0/citation");
}
