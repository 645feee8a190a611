#include "tinyfoot/engine/study/analysis_reader.h"

#include "../json_reader.h"
#include "tinyfoot/engine/loader.h"

#include <cmath>
#include <set>
#include <sstream>

namespace tinyfoot::study {

using detail::choice;
using detail::derivation;
using detail::identifier;
using detail::Node;
using detail::ObjectReader;
using detail::percent;
using detail::positive;
using detail::readSources;
using detail::SourcesRule;
using detail::wholeNumber;

/// The largest integer a JSON number (a double) holds exactly.
constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

std::string_view hslDefaultId(HslDefault d) {
    switch (d) {
    case HslDefault::Triangular: return "triangular";
    case HslDefault::TriangularAtBound: return "triangular_at_bound";
    case HslDefault::Fixed: return "fixed";
    }
    return "unknown";
}

std::string_view factorDefaultId(FactorDefault d) {
    switch (d) {
    case FactorDefault::Uniform: return "uniform";
    case FactorDefault::Triangular: return "triangular";
    case FactorDefault::Normal: return "normal";
    case FactorDefault::Lognormal: return "lognormal";
    case FactorDefault::Fixed: return "fixed";
    }
    return "unknown";
}

namespace {

/// A number of a data file with its provenance: value, unit, derivation, range, sources, year,
/// licence, note. `units` lists the accepted unit words with their size.
struct DataNumber {
    double value = 0.0; ///< in the first unit of the list
    std::string unit;
    Derivation derivation = Derivation::Published;
    std::optional<std::pair<double, double>> range;
    std::vector<Source> sources;
    int year = 0;
    std::string licence;
    std::string note;
};

DataNumber readDataNumber(const Node& n, const std::vector<std::pair<std::string, double>>& units) {
    ObjectReader o = n.object();
    DataNumber d;
    const Node valueNode = o.required("value");
    const double raw = valueNode.nonNegative();
    const Node unitNode = o.required("unit");
    d.unit = unitNode.string();
    double size = 0.0;
    std::string list;
    for (const auto& [word, s] : units) {
        if (word == d.unit) size = s;
        list += (list.empty() ? "" : ", ") + word;
    }
    if (size == 0.0) unitNode.fail("one of " + list);
    d.value = raw * size;
    d.derivation = derivation(o.required("derivation"));
    if (auto r = o.optional("range")) {
        const auto [lo, hi] = detail::range(*r, valueNode, raw);
        d.range = std::make_pair(lo * size, hi * size);
    }
    d.sources = readSources(o, SourcesRule::Required);
    d.year = o.required("year").integer(1900, 2100);
    d.licence = o.required("licence").nonEmptyString();
    d.note = detail::optionalString(o, "note");
    o.finish();
    return d;
}

/// A number of a growth curve: plain, or with its provenance ({"value", "unit", "derivation",
/// "sources", "year", "licence", ...}) whose unit must be `unit`. Provenance is added to `c`.
double curveNumber(const Node& n, const std::string& unit, GrowthCurve& c) {
    if (!n.json().is_object()) return n.number();
    const DataNumber d = readDataNumber(n, {{unit, 1.0}});
    for (const auto& s : d.sources) {
        bool seen = false;
        for (const auto& t : c.sources) seen = seen || t.citation == s.citation;
        if (!seen) c.sources.push_back(s);
    }
    if (!d.note.empty()) c.note += (c.note.empty() ? "" : " ") + d.note;
    return d.value;
}

GrowthCurve readInlineGrowth(ObjectReader& o, const Node& self) {
    GrowthCurve c;
    c.model = choice(o.required("model"),
                     {GrowthModel::Linear, GrowthModel::Exponential, GrowthModel::Logistic, GrowthModel::Table},
                     growthModelId);
    c.id = "inline";
    if (auto id = o.optional("id")) c.id = identifier(*id);
    if (auto name = o.optional("name")) c.name = name->nonEmptyString();
    else c.name = std::string(growthModelId(c.model)) + " growth";
    c.sources = readSources(o, SourcesRule::Optional);
    if (auto note = o.optional("note")) c.note = note->string();
    if (auto rep = o.optional("reproduces")) {
        ObjectReader ro = rep->object();
        readSources(ro, SourcesRule::Required);
        ro.required("year").integer(1900, 2100);
        ro.required("licence").nonEmptyString();
        for (const Node& p : ro.required("points").nonEmptyArray()) {
            ObjectReader po = p.object();
            const double devices = positive(po.required("devices"));
            const int year = po.required("year").integer(1900, 3000);
            po.finish();
            c.reproduces.emplace_back(devices, year);
        }
        ro.finish();
    }
    if (c.model == GrowthModel::Table) {
        double last = -1e300;
        for (const Node& p : o.required("points").nonEmptyArray()) {
            ObjectReader po = p.object();
            const Node yearNode = po.required("year");
            const double year = static_cast<double>(yearNode.integer(1900, 3000));
            if (year <= last) yearNode.fail("a year after the previous point's");
            last = year;
            const double devices = po.required("devices").nonNegative();
            po.finish();
            c.table.emplace_back(year, devices);
        }
        if (c.table.size() < 2) self.fail("a table of at least two points", "one point");
        c.baseYear = static_cast<int>(c.table.front().first);
        c.baseDevices = c.table.front().second;
        return c;
    }
    c.baseYear = o.required("base_year").integer(1900, 3000);
    const Node base = o.required("base_devices");
    c.baseDevices = curveNumber(base, "device", c);
    if (!(c.baseDevices > 0.0)) base.fail("a number of devices > 0");
    switch (c.model) {
    case GrowthModel::Linear:
        c.rateDevicesPerYear = curveNumber(o.required("rate_devices_per_year"), "device/year", c);
        break;
    case GrowthModel::Exponential: {
        const Node r = o.required("rate_percent_per_year");
        c.ratePercentPerYear = curveNumber(r, "percent/year", c);
        if (!(c.ratePercentPerYear > -100.0)) r.fail("a rate above -100 %");
        break;
    }
    case GrowthModel::Logistic: {
        const Node k = o.required("capacity_devices");
        c.capacityDevices = curveNumber(k, "device", c);
        if (c.capacityDevices <= c.baseDevices) k.fail("a capacity above base_devices");
        const Node r = o.required("rate_per_year");
        c.logisticRatePerYear = curveNumber(r, "1/year", c);
        if (!(c.logisticRatePerYear > 0.0)) r.fail("a rate > 0");
        break;
    }
    default: break;
    }
    return c;
}

GrowthSpec readGrowthSpec(const Node& n) {
    GrowthSpec g;
    g.path = n.path();
    ObjectReader o = n.object();
    if (o.has("preset")) {
        g.preset = identifier(o.required("preset"));
        o.finish();
        return g;
    }
    g.curve = readInlineGrowth(o, n);
    o.finish();
    return g;
}

FleetSpec readFleet(const Node& n) {
    FleetSpec f;
    f.path = n.path();
    ObjectReader o = n.object();
    if (o.has("devices") == o.has("growth")) n.fail("exactly one of the members devices, growth");
    if (auto d = o.optional("devices")) {
        f.devices = positive(*d);
        if (*f.devices > 1e15) d->fail("at most 1e15 devices");
    }
    if (auto g = o.optional("growth")) f.growth = readGrowthSpec(*g);
    if (auto y = o.optional("start_year")) f.startYear = y->integer(1900, 3000);
    f.horizonYears = o.required("horizon_years").integer(1, 1000);
    if (auto s = o.optional("initial_stock"))
        f.initialStock = choice(*s, {InitialStock::New, InitialStock::InService}, initialStockId);
    if (auto t = o.optional("training"))
        f.training = choice(*t, {TrainingMode::PerDevice, TrainingMode::Amortised}, trainingModeId);
    if (auto r = o.optional("training_runs")) {
        if (f.training != TrainingMode::Amortised) r->fail("no training_runs unless \"training\" is \"amortised\"");
        f.trainingRuns = r->integer(1, 1000000);
    }
    o.finish();
    return f;
}

GrowthTableSpec readGrowthTable(const Node& n) {
    GrowthTableSpec g;
    g.path = n.path();
    ObjectReader o = n.object();
    for (const Node& c : o.required("curves").nonEmptyArray()) g.curves.push_back(readGrowthSpec(c));
    for (const Node& m : o.required("milestones_devices").nonEmptyArray()) g.milestonesDevices.push_back(positive(m));
    o.finish();
    return g;
}

NetSpec readNet(const Node& n) {
    NetSpec net;
    net.path = n.path();
    ObjectReader o = n.object();
    if (!o.has("what_ifs") && !o.has("payback")) n.fail("at least one of the members what_ifs, payback");
    if (auto w = o.optional("what_ifs")) {
        for (const Node& e : w->nonEmptyArray()) {
            ObjectReader eo = e.object();
            WhatIfSpec s;
            s.path = e.path();
            s.sector = identifier(eo.required("sector"));
            s.sharePercent = percent(eo.required("share_percent"));
            eo.finish();
            net.whatIfs.push_back(std::move(s));
        }
    }
    if (auto p = o.optional("payback")) {
        ObjectReader po = p->object();
        PaybackSpec s;
        s.path = p->path();
        if (po.has("saved_energy_per_year") == po.has("saved_co2e_per_year"))
            p->fail("exactly one of the members saved_energy_per_year, saved_co2e_per_year");
        if (auto e = po.optional("saved_energy_per_year")) {
            s.savedEnergyPerYear = e->amount(Dimension::Energy);
            s.grid = identifier(po.required("grid"));
        }
        if (auto c = po.optional("saved_co2e_per_year")) s.savedCo2ePerYear = c->amount(Dimension::Co2e);
        po.finish();
        net.payback = std::move(s);
    }
    o.finish();
    return net;
}

SweepAxis readAxis(const Node& n) {
    SweepAxis a;
    a.path = n.path();
    ObjectReader o = n.object();
    a.parameter = o.required("parameter").nonEmptyString();
    if (auto u = o.optional("unit")) a.unit = u->nonEmptyString();
    if (o.has("values") == o.has("from")) n.fail("exactly one of the members values, from (with to and steps)");
    if (auto v = o.optional("values")) {
        for (const Node& x : v->nonEmptyArray()) a.values.push_back(x.number());
        if (a.values.size() > 100000) v->fail("at most 100000 values");
    } else {
        const Node fromNode = o.required("from");
        const double from = fromNode.number();
        const Node toNode = o.required("to");
        const double to = toNode.number();
        const int steps = o.required("steps").integer(2, 100000);
        bool log = false;
        if (auto s = o.optional("scale")) log = choice<bool>(*s, {{"linear", false}, {"log", true}});
        if (log && !(from > 0.0 && to > 0.0)) (from > 0.0 ? toNode : fromNode).fail("a number > 0 (log scale)");
        for (int i = 0; i < steps; ++i) {
            const double f = static_cast<double>(i) / static_cast<double>(steps - 1);
            a.values.push_back(log ? from * std::pow(to / from, f) : from + (to - from) * f);
        }
        a.values.back() = to;
    }
    o.finish();
    return a;
}

std::vector<SweepSpec> readSweeps(const Node& n) {
    std::vector<SweepSpec> out;
    std::set<std::string> ids;
    for (const Node& s : n.nonEmptyArray()) {
        ObjectReader o = s.object();
        SweepSpec sw;
        sw.path = s.path();
        sw.id = uniqueIdentifier(o.required("id"), ids, "a sweep id not used before");
        sw.x = readAxis(o.required("x"));
        if (auto y = o.optional("y")) {
            sw.y = readAxis(*y);
            if (sw.x.values.size() * sw.y->values.size() > 1000000) y->fail("at most 1000000 points in all");
        }
        o.finish();
        out.push_back(std::move(sw));
    }
    return out;
}

InputDistributionSpec readInputDistribution(const Node& n) {
    InputDistributionSpec d;
    d.path = n.path();
    ObjectReader o = n.object();
    d.input = o.required("input").nonEmptyString();
    d.kind = choice(o.required("distribution"),
                    {DistributionKind::Fixed, DistributionKind::Uniform, DistributionKind::Triangular,
                     DistributionKind::Normal, DistributionKind::Lognormal},
                    distributionId);
    if (d.kind == DistributionKind::Fixed) {
        o.finish();
        return d;
    }
    if (auto r = o.optional("relative")) d.relative = r->boolean();
    if (d.relative) {
        if (o.has("unit"))
            o.required("unit").fail("no unit when \"relative\" is true (values are multiples of the "
                                    "input's own value)");
    } else if (d.kind != DistributionKind::Lognormal || o.has("median")) {
        d.unit = o.required("unit").nonEmptyString();
    }
    switch (d.kind) {
    case DistributionKind::Uniform: {
        d.lower = o.required("lower").nonNegative();
        const Node up = o.required("upper");
        d.upper = up.nonNegative();
        if (d.upper < d.lower) up.fail("an upper value >= the lower value");
        break;
    }
    case DistributionKind::Triangular: {
        d.lower = o.required("lower").nonNegative();
        const Node mode = o.required("mode");
        d.mode = mode.nonNegative();
        if (d.mode < d.lower) mode.fail("a mode >= the lower value");
        const Node up = o.required("upper");
        d.upper = up.nonNegative();
        if (d.upper < d.mode) up.fail("an upper value >= the mode");
        break;
    }
    case DistributionKind::Normal:
        d.mean = o.required("mean").nonNegative();
        d.sd = positive(o.required("sd"));
        break;
    case DistributionKind::Lognormal: {
        d.median = positive(o.required("median"));
        const Node g = o.required("gsd");
        d.gsd = g.number();
        if (!(d.gsd > 1.0)) g.fail("a geometric standard deviation > 1");
        break;
    }
    case DistributionKind::Fixed: break;
    }
    o.finish();
    return d;
}

UncertaintySpec readUncertainty(const Node& n) {
    UncertaintySpec u;
    u.path = n.path();
    ObjectReader o = n.object();
    if (auto s = o.optional("samples")) u.samples = wholeNumber(*s, 1, 1e12);
    if (auto s = o.optional("seed")) u.seed = wholeNumber(*s, 0, kMaxExactInteger);
    if (auto h = o.optional("hsl"))
        u.hsl = choice(*h, {HslDefault::Triangular, HslDefault::TriangularAtBound, HslDefault::Fixed}, hslDefaultId);
    if (auto f = o.optional("factors"))
        u.factors = choice(*f,
                           {FactorDefault::Uniform, FactorDefault::Triangular, FactorDefault::Normal,
                            FactorDefault::Lognormal, FactorDefault::Fixed},
                           factorDefaultId);
    if (auto in = o.optional("inputs")) {
        std::set<std::string> keys;
        for (const Node& e : in->array()) {
            auto d = readInputDistribution(e);
            if (!keys.insert(d.input).second)
                e.fail("one distribution per input", "a second one for '" + d.input + "'");
            u.inputs.push_back(std::move(d));
        }
    }
    if (auto diffs = o.optional("differences")) {
        for (const Node& pair : diffs->array()) {
            const auto ab = pair.array();
            if (ab.size() != 2) pair.fail("a pair [system id, system id]", "an array of " + std::to_string(ab.size()));
            u.differences.emplace_back(identifier(ab[0]), identifier(ab[1]));
            u.differencePaths.push_back(pair.path());
        }
    }
    if (auto p = o.optional("percentiles")) {
        u.percentiles.clear();
        for (const Node& x : p->nonEmptyArray()) u.percentiles.push_back(percent(x));
    }
    if (auto b = o.optional("histogram_bins")) u.histogramBins = wholeNumber(*b, 16, 1000000);
    o.finish();
    return u;
}

SensitivitySpec readSensitivity(const Node& n) {
    SensitivitySpec s;
    s.path = n.path();
    ObjectReader o = n.object();
    if (auto m = o.optional("methods")) {
        s.tornado = s.sobol = false;
        for (const Node& x : m->nonEmptyArray()) {
            const bool sobol = choice<bool>(x, {{"tornado", false}, {"sobol", true}});
            (sobol ? s.sobol : s.tornado) = true;
        }
    }
    if (auto v = o.optional("samples")) s.samples = wholeNumber(*v, 16, 1e9);
    if (auto v = o.optional("seed")) s.seed = wholeNumber(*v, 0, kMaxExactInteger);
    o.finish();
    return s;
}

} // namespace

Analysis parseAnalysis(const std::string& json, const std::string& sourceName) {
    Analysis a;
    a.sourceName = sourceName;
    if (json.empty()) return a;
    std::istringstream in(json);
    const auto doc = detail::parseDocument(in, sourceName);
    const Node root(doc, "/analysis", sourceName);
    ObjectReader o = root.object();
    if (auto f = o.optional("fleet")) a.fleet = readFleet(*f);
    if (auto g = o.optional("growth")) a.growth = readGrowthTable(*g);
    if (auto n = o.optional("net")) a.net = readNet(*n);
    if (auto s = o.optional("sweeps")) a.sweeps = readSweeps(*s);
    if (auto u = o.optional("uncertainty")) a.uncertainty = readUncertainty(*u);
    if (auto s = o.optional("sensitivity")) a.sensitivity = readSensitivity(*s);
    o.finish();
    return a;
}

Analysis parseAnalysis(const Study& study) { return parseAnalysis(study.analysisJson, study.sourceName); }

GrowthCurve resolveGrowth(const GrowthSpec& spec, const StudyData& data, const std::string& sourceName) {
    if (!spec.preset) return spec.curve;
    if (const GrowthCurve* c = data.findGrowth(*spec.preset)) return *c;
    std::string known;
    for (const auto& set : data.growthSets)
        for (const auto& c : set.curves) known += (known.empty() ? "" : ", ") + c.id;
    throw Error(sourceName, spec.path + "/preset",
                "the id of a growth curve in data/growth (" + (known.empty() ? std::string("none loaded") : known) +
                    ")",
                "'" + *spec.preset + "'");
}

// ---------------------------------------------------------------------------------------------
// Data files

SectorSet sectorTotalsOf(const FactorSet& set, const std::string& sourceName) {
    SectorSet out;
    out.id = set.id;
    out.name = set.name;
    out.sources = set.sources;
    for (std::size_t i = 0; i < set.factors.size(); ++i) {
        const Factor& f = set.factors[i];
        if (f.per != Dimension::Duration)
            throw Error(sourceName, "/factors/" + std::to_string(i) + "/unit",
                        "a sector's emissions per unit of time, e.g. \"t_co2e/year\"", "\"" + f.unit + "\"");
        SectorTotal s;
        s.id = f.id;
        s.name = f.name;
        // f.internal is kg CO2e per second (the internal time unit); one year of it:
        const auto rate = f.internal * units::kgCo2eUnit / units::secondUnit;
        s.perYear = rate * units::years(1.0);
        s.year = f.year;
        s.derivation = f.derivation;
        s.sources = f.sources;
        s.licence = f.licence;
        s.note = f.note;
        out.sectors.push_back(std::move(s));
    }
    return out;
}

SectorSet loadSectorTotals(std::istream& in, const std::string& sourceName) {
    return sectorTotalsOf(loadFactorSet(in, sourceName), sourceName);
}

GrowthSet growthCurvesOf(const Study& study) {
    GrowthSet set;
    set.id = study.id;
    set.name = study.name;
    set.sources = study.sources;
    const Analysis a = parseAnalysis(study);
    if (!a.growth) return set;
    for (std::size_t i = 0; i < a.growth->curves.size(); ++i) {
        const GrowthSpec& g = a.growth->curves[i];
        if (g.preset) continue;
        if (g.curve.id == "inline")
            throw Error(study.sourceName, g.path, "a curve with an \"id\" (curves in data/growth are named)",
                        "a curve without one");
        set.curves.push_back(g.curve);
    }
    return set;
}

const SectorTotal* StudyData::findSector(std::string_view id) const {
    for (const auto& set : sectorSets)
        for (const auto& s : set.sectors)
            if (s.id == id) return &s;
    return nullptr;
}

const GrowthCurve* StudyData::findGrowth(std::string_view id) const {
    for (const auto& set : growthSets)
        for (const auto& c : set.curves)
            if (c.id == id) return &c;
    return nullptr;
}

} // namespace tinyfoot::study
