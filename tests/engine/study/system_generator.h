// Random systems for the study layer's tests: physical models with every option the generator can
// draw (yield models, dies with their own node, memory, batteries by capacity or mass with cycle and
// calendar lives, training by energy or accelerator hours, use stages by power, profile or
// inference, supplies, the user's own grid, trajectories by slope and by points), and with
// `everything` also the table methods, battery replacements and primary cells.
#pragma once

#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace tinyfoot::test {

using nlohmann::json;

class SystemGenerator {
public:
    /// With `everything`, systems also draw the table methods (an HSL level, inventory items, a
    /// transport leg, a declared share), battery replacements and `primaryChemistry` when given.
    explicit SystemGenerator(unsigned seed, bool everything = false, std::string primaryChemistry = {})
        : m_rng(seed), m_everything(everything), m_primary(std::move(primaryChemistry)) {}

    /// Inventory and transport factors to draw from (everything only): ids per mass, per area,
    /// per count and per mass-distance.
    std::vector<std::string> massFactors, areaFactors, countFactors, freightFactors;

    json system(int n) {
        json components = json::array();
        if (coin()) components.push_back({{"block", "ml_training"}, {"training", training()}});
        components.push_back({{"block", "processing"}, {"ic", ic()}});
        components.push_back({{"block", "power_supply"}, {"battery", battery()}});
        components.push_back({{"block", "use_stage"}, {"use", use()}});
        json out{{"format", "tinyfoot.system"},
                 {"version", 1},
                 {"id", "generated-" + std::to_string(n)},
                 {"name", "Generated " + std::to_string(n)},
                 {"kind", "tinyml"},
                 {"lifetime", amount(uniform(1, 12), "year")},
                 {"components", components}};
        if (m_everything) tableMethods(out);
        return out;
    }

private:
    /// An HSL level, inventory items, a transport leg and a declared share, each half the time.
    void tableMethods(json& system) {
        json& components = system["components"];
        if (coin()) {
            static const char* blocks[] = {"casing", "pcb", "sensing", "user_interface", "others"};
            static const char* bounds[] = {"lower", "typical", "upper"};
            system["hsl_catalogue"] = "pirson-bol-2021";
            components.push_back({{"block", blocks[integer(0, 4)]},
                                  {"hsl", {{"level", integer(0, 3)}, {"bound", bounds[integer(0, 2)]}}}});
        }
        if (coin() && !massFactors.empty() && !areaFactors.empty() && !countFactors.empty()) {
            components.push_back(
                {{"block", "others"},
                 {"id", "inventory"},
                 {"items",
                  json::array(
                      {{{"name", "housing"}, {"amount", amount(uniform(1, 80), "g")}, {"factor", pick(massFactors)}},
                       {{"name", "board"}, {"amount", amount(uniform(1, 40), "cm2")}, {"factor", pick(areaFactors)}},
                       {{"name", "parts"},
                        {"amount", amount(integer(1, 20), "part")},
                        {"factor", pick(countFactors)}}})}});
        }
        if (coin() && !freightFactors.empty()) {
            components.push_back({{"block", "transport"},
                                  {"transport",
                                   {{"mass", amount(uniform(10, 500), "g")},
                                    {"legs", json::array({{{"mode", "leg"},
                                                           {"distance", amount(uniform(100, 20000), "km")},
                                                           {"factor", pick(freightFactors)}}})}}}});
        }
        if (coin()) {
            components.push_back(
                {{"block", "end_of_life"},
                 {"fixed", {{"amount", amount(uniform(0.01, 2), "kg_co2e")}, {"share_percent", uniform(1, 100)}}},
                 {"note", "TinyFoot generated test share"}});
        }
    }

    const std::string& pick(const std::vector<std::string>& ids) {
        return ids[static_cast<std::size_t>(integer(0, static_cast<int>(ids.size()) - 1))];
    }

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
        if (m_everything && !m_primary.empty() && integer(0, 3) == 0) {
            // A primary cell: sized by capacity, replaced when its energy or shelf life runs out.
            b = {{"chemistry", m_primary}, {"capacity", amount(uniform(0.2, 3), "Wh")}};
            if (coin()) b["calendar_life"] = amount(uniform(1, 10), "year");
        } else if (m_everything && integer(0, 5) == 0) {
            b["replacements"] = integer(0, 3);
        }
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
    bool m_everything = false;
    std::string m_primary;
};

} // namespace tinyfoot::test
