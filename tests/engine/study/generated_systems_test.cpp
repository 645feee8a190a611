// Generated systems: 300 random systems of physical models with every option the generator can
// draw (yield models, dies with their own node, memory, batteries by capacity or mass with cycle
// and calendar lives, training by energy or accelerator hours, use stages by power, profile or
// inference, supplies, the user's own grid, trajectories by slope and by points). For each:
// the study layer's model reproduces calculate() without an opaque line, and every parameter it
// exposes is the member its key names in the file (changing it through the key and changing the
// file give the same footprint, to 1e-12).
#include "study_support.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/param_ref.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <sstream>

using namespace tinyfoot;
using namespace tinyfoot::study;
using nlohmann::json;

namespace {

class Generator {
public:
    explicit Generator(unsigned seed) : m_rng(seed) {}

    json system(int n) {
        json components = json::array();
        if (coin()) components.push_back({{"block", "ml_training"}, {"training", training()}});
        components.push_back({{"block", "processing"}, {"ic", ic()}});
        components.push_back({{"block", "power_supply"}, {"battery", battery()}});
        components.push_back({{"block", "use_stage"}, {"use", use()}});
        return {{"format", "tinyfoot.system"},
                {"version", 1},
                {"id", "generated-" + std::to_string(n)},
                {"name", "Generated " + std::to_string(n)},
                {"kind", "tinyml"},
                {"lifetime", amount(uniform(1, 12), "year")},
                {"components", components}};
    }

private:
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }
    int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    bool coin() { return integer(0, 1) == 1; }
    static json amount(double v, const char* unit) { return {{"value", v}, {"unit", unit}}; }
    const char* grid() {
        static const char* grids[] = {"grid.us", "grid.tw", "grid.de", "grid.fr"};
        return grids[integer(0, 3)];
    }

    json training() {
        json t{{"grid", grid()}, {"devices", uniform(1e3, 1e7)}, {"trainings", integer(1, 4)}};
        if (coin()) t["energy"] = amount(uniform(10, 5000), "kWh");
        else {
            t["accelerator_hours"] = amount(uniform(10, 2000), "h");
            t["accelerator_power"] = amount(uniform(100, 700), "W");
            t["accelerators"] = integer(1, 8);
        }
        if (coin()) t["pue"] = uniform(1.05, 1.6);
        return t;
    }

    json ic() {
        json dies = json::array();
        for (int i = 0, n = integer(1, 3); i < n; ++i) {
            json d{
                {"name", "die" + std::to_string(i)}, {"area", amount(uniform(1, 40), "mm2")}, {"count", integer(1, 3)}};
            if (coin()) d["node_nm"] = static_cast<double>(integer(3, 90));
            dies.push_back(d);
        }
        json ic{{"node_nm", static_cast<double>(integer(3, 130))}, {"fab_grid", grid()}, {"dies", dies}};
        static const char* abatement[] = {"95", "99", "mean"};
        ic["gas_abatement"] = abatement[integer(0, 2)];
        switch (integer(0, 3)) {
        case 0: ic["yield"] = uniform(0.5, 0.99); break;
        case 1: ic["yield"] = {{"model", "poisson"}, {"defect_density_per_cm2", uniform(0.05, 0.5)}}; break;
        case 2: ic["yield"] = {{"model", "murphy"}, {"defect_density_per_cm2", uniform(0.05, 0.5)}}; break;
        default: break; // the table's fixed yield
        }
        if (coin())
            ic["memory"] = json::array({{{"name", "flash"},
                                         {"technology", coin() ? "nand_30nm" : "ddr3_50nm"},
                                         {"capacity", amount(uniform(0.01, 2), "GB")}}});
        if (coin()) ic["packages"] = integer(1, 4);
        return ic;
    }

    json battery() {
        json b{{"chemistry", coin() ? "li_ion_nmc" : "li_ion_lfp"}};
        if (b["chemistry"] == "li_ion_nmc" && coin()) b["mass"] = amount(uniform(2, 60), "g");
        else if (coin()) b["capacity"] = amount(uniform(0.2, 10), "Wh");
        else {
            b["capacity"] = amount(uniform(50, 3000), "mAh");
            b["voltage"] = amount(uniform(3.0, 3.9), "V");
        }
        if (coin()) b["count"] = integer(1, 3);
        if (coin()) b["cycle_life"] = integer(5, 800);
        if (coin()) b["calendar_life"] = amount(uniform(1, 8), "year");
        return b;
    }

    json use() {
        json u;
        switch (integer(0, 2)) {
        case 0: u["power"] = amount(uniform(0.01, 5), "mW"); break;
        case 1: {
            const double f = uniform(0.001, 0.2);
            u["profile"] =
                json::array({{{"state", "active"}, {"power", amount(uniform(1, 50), "mW")}, {"fraction", f}},
                             {{"state", "sleep"}, {"power", amount(uniform(1, 100), "uW")}, {"fraction", 1 - f}}});
            break;
        }
        default:
            u["inference"] = {{"energy", amount(uniform(10, 5000), "uJ")},
                              {"rate", amount(uniform(0.01, 10), "1/s")},
                              {"idle_power", amount(uniform(1, 200), "uW")}};
        }
        if (coin()) u["duration"] = amount(uniform(0.5, 6), "year");
        const int supply = integer(0, 2);
        if (supply == 1) u["supply"] = {{"path", "battery"}, {"efficiency", uniform(0.7, 0.98)}};
        if (supply == 2) u["supply"] = {{"path", "mains"}, {"efficiency", uniform(0.7, 0.98)}};
        if (coin()) u["grid"] = grid();
        else
            u["grid"] = {{"value", uniform(20, 800)},
                         {"unit", "g_co2e/kWh"},
                         {"sources", json::array({{{"citation", "TinyFoot generated test grid"}}})}};
        switch (integer(0, 2)) {
        case 0: u["grid_trajectory"] = {{"start_year", 2025}, {"annual_change_percent", uniform(-8, 3)}}; break;
        case 1:
            u["grid_trajectory"] = {
                {"start_year", 2025},
                {"points", json::array({{{"year", 2025}, {"kg_co2e_per_kwh", uniform(0.1, 0.8)}},
                                        {{"year", 2035}, {"kg_co2e_per_kwh", uniform(0.02, 0.5)}}})}};
            break;
        default: break;
        }
        return u;
    }

    std::mt19937_64 m_rng;
};

const char* memberOf(Method m) {
    switch (m) {
    case Method::Ic: return "ic";
    case Method::Battery: return "battery";
    case Method::Training: return "training";
    default: return "use";
    }
}

System load(const json& j) {
    std::istringstream in(j.dump());
    return loadSystem(in, "generated.json");
}

} // namespace

TEST_CASE("generated physical systems: exact models, and every parameter key is its member in the file") {
    const FactorSet& set = *test::library().findFactorSet("open-data");
    Generator gen(20261203);
    int systems = 0, parameters = 0;
    for (int n = 0; n < 300; ++n) {
        const json file = gen.system(n);
        CAPTURE(file.dump());
        const System s = load(file);
        checkReferences(s, test::library(), &set);
        const Result r = calculate(s, set, nullptr);
        const FlatModel m = FlatModel::compile({s}, {r}, set, {nullptr});
        for (const auto& d : m.diagnostics()) {
            CAPTURE(d.message);
            CHECK(d.code != "opaque-line");
            CHECK(d.code != "model-mismatch");
        }
        CHECK(m.evaluate(0, m.nominalValues()).total == doctest::Approx(units::inKgCo2e(r.total)).epsilon(1e-12));
        for (std::size_t ci = 0; ci < s.components.size(); ++ci) {
            for (const auto& p : componentParameters(s.components[ci])) {
                CAPTURE(p.ref.key());
                CHECK(ParamRef::parse(p.ref.key()) == p.ref);
                // A plain use stage (power x time x grid at efficiency 1) is a compiled product,
                // whose inputs are its power, duration and grid; its efficiency is not one yet.
                const UseModel& u = s.components[ci].use;
                const bool plainUse = s.components[ci].method == Method::UsePower && u.kind == UseModel::Kind::Power &&
                                      u.efficiency == 1.0 && !u.trajectory && !u.gridKgPerKwh &&
                                      u.supply != Supply::Primary;
                if (!(plainUse && p.ref.path == "supply/efficiency")) CHECK_FALSE(m.findInputs(p.ref.key()).empty());
                // 10 % more, or 10 % less for fractions held at most 1.
                const bool stateFraction =
                    p.ref.path.rfind("profile/", 0) == 0 && p.ref.path.find("/fraction") != std::string::npos;
                const bool fraction = p.ref.path == "supply/efficiency" || p.ref.path == "yield" || stateFraction;
                const double factor = fraction ? 0.9 : 1.1;
                System viaKey = s;
                REQUIRE(setComponentParameter(viaKey.components[ci], p.ref.path, p.internal * factor));
                json edited = file;
                std::string pointer =
                    "/components/" + std::to_string(ci) + "/" + memberOf(s.components[ci].method) + "/" + p.ref.path;
                if (p.ref.path == "grid") pointer += "/value";
                const json::json_pointer at(pointer);
                if (stateFraction) {
                    // The generated profiles have two states: the other one takes the rest of the time.
                    const std::size_t state = p.ref.path[8] == '0' ? 0 : 1;
                    json& profile = edited[at.parent_pointer().parent_pointer()];
                    profile[state]["fraction"] = p.internal * factor;
                    profile[1 - state]["fraction"] = 1.0 - p.internal * factor;
                } else if (!edited.contains(at) && p.ref.path == "supply/efficiency") {
                    // The default supply: mains at an efficiency of 1.
                    edited[at.parent_pointer()] = {{"path", "mains"}, {"efficiency", p.internal * factor}};
                } else if (!edited.contains(at)) {
                    // A member with a default (a count, PUE, trainings): written into the file.
                    edited[at] = p.internal * factor;
                } else if (auto& member = edited[at]; member.is_object()) {
                    member["value"] = member["value"].get<double>() * factor;
                } else {
                    member = member.get<double>() * factor;
                }
                const double a = units::inKgCo2e(calculate(viaKey, set, nullptr).total);
                const double b = units::inKgCo2e(calculate(load(edited), set, nullptr).total);
                CHECK(a == doctest::Approx(b).epsilon(1e-12));
                ++parameters;
            }
        }
        ++systems;
    }
    CHECK(systems == 300);
    CHECK(parameters > 300 * 10);
}
