#include "tinyfoot/engine/report/study_report.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/csv.h"
#include "tinyfoot/engine/report/text_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>

namespace tinyfoot::report {

using Json = nlohmann::ordered_json;
using namespace tinyfoot::study;
using namespace tinyfoot::units;

namespace {

Json diagnosticsJson(const std::vector<Diagnostic>& ds) {
    Json a = Json::array();
    for (const auto& d : ds)
        a.push_back({{"severity", std::string(severityId(d.severity))},
                     {"code", d.code},
                     {"message", d.message},
                     {"where", d.where}});
    return a;
}

std::string diagnosticsText(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds)
        out += std::string(severityId(d.severity)) + ": " + d.message + (d.where.empty() ? "" : " [" + d.where + "]") +
               "\n";
    return out;
}

Json sourcesJson(const std::vector<Source>& sources) {
    Json a = Json::array();
    for (const auto& s : sources) a.push_back({{"citation", s.citation}, {"url", s.url}});
    return a;
}

std::string percentText(double p) { return format::grouped(p, 3) + " %"; }

/// The input's value in its own (written) unit.
/// Converting back from internal units leaves binary noise (500 uJ comes back as
/// 500.00000000000006): the value is rounded to 15 significant digits, which keeps every digit a
/// person wrote.
double written(const ModelInput& in, double internal) {
    if (in.toInternal == 0.0 || in.toInternal == 1.0) return internal;
    return format::roundedToSignificant(internal / in.toInternal, 15);
}

std::string systemsOf(const StudyContext& ctx, const ModelInput& in) {
    std::string s;
    for (auto i : in.systems) s += (s.empty() ? "" : " ") + ctx.model.system(i).id;
    return s;
}

std::string growthDescription(const GrowthCurve& c) {
    switch (c.model) {
    case GrowthModel::Constant: return format::count(c.baseDevices) + " devices (constant)";
    case GrowthModel::Linear:
        return "linear from " + format::count(c.baseDevices) + " devices in " + std::to_string(c.baseYear) + ", + " +
               format::count(c.rateDevicesPerYear) + " a year";
    case GrowthModel::Exponential:
        return "exponential from " + format::count(c.baseDevices) + " devices in " + std::to_string(c.baseYear) + ", " +
               format::shortest(c.ratePercentPerYear) + " % a year";
    case GrowthModel::Logistic:
        return "logistic from " + format::count(c.baseDevices) + " devices in " + std::to_string(c.baseYear) +
               " towards " + format::count(c.capacityDevices) + ", rate " + format::shortest(c.logisticRatePerYear) +
               " a year";
    case GrowthModel::Table: return "table of " + std::to_string(c.table.size()) + " points";
    }
    return "";
}

Json growthJson(const GrowthCurve& c) {
    Json j{{"id", c.id},
           {"name", c.name},
           {"model", std::string(growthModelId(c.model))},
           {"base_year", c.baseYear},
           {"base_devices", c.baseDevices}};
    if (c.model == GrowthModel::Linear) j["rate_devices_per_year"] = c.rateDevicesPerYear;
    if (c.model == GrowthModel::Exponential) j["rate_percent_per_year"] = c.ratePercentPerYear;
    if (c.model == GrowthModel::Logistic) {
        j["capacity_devices"] = c.capacityDevices;
        j["rate_per_year"] = c.logisticRatePerYear;
    }
    if (c.model == GrowthModel::Table) {
        Json pts = Json::array();
        for (const auto& [y, d] : c.table) pts.push_back({{"year", y}, {"devices", d}});
        j["points"] = pts;
    }
    if (!c.note.empty()) j["note"] = c.note;
    if (!c.sources.empty()) j["sources"] = sourcesJson(c.sources);
    return j;
}

Json sectorJson(const SectorTotal& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"emissions_per_year_kg_co2e", inKgCo2e(s.perYear)},
            {"year", s.year},
            {"derivation", std::string(derivationId(s.derivation))},
            {"sources", sourcesJson(s.sources)},
            {"licence", s.licence},
            {"note", s.note}};
}

/// The sampled inputs with their distributions, bounds in each input's written unit; `withKind`
/// adds the distribution's kind (the uncertainty report has it, the sensitivity report does not).
Json sampledInputsJson(const StudyContext& ctx, const std::vector<InputChoice>& choices, bool withKind) {
    Json inputs = Json::array();
    for (const auto& c : choices) {
        const ModelInput& mi = ctx.model.inputs()[c.input];
        Json j{{"key", mi.key}, {"unit", mi.unit}, {"distribution", c.distribution.describe(mi.toInternal)}};
        if (withKind) j["kind"] = std::string(distributionId(c.distribution.kind()));
        j["low"] = written(mi, c.distribution.low());
        j["high"] = written(mi, c.distribution.high());
        j["origin"] = c.origin;
        inputs.push_back(j);
    }
    return inputs;
}

std::string fleetOptionsText(const FleetOptions& o) {
    std::string s = "Fleet: " + growthDescription(o.stock) + "; " + std::to_string(o.startYear) + "-" +
                    std::to_string(o.startYear + o.horizonYears - 1) + " (" + std::to_string(o.horizonYears) +
                    (o.horizonYears == 1 ? " year" : " years") + "); initial stock " +
                    std::string(initialStockId(o.initialStock)) + "; ML training " +
                    (o.training == TrainingMode::PerDevice
                         ? std::string("per device (each device carries its system's training line)")
                         : "amortised (" + std::to_string(o.trainingRuns) + " training run" +
                               (o.trainingRuns == 1 ? "" : "s") + " for the whole fleet)");
    return s + "\n";
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Inputs

std::string inputsText(const StudyContext& ctx, const std::vector<InputChoice>& choices) {
    std::vector<std::vector<std::string>> rows{{"key", "kind", "unit", "value", "range", "distribution", "systems"}};
    for (std::size_t i = 0; i < ctx.model.inputs().size(); ++i) {
        const ModelInput& in = ctx.model.inputs()[i];
        std::string dist = "fixed";
        for (const auto& c : choices)
            if (c.input == i) dist = c.distribution.describe(in.toInternal);
        const std::string range = in.range ? format::shortest(written(in, in.range->first)) + ".." +
                                                 format::shortest(written(in, in.range->second))
                                           : "";
        rows.push_back({in.key, std::string(inputKindId(in.kind)), in.unit, format::shortest(written(in, in.nominal)),
                        range, dist, systemsOf(ctx, in)});
    }
    return alignedTable(rows, 7);
}

std::string inputsJson(const StudyContext& ctx, const std::vector<InputChoice>& choices) {
    Json a = Json::array();
    for (std::size_t i = 0; i < ctx.model.inputs().size(); ++i) {
        const ModelInput& in = ctx.model.inputs()[i];
        Json j{{"key", in.key},
               {"label", in.label},
               {"kind", std::string(inputKindId(in.kind))},
               {"unit", in.unit},
               {"value", written(in, in.nominal)}};
        if (in.range) j["range"] = {written(in, in.range->first), written(in, in.range->second)};
        j["distribution"] = "fixed";
        for (const auto& c : choices) {
            if (c.input != i) continue;
            j["distribution"] = c.distribution.describe(in.toInternal);
            j["origin"] = c.origin;
        }
        Json systems = Json::array();
        for (auto s : in.systems) systems.push_back(ctx.model.system(s).id);
        j["systems"] = systems;
        a.push_back(j);
    }
    return Json{{"inputs", a}}.dump(2) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Fleet

std::string fleetText(const StudyContext& ctx, const FleetReport& r) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    if (r.options) {
        out << fleetOptionsText(*r.options);
        for (std::size_t s = 0; s < r.fleets.size(); ++s) {
            const FleetResult& f = r.fleets[s];
            const Result& res = ctx.results[s];
            out << "\n" << f.systemId << ": per device " << format::co2eForPeople(inKgCo2e(res.total));
            if (res.stageSplitKnown)
                out << " (embodied " << format::co2eForPeople(inKgCo2e(res.embodied)) << ", operational "
                    << format::co2eForPeople(inKgCo2e(res.operational)) << " over "
                    << format::shortestRounded(inYears(f.device.lifetime)) << " years)";
            out << "\n";
            std::vector<std::vector<std::string>> rows{{"year", "in service", "bought", "retired", "embodied",
                                                        "operational", "training", "total", "cumulative"}};
            for (const auto& y : f.years)
                rows.push_back({std::to_string(y.year), format::count(y.inService), format::count(y.purchased),
                                format::count(y.retired), format::co2eForPeople(inKgCo2e(y.embodied)),
                                format::co2eForPeople(inKgCo2e(y.operational)),
                                format::co2eForPeople(inKgCo2e(y.training)), format::co2eForPeople(inKgCo2e(y.total)),
                                format::co2eForPeople(inKgCo2e(y.cumulative))});
            out << alignedTable(rows);
            out << "Fleet total over " << r.options->horizonYears
                << " years: " << format::co2eForPeople(inKgCo2e(f.total)) << " (embodied "
                << format::co2eForPeople(inKgCo2e(f.embodied)) << ", operational "
                << format::co2eForPeople(inKgCo2e(f.operational)) << ", amortised training "
                << format::co2eForPeople(inKgCo2e(f.training)) << "); " << format::count(f.purchased)
                << " devices bought\n";
        }
    }
    bool anyWhatIf = false;
    for (const auto& w : r.whatIfs) anyWhatIf = anyWhatIf || !w.empty();
    if (anyWhatIf) {
        out << "\nWhat-ifs over " << r.options->horizonYears
            << " years: savings = share x sector emissions per year x years; net = savings - fleet footprint\n";
        std::vector<std::vector<std::string>> rows{{"system", "sector", "sector per year", "data year", "share",
                                                    "savings", "fleet", "net", "break-even share"}};
        for (std::size_t s = 0; s < r.whatIfs.size(); ++s)
            for (const auto& w : r.whatIfs[s])
                rows.push_back(
                    {ctx.model.system(s).id, w.sector->name, format::co2eForPeople(inKgCo2e(w.sector->perYear)),
                     std::to_string(w.sector->year), percentText(w.sharePercent),
                     format::co2eForPeople(inKgCo2e(w.savings)), format::co2eForPeople(inKgCo2e(w.fleet)),
                     std::string(w.net >= kgCo2e(0.0) ? "+" : "").append(format::co2eForPeople(inKgCo2e(w.net))),
                     percentText(w.breakEvenSharePercent)});
        out << alignedTable(rows, 2);
        out << "\nSector totals used:\n";
        for (const SectorTotal* s : r.sectorsUsed) {
            out << "  " << s->id << ": " << s->name << ", " << format::co2eForPeople(inKgCo2e(s->perYear))
                << " a year (" << s->year << ", " << derivationId(s->derivation) << ")\n";
            if (!s->note.empty()) out << "    " << s->note << "\n";
            for (const auto& src : s->sources) out << "    source: " << src.citation << " " << src.url << "\n";
            out << "    licence: " << s->licence << "\n";
        }
    }
    bool anyPayback = false;
    for (const auto& p : r.payback) anyPayback = anyPayback || p.has_value();
    if (anyPayback) {
        out << "\nCarbon payback (a device that saves emissions elsewhere): years = upfront / (saved per year - "
               "own use per year)\n";
        std::vector<std::vector<std::string>> rows{
            {"system", "upfront", "use per year", "saved per year", "payback", "within lifetime", "net over lifetime"}};
        for (std::size_t s = 0; s < r.payback.size(); ++s) {
            if (!r.payback[s]) continue;
            const Payback& p = *r.payback[s];
            rows.push_back({ctx.model.system(s).id, format::co2eForPeople(inKgCo2e(p.upfront)),
                            format::co2eForPeople(inKgCo2e(p.usePerYear)),
                            format::co2eForPeople(inKgCo2e(p.savedPerYear)),
                            p.years ? format::grouped(*p.years, 3) + " years" : "never",
                            p.withinLifetime ? "yes" : "no", format::co2eForPeople(inKgCo2e(p.netOverLifetime))});
        }
        out << alignedTable(rows);
    }
    if (r.growth) {
        out << "\nGrowth: the calendar year each curve reaches a number of devices (a year's figure is its mid-year "
               "value)\n";
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> head{"devices"};
        for (const auto& c : r.growth->curves) head.push_back(c.id);
        rows.push_back(head);
        for (std::size_t m = 0; m < r.growth->milestonesDevices.size(); ++m) {
            std::vector<std::string> row{format::count(r.growth->milestonesDevices[m])};
            for (std::size_t c = 0; c < r.growth->curves.size(); ++c) {
                const auto& y = r.growth->years[m][c];
                row.push_back(y ? std::to_string(*y) : "never");
            }
            rows.push_back(row);
        }
        out << alignedTable(rows);
        for (const auto& c : r.growth->curves) {
            out << "  " << c.id << ": " << growthDescription(c) << "\n";
            if (!c.note.empty()) out << "    " << c.note << "\n";
        }
    }
    const std::string diags = diagnosticsText(r.diagnostics);
    if (!diags.empty()) out << "\n" << diags;
    return out.str();
}

std::string fleetJson(const StudyContext& ctx, const FleetReport& r) {
    Json j;
    j["study"] = ctx.sourceName;
    if (r.options) {
        const FleetOptions& o = *r.options;
        j["fleet"] = {{"stock", growthJson(o.stock)},
                      {"start_year", o.startYear},
                      {"horizon_years", o.horizonYears},
                      {"initial_stock", std::string(initialStockId(o.initialStock))},
                      {"training", std::string(trainingModeId(o.training))},
                      {"training_runs", o.trainingRuns}};
        Json systems = Json::array();
        for (std::size_t s = 0; s < r.fleets.size(); ++s) {
            const FleetResult& f = r.fleets[s];
            Json years = Json::array();
            for (const auto& y : f.years)
                years.push_back({{"year", y.year},
                                 {"devices_in_service", y.inService},
                                 {"devices_bought", y.purchased},
                                 {"devices_retired", y.retired},
                                 {"embodied_kg_co2e", inKgCo2e(y.embodied)},
                                 {"operational_kg_co2e", inKgCo2e(y.operational)},
                                 {"training_kg_co2e", inKgCo2e(y.training)},
                                 {"total_kg_co2e", inKgCo2e(y.total)},
                                 {"cumulative_kg_co2e", inKgCo2e(y.cumulative)}});
            Json sys{{"id", f.systemId},
                     {"device",
                      {{"total_kg_co2e", inKgCo2e(ctx.results[s].total)},
                       {"embodied_kg_co2e", inKgCo2e(f.device.embodied)},
                       {"training_kg_co2e", inKgCo2e(f.device.training)},
                       {"operational_kg_co2e", inKgCo2e(f.device.operational)},
                       {"unsplit_kg_co2e", inKgCo2e(f.device.unsplit)},
                       {"lifecrossing_decimal_year", inYears(f.device.lifetime)}}},
                     {"years", years},
                     {"total_kg_co2e", inKgCo2e(f.total)},
                     {"embodied_kg_co2e", inKgCo2e(f.embodied)},
                     {"operational_kg_co2e", inKgCo2e(f.operational)},
                     {"training_kg_co2e", inKgCo2e(f.training)},
                     {"devices_bought", f.purchased},
                     {"device_years", f.deviceYears}};
            Json whatIfs = Json::array();
            if (s < r.whatIfs.size())
                for (const auto& w : r.whatIfs[s])
                    whatIfs.push_back({{"sector", w.sector->id},
                                       {"share_percent", w.sharePercent},
                                       {"years", w.years},
                                       {"savings_kg_co2e", inKgCo2e(w.savings)},
                                       {"fleet_kg_co2e", inKgCo2e(w.fleet)},
                                       {"net_kg_co2e", inKgCo2e(w.net)},
                                       {"break_even_share_percent", w.breakEvenSharePercent}});
            if (!whatIfs.empty()) sys["what_ifs"] = whatIfs;
            systems.push_back(sys);
        }
        j["systems"] = systems;
    }
    Json paybacks = Json::array();
    for (std::size_t s = 0; s < r.payback.size(); ++s) {
        if (!r.payback[s]) continue;
        const Payback& p = *r.payback[s];
        Json pj{{"system", ctx.model.system(s).id},
                {"upfront_kg_co2e", inKgCo2e(p.upfront)},
                {"use_per_year_kg_co2e", inKgCo2e(p.usePerYear)},
                {"saved_per_year_kg_co2e", inKgCo2e(p.savedPerYear)},
                {"within_lifetime", p.withinLifetime},
                {"net_over_lifetime_kg_co2e", inKgCo2e(p.netOverLifetime)}};
        pj["payback_years"] = p.years ? Json(*p.years) : Json(nullptr);
        paybacks.push_back(pj);
    }
    if (!paybacks.empty()) j["payback"] = paybacks;
    if (!r.sectorsUsed.empty()) {
        Json sectors = Json::array();
        for (const SectorTotal* s : r.sectorsUsed) sectors.push_back(sectorJson(*s));
        j["sectors_used"] = sectors;
    }
    if (r.growth) {
        Json curves = Json::array();
        for (const auto& c : r.growth->curves) curves.push_back(growthJson(c));
        Json rows = Json::array();
        for (std::size_t m = 0; m < r.growth->milestonesDevices.size(); ++m) {
            Json reached = Json::array();
            for (std::size_t c = 0; c < r.growth->curves.size(); ++c) {
                const auto& y = r.growth->years[m][c];
                const auto& t = r.growth->times[m][c];
                reached.push_back({{"curve", r.growth->curves[c].id},
                                   {"year", y ? Json(*y) : Json(nullptr)},
                                   {"crossing_decimal_year", t ? Json(*t) : Json(nullptr)}});
            }
            rows.push_back({{"devices", r.growth->milestonesDevices[m]}, {"reached", reached}});
        }
        j["growth"] = {{"curves", curves}, {"milestones", rows}};
    }
    j["diagnostics"] = diagnosticsJson(r.diagnostics);
    return j.dump(2) + "\n";
}

std::string fleetCategoryReport(const StudyContext& ctx, const std::vector<CategoryFleet>& fleets,
                                const study::CategoryChoice& category, const std::vector<Diagnostic>& diagnostics,
                                const std::string& format) {
    const std::string u = category.unit();
    const std::string name = category.weighting
                                 ? "Single score (" + category.weighting->id + ", normalised and weighted)"
                                 : std::string(impactCategoryInfo(category.category).name);
    if (format == "json") {
        Json arr = Json::array();
        for (const auto& f : fleets)
            arr.push_back({{"system", f.systemId},
                           {"unit", u},
                           {"devices_bought", f.purchased},
                           {"device_years", f.deviceYears},
                           {"embodied_" + u, f.embodied},
                           {"operational_" + u, f.operational},
                           {"total_" + u, f.total},
                           {"complete", f.complete}});
        const Json j{{"study", ctx.sourceName},
                     {"category", category.id()},
                     {"fleets", arr},
                     {"diagnostics", diagnosticsJson(diagnostics)}};
        return j.dump(2) + "\n";
    }
    if (format == "csv") {
        std::string out = csvLine({"system", "devices_bought", "device_years", "embodied_" + u, "operational_" + u,
                                   "total_" + u, "complete"});
        for (const auto& f : fleets)
            out += csvLine({csvField(f.systemId), format::shortest(f.purchased), format::shortest(f.deviceYears),
                            format::shortest(f.embodied), format::shortest(f.operational), format::shortest(f.total),
                            f.complete ? "true" : "false"});
        return out;
    }
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << name << " of each fleet (" << u << "; sector what-ifs and payback are in kg CO2e only)\n";
    std::vector<std::vector<std::string>> rows{
        {"system", "devices bought", "device-years", "embodied", "operational", "total", ""}};
    for (const auto& f : fleets)
        rows.push_back({f.systemId, format::grouped(f.purchased, 4), format::grouped(f.deviceYears, 4),
                        format::grouped(f.embodied, 4), format::grouped(f.operational, 4), format::grouped(f.total, 4),
                        f.complete ? "" : "incomplete"});
    out << alignedTable(rows) << diagnosticsText(diagnostics);
    return out.str();
}

std::string fleetCsv(const StudyContext& ctx, const FleetReport& r, const std::string& which) {
    using format::shortest;
    if (which == "growth") {
        std::string out = "curve,model,devices,year_reached,crossing_decimal_year\n";
        if (r.growth)
            for (std::size_t c = 0; c < r.growth->curves.size(); ++c)
                for (std::size_t m = 0; m < r.growth->milestonesDevices.size(); ++m) {
                    const auto& y = r.growth->years[m][c];
                    const auto& t = r.growth->times[m][c];
                    out += csvLine(
                        {csvField(r.growth->curves[c].id), std::string(growthModelId(r.growth->curves[c].model)),
                         shortest(r.growth->milestonesDevices[m]), y ? std::to_string(*y) : "", t ? shortest(*t) : ""});
                }
        return out;
    }
    if (which == "what_ifs") {
        std::string out =
            "system,sector,sector_emissions_per_year_kg_co2e,sector_data_year,share_percent,years,savings_kg_co2e,"
            "fleet_kg_co2e,net_kg_co2e,break_even_share_percent\n";
        for (std::size_t s = 0; s < r.whatIfs.size(); ++s)
            for (const auto& w : r.whatIfs[s])
                out += csvLine({csvField(ctx.model.system(s).id), csvField(w.sector->id),
                                shortest(inKgCo2e(w.sector->perYear)), std::to_string(w.sector->year),
                                shortest(w.sharePercent), shortest(w.years), shortest(inKgCo2e(w.savings)),
                                shortest(inKgCo2e(w.fleet)), shortest(inKgCo2e(w.net)),
                                shortest(w.breakEvenSharePercent)});
        return out;
    }
    std::string out = "system,year,devices_in_service,devices_bought,devices_retired,embodied_kg_co2e,"
                      "operational_kg_co2e,training_kg_co2e,total_kg_co2e,cumulative_kg_co2e\n";
    for (const auto& f : r.fleets)
        for (const auto& y : f.years)
            out += csvLine({csvField(f.systemId), std::to_string(y.year), shortest(y.inService), shortest(y.purchased),
                            shortest(y.retired), shortest(inKgCo2e(y.embodied)), shortest(inKgCo2e(y.operational)),
                            shortest(inKgCo2e(y.training)), shortest(inKgCo2e(y.total)),
                            shortest(inKgCo2e(y.cumulative))});
    return out;
}

// ---------------------------------------------------------------------------------------------
// Sweeps

std::string sweepText(const SweepReport& r) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << "Sweep " << r.id << ": " << r.x.parameter << (r.x.unit.empty() ? "" : " [" + r.x.unit + "]");
    if (r.y) out << " x " << r.y->parameter << (r.y->unit.empty() ? "" : " [" + r.y->unit + "]");
    out << (r.partial ? "  (PARTIAL: interrupted)" : "") << "\n";
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head{r.x.parameter};
    if (r.y) head.push_back(r.y->parameter);
    head.insert(head.end(), {"system", "metric", "value"});
    rows.push_back(head);
    for (const auto& p : r.rows) {
        std::vector<std::string> row{format::shortestRounded(p.x)};
        if (r.y) row.push_back(format::shortestRounded(p.y));
        row.insert(row.end(), {r.systems[p.system], p.metric, format::grouped(p.value, 5)});
        rows.push_back(row);
    }
    out << alignedTable(rows, 0) << diagnosticsText(r.diagnostics);
    return out.str();
}

std::string sweepJson(const SweepReport& r) {
    Json j;
    j["sweep"] = r.id;
    j["partial"] = r.partial;
    j["x"] = {{"parameter", r.x.parameter}, {"unit", r.x.unit}, {"values", r.x.values}};
    if (r.y) j["y"] = {{"parameter", r.y->parameter}, {"unit", r.y->unit}, {"values", r.y->values}};
    Json rows = Json::array();
    for (const auto& p : r.rows) {
        Json row{{"point", p.point}, {"x", p.x}};
        if (r.y) row["y"] = p.y;
        row["system"] = r.systems[p.system];
        row["metric"] = p.metric;
        row["value"] = p.value;
        rows.push_back(row);
    }
    j["rows"] = rows;
    j["diagnostics"] = diagnosticsJson(r.diagnostics);
    return j.dump(2) + "\n";
}

std::string sweepCsv(const SweepReport& r) {
    std::string out = "sweep,point,x_parameter,x_value,x_unit,y_parameter,y_value,y_unit,system,metric,value,partial\n";
    for (const auto& p : r.rows) {
        std::vector<std::string> cells{csvField(r.id), std::to_string(p.point), csvField(r.x.parameter),
                                       format::shortest(p.x), csvField(r.x.unit)};
        if (r.y) cells.insert(cells.end(), {csvField(r.y->parameter), format::shortest(p.y), csvField(r.y->unit)});
        else cells.insert(cells.end(), {"", "", ""});
        cells.insert(cells.end(), {csvField(r.systems[p.system]), csvField(p.metric), format::shortest(p.value),
                                   r.partial ? "true" : "false"});
        out += csvLine(cells);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Uncertainty

namespace {

/// The unit of a run's metrics as in keys ("kg_co2e", "kg_sb_eq") and as read ("kg CO2e").
std::string unitKey(const std::vector<Metric>& metrics) {
    return metrics.empty() ? std::string("kg_co2e") : metrics.front().unit;
}
std::string unitText(const std::vector<Metric>& metrics) {
    const std::string u = unitKey(metrics);
    return u == "kg_co2e" ? std::string("kg CO2e") : u;
}

std::string runLine(const char* what, std::uint64_t done, std::uint64_t requested, std::uint64_t seed, unsigned threads,
                    bool partial) {
    std::string s = std::string(what) + ": " + format::count(static_cast<double>(done)) + " samples";
    if (partial) s += " of " + format::count(static_cast<double>(requested)) + " (PARTIAL: interrupted)";
    return s + ", seed " + std::to_string(seed) + ", " + std::to_string(threads) +
           (threads == 1 ? " thread" : " threads") + "\n";
}

Json metricJson(const MetricSummary& m, double nominal, std::size_t bins, const std::string& u) {
    Json p = Json::object();
    for (const auto& [q, v] : m.percentiles) p[std::string("p").append(format::shortest(q))] = v;
    const Histogram h = m.histogram.coarsened(bins);
    return {{"metric", m.name},
            {"unit", u},
            {"nominal_" + u, nominal},
            {"samples", m.samples},
            {"mean_" + u, m.mean},
            {"sd_" + u, m.sd},
            {"standard_error_" + u, m.standardError},
            {"min_" + u, m.min},
            {"max_" + u, m.max},
            {"percentiles_" + u, p},
            {"percentile_resolution_" + u, m.percentileResolution},
            {"histogram",
             {{"lower_" + u, h.lower},
              {"upper_" + u, h.upper},
              {"counts", h.counts},
              {"below", h.below},
              {"above", h.above}}}};
}

} // namespace

std::string uncertaintyText(const StudyContext& ctx, const UncertaintyReport& r, bool listInputs) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    const MonteCarloResult& mc = r.result;
    out << runLine("Monte Carlo", mc.samples, mc.samplesRequested, mc.seed, mc.threads, mc.partial);
    out << r.inputs.size() << " uncertain inputs" << (r.recalculated ? " (full recalculation per sample)" : "")
        << (listInputs ? "" : " (list them with --detail)") << "; values in " << unitText(r.metrics) << "\n";
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head{"metric", "nominal", "mean", "sd", "se(mean)"};
    if (!mc.metrics.empty())
        for (const auto& [p, v] : mc.metrics.front().percentiles)
            head.push_back(std::string("p").append(format::shortest(p)));
    head.insert(head.end(), {"min", "max"});
    rows.push_back(head);
    for (std::size_t k = 0; k < mc.metrics.size(); ++k) {
        const MetricSummary& m = mc.metrics[k];
        std::vector<std::string> row{m.name, format::grouped(r.nominal[k], 4), format::grouped(m.mean, 4),
                                     format::grouped(m.sd, 3), format::grouped(m.standardError, 2)};
        for (const auto& [p, v] : m.percentiles) row.push_back(format::grouped(v, 4));
        row.insert(row.end(), {format::grouped(m.min, 4), format::grouped(m.max, 4)});
        rows.push_back(row);
    }
    out << alignedTable(rows);
    const auto diffs = compareDifferences(r, ctx.model);
    if (!diffs.empty()) {
        out << "\nDifferences: paired (common random numbers, this run) against independent runs of each "
               "system (A_i - B_j, i and j drawn apart):\n";
        std::vector<std::vector<std::string>> d{{"difference", "draws", "mean", "sd"}};
        for (const auto& [p, v] : diffs.front().paired)
            d.front().push_back(std::string("p").append(format::shortest(p)));
        d.front().push_back("width ratio");
        for (const auto& c : diffs) {
            std::vector<std::string> paired{c.a + " - " + c.b, "paired", format::grouped(c.pairedMean, 4),
                                            format::grouped(c.pairedSd, 3)};
            for (const auto& [p, v] : c.paired) paired.push_back(format::grouped(v, 4));
            paired.push_back("");
            std::vector<std::string> indep{"", "independent", format::grouped(c.independentMean, 4),
                                           format::grouped(c.independentSd, 3)};
            for (const auto& [p, v] : c.independent) indep.push_back(format::grouped(v, 4));
            indep.push_back(std::isfinite(c.widthRatio) ? format::grouped(c.widthRatio, 3) : "inf");
            d.push_back(paired);
            d.push_back(indep);
        }
        out << alignedTable(d);
        out << "\nRatios A / B: paired (A_i / B_i, this run) against independent runs (A_i / B_j):\n";
        std::vector<std::vector<std::string>> q{{"ratio", "draws", "nominal", "mean", "sd"}};
        for (const auto& [p, v] : diffs.front().paired)
            q.front().push_back(std::string("p").append(format::shortest(p)));
        q.front().push_back("width ratio");
        for (const auto& c : diffs) {
            const auto& x = c.ratio;
            if (!x.defined) {
                q.push_back({c.a + " / " + c.b, "undefined: " + x.undefinedReason});
                continue;
            }
            std::vector<std::string> paired{c.a + " / " + c.b, "paired", format::grouped(x.nominal, 4),
                                            format::grouped(x.pairedMean, 4), format::grouped(x.pairedSd, 3)};
            for (const auto& [p, v] : x.paired) paired.push_back(format::grouped(v, 4));
            paired.push_back("");
            std::vector<std::string> indep{"", "independent", "", format::grouped(x.independentMean, 4),
                                           format::grouped(x.independentSd, 3)};
            for (const auto& [p, v] : x.independent) indep.push_back(format::grouped(v, 4));
            indep.push_back(std::isfinite(x.widthRatio) ? format::grouped(x.widthRatio, 3) : "inf");
            q.push_back(paired);
            q.push_back(indep);
        }
        out << alignedTable(q);
    }
    if (listInputs) {
        out << "\nInputs and their distributions (in each input's unit):\n";
        std::vector<std::vector<std::string>> in{{"input", "unit", "distribution", "from"}};
        for (const auto& c : r.inputs) {
            const ModelInput& mi = ctx.model.inputs()[c.input];
            in.push_back({mi.key, mi.unit, c.distribution.describe(mi.toInternal), c.origin});
        }
        out << alignedTable(in, 4);
    }
    out << diagnosticsText(r.diagnostics);
    return out.str();
}

namespace {

template <class Percentiles>
Json ratioJson(const DifferenceComparison::Ratio& x, Percentiles percentiles) {
    if (!x.defined) return Json{{"defined", false}, {"reason", x.undefinedReason}};
    return Json{{"defined", true},
                {"nominal", std::isfinite(x.nominal) ? Json(x.nominal) : Json(nullptr)},
                {"paired", {{"mean", x.pairedMean}, {"sd", x.pairedSd}, {"percentiles", percentiles(x.paired)}}},
                {"independent",
                 {{"mean", x.independentMean}, {"sd", x.independentSd}, {"percentiles", percentiles(x.independent)}}},
                {"resolution", x.resolution},
                {"width_ratio", std::isfinite(x.widthRatio) ? Json(x.widthRatio) : Json(nullptr)}};
}

} // namespace

std::string uncertaintyJson(const StudyContext& ctx, const UncertaintyReport& r, std::size_t bins) {
    const MonteCarloResult& mc = r.result;
    Json j{{"study", ctx.sourceName},
           {"method", "monte_carlo"},
           {"partial", mc.partial},
           {"samples", mc.samples},
           {"samples_requested", mc.samplesRequested},
           {"seed", mc.seed},
           {"threads", mc.threads},
           {"full_recalculation", r.recalculated}};
    Json metrics = Json::array();
    for (std::size_t k = 0; k < mc.metrics.size(); ++k)
        metrics.push_back(metricJson(mc.metrics[k], r.nominal[k], bins, unitKey(r.metrics)));
    j["metrics"] = metrics;
    Json differences = Json::array();
    for (const auto& c : compareDifferences(r, ctx.model)) {
        auto percentiles = [](const std::vector<std::pair<double, double>>& ps) {
            Json a = Json::array();
            for (const auto& [p, v] : ps) a.push_back(Json{{"p", p}, {"value", v}});
            return a;
        };
        differences.push_back(
            Json{{"a", c.a},
                 {"b", c.b},
                 {"metric", mc.metrics[c.metric].name},
                 {"paired", {{"mean", c.pairedMean}, {"sd", c.pairedSd}, {"percentiles", percentiles(c.paired)}}},
                 {"independent",
                  {{"mean", c.independentMean},
                   {"sd", c.independentSd},
                   {"percentiles", percentiles(c.independent)},
                   {"resolution", c.resolution}}},
                 {"width_ratio", std::isfinite(c.widthRatio) ? Json(c.widthRatio) : Json(nullptr)},
                 {"ratio", ratioJson(c.ratio, percentiles)}});
    }
    j["differences"] = differences;
    j["inputs"] = sampledInputsJson(ctx, r.inputs, true);
    j["diagnostics"] = diagnosticsJson(r.diagnostics);
    return j.dump(2) + "\n";
}

std::string differencesCsv(const UncertaintyReport& r, const std::vector<DifferenceComparison>& diffs) {
    using format::shortest;
    const MonteCarloResult& mc = r.result;
    const std::string partial = mc.partial ? "true" : "false";
    {
        // Tidy: one row per pair, quantity (A - B, A / B) and kind of draws; a ratio that is
        // undefined for the run has empty cells and its reason.
        std::vector<std::string> head{"a", "b", "quantity", "draws", "unit", "nominal", "mean", "sd"};
        std::vector<double> ps;
        if (!mc.metrics.empty())
            for (const auto& [p, v] : mc.metrics.front().percentiles) ps.push_back(p);
        for (double p : ps) head.push_back("p" + shortest(p));
        head.insert(head.end(), {"resolution", "width_ratio", "note", "seed", "partial"});
        std::string out = csvLine(head);
        const std::string seed = std::to_string(mc.seed);
        const auto finite = [](double v) { return std::isfinite(v) ? shortest(v) : std::string(); };
        for (const auto& c : diffs) {
            const auto row = [&](const std::string& quantity, const std::string& draws, const std::string& unit,
                                 const std::string& nominal, double mean, double sd,
                                 const std::vector<std::pair<double, double>>& values, double resolution,
                                 const std::string& width) {
                std::vector<std::string> cells{csvField(c.a), csvField(c.b), quantity,       draws,
                                               unit,          nominal,       shortest(mean), shortest(sd)};
                for (const auto& [p, v] : values) cells.push_back(shortest(v));
                cells.insert(cells.end(), {shortest(resolution), width, "", seed, partial});
                out += csvLine(cells);
            };
            const std::string u = unitKey(r.metrics);
            const MetricSummary& d = mc.metrics[c.metric];
            row("difference", "paired", u, shortest(r.nominal[c.metric]), c.pairedMean, c.pairedSd, c.paired,
                d.percentileResolution, "");
            row("difference", "independent", u, shortest(r.nominal[c.metric]), c.independentMean, c.independentSd,
                c.independent, c.resolution, finite(c.widthRatio));
            const auto& x = c.ratio;
            if (!x.defined) {
                std::vector<std::string> cells{csvField(c.a), csvField(c.b),     "ratio", "",
                                               "1",           finite(x.nominal), "",      ""};
                cells.insert(cells.end(), ps.size() + 2, "");
                cells.insert(cells.end(), {csvField("undefined: " + x.undefinedReason), seed, partial});
                out += csvLine(cells);
                continue;
            }
            row("ratio", "paired", "1", finite(x.nominal), x.pairedMean, x.pairedSd, x.paired, x.resolution, "");
            row("ratio", "independent", "1", finite(x.nominal), x.independentMean, x.independentSd, x.independent,
                x.resolution, finite(x.widthRatio));
        }
        return out;
    }
}

std::string uncertaintyCsv(const UncertaintyReport& r, const std::string& which, std::size_t bins) {
    using format::shortest;
    const MonteCarloResult& mc = r.result;
    const std::string partial = mc.partial ? "true" : "false";
    if (which == "histogram") {
        const std::string u = unitKey(r.metrics);
        std::string out = "metric,bin,lower_" + u + ",upper_" + u + ",count,partial\n";
        for (const auto& m : mc.metrics) {
            const Histogram h = m.histogram.coarsened(bins);
            const double w = h.binWidth();
            for (std::size_t b = 0; b < h.counts.size(); ++b)
                out +=
                    csvLine({csvField(m.name), std::to_string(b), shortest(h.lower + w * static_cast<double>(b)),
                             shortest(h.lower + w * static_cast<double>(b + 1)), std::to_string(h.counts[b]), partial});
        }
        return out;
    }
    const std::string u = unitKey(r.metrics);
    std::vector<std::string> head{"metric", "nominal_" + u, "samples", "mean_" + u, "sd_" + u, "standard_error_" + u};
    if (!mc.metrics.empty())
        for (const auto& [p, v] : mc.metrics.front().percentiles) head.push_back("p" + shortest(p) + "_" + u);
    head.insert(head.end(), {"min_" + u, "max_" + u, "seed", "partial"});
    std::string out = csvLine(head);
    for (std::size_t k = 0; k < mc.metrics.size(); ++k) {
        const MetricSummary& m = mc.metrics[k];
        std::vector<std::string> cells{csvField(m.name), shortest(r.nominal[k]), std::to_string(m.samples),
                                       shortest(m.mean), shortest(m.sd),         shortest(m.standardError)};
        for (const auto& [p, v] : m.percentiles) cells.push_back(shortest(v));
        cells.insert(cells.end(), {shortest(m.min), shortest(m.max), std::to_string(mc.seed), partial});
        out += csvLine(cells);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Sensitivity

std::string sensitivityText(const StudyContext& ctx, const SensitivityReport& r) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    (void)ctx;
    if (!r.tornado.empty()) {
        out << "Tornado: each input at its low and high value, the others at the system's values ("
            << unitText(r.metrics) << ")\n";
        for (const auto& t : r.tornado) {
            out << "\n" << t.output << " (nominal " << format::grouped(t.nominal, 4) << ")\n";
            std::vector<std::vector<std::string>> rows{{"input", "at low", "at high", "swing"}};
            for (const auto& b : t.bars) {
                if (b.swing == 0.0) continue;
                rows.push_back({b.key, format::grouped(b.outputLow, 4), format::grouped(b.outputHigh, 4),
                                format::grouped(b.swing, 3)});
            }
            out << alignedTable(rows);
        }
    }
    if (r.sobol) {
        const SobolResult& s = *r.sobol;
        out << "\n"
            << runLine("Sobol indices (Saltelli 2010 first order, Jansen 1999 total)", s.samples, s.samplesRequested,
                       s.seed, s.threads, s.partial);
        out << format::count(static_cast<double>(s.modelRuns)) << " model runs; +- is one standard error\n";
        for (const auto& o : s.outputs) {
            out << "\n"
                << o.output << " (mean " << format::grouped(o.mean, 4) << ", sd "
                << format::grouped(std::sqrt(o.variance), 3) << ")\n";
            std::vector<SobolIndex> idx = o.indices;
            std::stable_sort(idx.begin(), idx.end(),
                             [](const SobolIndex& a, const SobolIndex& b) { return a.total > b.total; });
            std::vector<std::vector<std::string>> rows{{"input", "first order", "+-", "total", "+-"}};
            for (const auto& i : idx)
                rows.push_back({i.key, format::fixed(i.first, 4), format::fixed(i.firstSe, 4),
                                format::fixed(i.total, 4), format::fixed(i.totalSe, 4)});
            out << alignedTable(rows);
        }
    }
    out << diagnosticsText(r.diagnostics);
    return out.str();
}

std::string sensitivityJson(const StudyContext& ctx, const SensitivityReport& r) {
    const std::string u = unitKey(r.metrics);
    Json j{{"study", ctx.sourceName}, {"full_recalculation", r.recalculated}};
    Json tornadoJson = Json::array();
    for (const auto& t : r.tornado) {
        Json bars = Json::array();
        for (const auto& b : t.bars)
            bars.push_back({{"input", b.key},
                            {"at_low_" + u, b.outputLow},
                            {"at_high_" + u, b.outputHigh},
                            {"swing_" + u, b.swing}});
        tornadoJson.push_back({{"metric", t.output}, {"nominal_" + u, t.nominal}, {"bars", bars}});
    }
    j["tornado"] = tornadoJson;
    if (r.sobol) {
        const SobolResult& s = *r.sobol;
        Json outputs = Json::array();
        for (const auto& o : s.outputs) {
            Json idx = Json::array();
            for (const auto& i : o.indices)
                idx.push_back({{"input", i.key},
                               {"first_order", i.first},
                               {"first_order_se", i.firstSe},
                               {"total", i.total},
                               {"total_se", i.totalSe}});
            outputs.push_back({{"metric", o.output},
                               {"mean_" + u, o.mean},
                               {"variance_" + u + "_squared", o.variance},
                               {"indices", idx}});
        }
        j["sobol"] = {{"partial", s.partial}, {"samples", s.samples}, {"samples_requested", s.samplesRequested},
                      {"seed", s.seed},       {"threads", s.threads}, {"model_runs", s.modelRuns},
                      {"metrics", outputs}};
    }
    j["inputs"] = sampledInputsJson(ctx, r.inputs, false);
    j["diagnostics"] = diagnosticsJson(r.diagnostics);
    return j.dump(2) + "\n";
}

std::string sensitivityCsv(const SensitivityReport& r) {
    using format::shortest;
    const std::string u = unitKey(r.metrics);
    std::string out = "method,metric,input,at_low_" + u + ",at_high_" + u + ",swing_" + u +
                      ",first_order,first_order_se,total,total_se,partial\n";
    for (const auto& t : r.tornado)
        for (const auto& b : t.bars)
            out += csvLine({"tornado", csvField(t.output), csvField(b.key), shortest(b.outputLow),
                            shortest(b.outputHigh), shortest(b.swing), "", "", "", "", "false"});
    if (r.sobol)
        for (const auto& o : r.sobol->outputs)
            for (const auto& i : o.indices)
                out += csvLine({"sobol", csvField(o.output), csvField(i.key), "", "", "", shortest(i.first),
                                shortest(i.firstSe), shortest(i.total), shortest(i.totalSe),
                                r.sobol->partial ? "true" : "false"});
    return out;
}

} // namespace tinyfoot::report
