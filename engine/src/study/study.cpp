#include "tinyfoot/engine/study/study.h"

#include "legacy_keys.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/study/compiled_plan.h"
#include "tinyfoot/engine/study/recalculating_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyfoot::study {

using namespace tinyfoot::units;

namespace {

bool hasSplitOperational(const StudyContext& ctx, std::size_t s) {
    return ctx.model.stageSplitKnown(s) && ctx.results[s].operational != kgCo2e(0.0);
}

/// The internal size of `unit` for an input, or an Error at `path`.
double unitFor(const ModelInput& in, const std::string& unit, const std::string& source, const std::string& path) {
    if (in.kind == InputKind::Factor) {
        const auto fu = findFactorUnit(unit);
        if (!fu || fu->per != in.dimension)
            throw Error(source, path,
                        "a factor unit per " + describeDimension(in.dimension) + " (like \"" + in.unit + "\") for '" +
                            in.key + "'",
                        "\"" + unit + "\"");
        return fu->toInternal;
    }
    const auto u = findUnit(unit);
    if (!u || u->dimension != in.dimension)
        throw Error(source, path,
                    "a unit of " + describeDimension(in.dimension) + " (" + acceptedUnits(in.dimension) + ") for '" +
                        in.key + "'",
                    "\"" + unit + "\"");
    return u->toInternal;
}

/// Throws when `key` is an input key of an earlier version, naming what replaced it.
void rejectLegacyKey(const StudyContext& ctx, const std::string& key, const std::string& path) {
    for (std::size_t s = 0; s < ctx.model.systemCount() && s < ctx.results.size(); ++s) {
        const auto r = detail::replacementOfLegacyKey(ctx.model.system(s), ctx.results[s], key);
        if (!r) continue;
        const bool isKey = r->rfind("nothing:", 0) != 0;
        throw Error(ctx.sourceName, path,
                    isKey ? "the parameter key '" + *r +
                                "' (keys named after result lines were replaced by parameter keys: docs/studies.md §1)"
                          : "a parameter key; this key named a result line's amount, and there is " + *r +
                                " (docs/studies.md §1)",
                    "'" + key + "'");
    }
}

std::vector<std::size_t> inputsOrThrow(const StudyContext& ctx, const std::string& key, const std::string& path) {
    auto idx = ctx.model.findInputs(key);
    if (idx.empty()) rejectLegacyKey(ctx, key, path);
    if (idx.empty())
        throw Error(ctx.sourceName, path,
                    "an input key of this study's systems (list them with 'tinyfoot uncertainty --list-inputs')",
                    "'" + key + "'");
    return idx;
}

std::size_t systemOrThrow(const StudyContext& ctx, const std::string& id, const std::string& path) {
    if (auto s = ctx.model.findSystem(id)) return *s;
    std::string known;
    for (std::size_t i = 0; i < ctx.model.systemCount(); ++i) known += (i ? ", " : "") + ctx.model.system(i).id;
    throw Error(ctx.sourceName, path, "the id of a system of this study (" + known + ")", "'" + id + "'");
}

std::vector<Metric> comparisonMetrics(const StudyContext& ctx, const UncertaintySpec& spec, bool parts) {
    std::vector<Metric> metrics;
    const std::size_t n = ctx.model.systemCount();
    for (std::size_t s = 0; s < n; ++s) {
        metrics.push_back(totalMetric(ctx.model, s));
        if (parts && hasSplitOperational(ctx, s)) {
            metrics.push_back(partMetric(ctx.model, s, Part::Embodied));
            metrics.push_back(partMetric(ctx.model, s, Part::Operational));
        }
    }
    if (!spec.differences.empty()) {
        for (std::size_t i = 0; i < spec.differences.size(); ++i) {
            const std::string path = i < spec.differencePaths.size() ? spec.differencePaths[i] : spec.path;
            const auto a = systemOrThrow(ctx, spec.differences[i].first, path + "/0");
            const auto b = systemOrThrow(ctx, spec.differences[i].second, path + "/1");
            metrics.push_back(differenceMetric(ctx.model, a, b));
        }
    } else {
        for (std::size_t s = 1; s < n; ++s) metrics.push_back(differenceMetric(ctx.model, s, 0));
    }
    return metrics;
}

/// The model the samplers run: the compiled plan, or the recalculation fallback when some line
/// is not a product of inputs.
struct Runner {
    std::vector<std::size_t> varying;
    std::vector<SampledInput> sampled;
    std::optional<CompiledPlan> plan;
    std::optional<RecalculatingModel> recalc;
    std::optional<ImpactModel> impact;
    const VectorModel& model() const {
        if (impact) return *impact;
        if (plan) return *plan;
        return *recalc;
    }
};

Runner makeRunner(const StudyContext& ctx, const std::vector<InputChoice>& choices, std::vector<Metric> metrics,
                  std::vector<Diagnostic>& diagnostics, const CategoryChoice* category) {
    Runner r;
    for (const auto& c : choices) {
        r.varying.push_back(c.input);
        r.sampled.push_back({ctx.model.inputs()[c.input].key, c.distribution});
    }
    const auto nominal = ctx.model.nominalValues();
    if (category) {
        r.impact.emplace(ctx.model, *category, r.varying, nominal, std::move(metrics));
        return r;
    }
    if (ctx.model.exact()) {
        r.plan.emplace(ctx.model, r.varying, nominal, std::move(metrics));
        return r;
    }
    r.recalc.emplace(ctx.model, r.varying, nominal, std::move(metrics));
    diagnostics.push_back({Severity::Warning, "full-recalculation",
                           "some lines are not products of inputs: every sample is a full calculation (exact, but "
                           "much slower than the compiled model)",
                           ctx.sourceName});
    for (std::size_t j = 0; j < r.varying.size(); ++j)
        if (!r.recalc->settable(r.varying[j]))
            diagnostics.push_back({Severity::Warning, "input-not-settable",
                                   "input '" + ctx.model.inputs()[r.varying[j]].key +
                                       "' cannot be set in a full recalculation; it stays at its value",
                                   ctx.sourceName});
    return r;
}

/// An impact assessment's diagnostics, each message prefixed with its system's id.
void addImpactDiagnostics(const std::string& systemId, const ImpactResult& impacts,
                          std::vector<Diagnostic>& diagnostics) {
    for (auto d : impacts.diagnostics) {
        d.message = systemId + ": " + d.message;
        diagnostics.push_back(std::move(d));
    }
}

/// A study's metrics in `category`: named and united as such, without the fleet totals (CO2e
/// only), the nominal assessment's missing-category warnings copied with their system.
std::vector<Metric> inCategory(const StudyContext& ctx, std::vector<Metric> metrics, const CategoryChoice& category,
                               std::vector<Diagnostic>& diagnostics) {
    for (auto& m : metrics) m.unit = category.unit();
    diagnostics.push_back(
        {Severity::Note, "category-ranges",
         category.id() + ": the impact set '" + category.set->id +
             "' gives one figure per block and level and per kWh, without ranges; only inputs that change the energy a "
             "use stage draws (power, lifetime, rates, efficiency ...) move " +
             (category.weighting ? "its categories (climate change, the CO2e result, follows every input)" : "it"),
         ctx.sourceName});
    const ImpactModel model(ctx.model, category, {}, ctx.model.nominalValues(), {});
    for (std::size_t s = 0; s < ctx.model.systemCount(); ++s)
        addImpactDiagnostics(ctx.model.system(s).id, model.assess(s, ctx.model.nominalValues()), diagnostics);
    return metrics;
}

} // namespace

StudyContext prepareStudy(const std::vector<System>& systems, const Library& library, const FactorSet& factors,
                          Analysis analysis, StudyData data, std::string sourceName) {
    StudyContext ctx;
    ctx.sourceName = std::move(sourceName);
    std::vector<const HslCatalogue*> hsl;
    for (const auto& s : systems) {
        const HslCatalogue* cat = s.hslCatalogue.empty() ? nullptr : library.findHsl(s.hslCatalogue);
        hsl.push_back(cat);
        ctx.results.push_back(calculate(s, factors, cat));
        for (const auto& d : ctx.results.back().diagnostics)
            if (d.severity != Severity::Note) ctx.diagnostics.push_back(d);
    }
    ctx.model = FlatModel::compile(systems, ctx.results, factors, hsl);
    for (const auto& d : ctx.model.diagnostics()) ctx.diagnostics.push_back(d);
    ctx.analysis = std::move(analysis);
    ctx.data = std::move(data);
    return ctx;
}

std::vector<InputChoice> chooseDistributions(const StudyContext& ctx, const UncertaintySpec& spec,
                                             std::vector<Diagnostic>& diagnostics) {
    const auto& inputs = ctx.model.inputs();
    std::vector<std::optional<InputChoice>> chosen(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const ModelInput& in = inputs[i];
        if (!in.range) continue;
        const double lo = in.range->first, hi = in.range->second, v = in.nominal;
        if (in.kind == InputKind::HslQuantity && spec.hsl == HslDefault::Triangular) {
            chosen[i] =
                InputChoice{i, Distribution::triangular(lo, in.typical.value_or(v), hi), "HSL lower, typical, upper"};
        } else if (in.kind == InputKind::HslQuantity && spec.hsl == HslDefault::TriangularAtBound) {
            chosen[i] =
                InputChoice{i, Distribution::triangular(lo, v, hi), "HSL lower to upper, mode at the system's value"};
        } else if (in.kind == InputKind::Parameter) {
            // A physical model's parameter with a range from its data: the energy per inference
            // of a results file with a spread (an emulated estimate's validation). Uniform, whatever
            // the factor default: the range need not contain the value (an estimate known high).
            chosen[i] = InputChoice{i, Distribution::uniform(lo, hi), "the results file's spread"};
        } else if (in.kind == InputKind::Factor || in.kind == InputKind::TableCell) {
            switch (spec.factors) {
            case FactorDefault::Uniform:
                chosen[i] = InputChoice{i, Distribution::uniform(lo, hi), "factor range"};
                break;
            case FactorDefault::Triangular:
                chosen[i] = InputChoice{i, Distribution::triangular(lo, v, hi), "factor range, mode at its value"};
                break;
            case FactorDefault::Normal:
                chosen[i] = InputChoice{i, Distribution::truncatedNormal(v, (hi - lo) / (2.0 * kZ95)),
                                        "normal at the factor's value, its range as central 95 %"};
                break;
            case FactorDefault::Lognormal:
                if (lo > 0.0 && v > 0.0 && hi > lo) {
                    chosen[i] = InputChoice{i, Distribution::lognormal(v, std::exp(std::log(hi / lo) / (2.0 * kZ95))),
                                            "lognormal, median at the factor's value, range width as central 95 %"};
                } else {
                    chosen[i] = InputChoice{i, Distribution::uniform(lo, hi),
                                            "factor range (uniform: lognormal "
                                            "needs a range above 0)"};
                    diagnostics.push_back(
                        {Severity::Warning, "lognormal-needs-positive-range",
                         (in.kind == InputKind::Factor ? "factor '" + in.factorId + "'" : "'" + in.key + "'") +
                             " has a range reaching 0 or a value of 0; it is sampled uniformly",
                         in.key});
                }
                break;
            case FactorDefault::Fixed: break;
            }
        }
    }
    for (const auto& d : spec.inputs) {
        for (auto i : inputsOrThrow(ctx, d.input, d.path + "/input")) {
            const ModelInput& in = inputs[i];
            if (d.kind == DistributionKind::Fixed) {
                chosen[i].reset();
                continue;
            }
            const double s = d.relative ? in.nominal : unitFor(in, d.unit, ctx.sourceName, d.path + "/unit");
            // Multiples of a negative value (an annual change of -3 %) turn the bounds round:
            // 0.8x .. 1.2x of -3 is -3.6 .. -2.4.
            const bool flip = s < 0.0;
            if (flip && d.kind == DistributionKind::Lognormal)
                throw Error(ctx.sourceName, d.path + "/distribution",
                            "uniform, triangular or normal, or absolute values: a lognormal relative to '" + in.key +
                                "' would be negative",
                            "lognormal around " + format::shortest(in.nominal));
            Distribution dist;
            switch (d.kind) {
            case DistributionKind::Uniform:
                dist = flip ? Distribution::uniform(d.upper * s, d.lower * s)
                            : Distribution::uniform(d.lower * s, d.upper * s);
                break;
            case DistributionKind::Triangular:
                dist = flip ? Distribution::triangular(d.upper * s, d.mode * s, d.lower * s)
                            : Distribution::triangular(d.lower * s, d.mode * s, d.upper * s);
                break;
            case DistributionKind::Normal:
                if (!(d.mean * s > 0.0))
                    throw Error(ctx.sourceName, d.path + "/mean",
                                "a positive mean (the normal distribution is truncated at 0, for positive "
                                "quantities), or a uniform or triangular distribution for '" +
                                    in.key + "', which may be negative",
                                format::shortest(d.mean * s));
                dist = Distribution::truncatedNormal(d.mean * s, d.sd * std::fabs(s));
                break;
            case DistributionKind::Lognormal: dist = Distribution::lognormal(d.median * s, d.gsd); break;
            case DistributionKind::Fixed: break;
            }
            chosen[i] = InputChoice{i, dist, d.path};
        }
    }
    std::vector<InputChoice> out;
    for (auto& c : chosen)
        if (c && c->distribution.kind() != DistributionKind::Fixed) out.push_back(std::move(*c));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Fleet

GrowthTable growthTable(const std::vector<GrowthCurve>& curves, const std::vector<double>& milestonesDevices) {
    GrowthTable t;
    t.curves = curves;
    t.milestonesDevices = milestonesDevices;
    for (double m : milestonesDevices) {
        std::vector<std::optional<int>> years;
        std::vector<std::optional<double>> times;
        for (const auto& c : curves) {
            years.push_back(c.yearReaching(m));
            times.push_back(c.timeReaching(m));
        }
        t.years.push_back(std::move(years));
        t.times.push_back(std::move(times));
    }
    return t;
}

std::optional<FleetOptions> fleetOptions(const StudyContext& ctx) {
    if (!ctx.analysis.fleet) return std::nullopt;
    const FleetSpec& f = *ctx.analysis.fleet;
    FleetOptions o;
    if (f.growth) {
        o.stock = resolveGrowth(*f.growth, ctx.data, ctx.sourceName);
        o.startYear = f.startYear.value_or(o.stock.firstYear());
    } else {
        o.startYear = f.startYear.value_or(2023);
        o.stock = GrowthCurve::constant(f.devices.value_or(1.0), o.startYear);
    }
    o.horizonYears = f.horizonYears;
    o.initialStock = f.initialStock;
    o.training = f.training;
    o.trainingRuns = f.trainingRuns;
    return o;
}

namespace {

Co2e paybackSavings(const StudyContext& ctx, const PaybackSpec& p) {
    if (p.savedCo2ePerYear) return p.savedCo2ePerYear->co2e();
    const Factor* grid = ctx.model.factorSet().find(p.grid);
    if (!grid || grid->per != Dimension::Energy)
        throw Error(ctx.sourceName, p.path + "/grid",
                    "the id of a grid factor (per energy) in factor set '" + ctx.model.factorSet().id + "'",
                    "'" + p.grid + "'");
    return p.savedEnergyPerYear->energy() * grid->perEnergy();
}

} // namespace

FleetReport runFleet(const StudyContext& ctx) {
    FleetReport r;
    r.options = fleetOptions(ctx);
    const std::size_t n = ctx.model.systemCount();
    if (r.options) {
        for (std::size_t s = 0; s < n; ++s) {
            const auto device = DeviceFootprint::from(ctx.results[s], ctx.model.system(s).lifetime.duration());
            r.fleets.push_back(simulateFleet(device, *r.options));
            for (const auto& d : r.fleets.back().diagnostics) r.diagnostics.push_back(d);
        }
    }
    if (ctx.analysis.growth) {
        std::vector<GrowthCurve> curves;
        for (const auto& g : ctx.analysis.growth->curves) curves.push_back(resolveGrowth(g, ctx.data, ctx.sourceName));
        r.growth = growthTable(curves, ctx.analysis.growth->milestonesDevices);
    }
    r.whatIfs.resize(n);
    r.payback.resize(n);
    if (ctx.analysis.net) {
        const NetSpec& net = *ctx.analysis.net;
        if (!net.whatIfs.empty() && !r.options)
            throw Error(ctx.sourceName, net.path + "/what_ifs",
                        "a fleet (\"fleet\" in the analysis) to set the savings against", "no fleet");
        for (const auto& w : net.whatIfs) {
            const SectorTotal* sector = ctx.data.findSector(w.sector);
            if (!sector) {
                std::string known;
                for (const auto& set : ctx.data.sectorSets)
                    for (const auto& s : set.sectors) known += (known.empty() ? "" : ", ") + s.id;
                throw Error(ctx.sourceName, w.path + "/sector",
                            "the id of a sector in data/sectors (" + (known.empty() ? "none loaded" : known) + ")",
                            "'" + w.sector + "'");
            }
            if (std::find(r.sectorsUsed.begin(), r.sectorsUsed.end(), sector) == r.sectorsUsed.end())
                r.sectorsUsed.push_back(sector);
            for (std::size_t s = 0; s < n; ++s)
                r.whatIfs[s].push_back(
                    whatIf(*sector, w.sharePercent, r.fleets[s].total, static_cast<double>(r.options->horizonYears)));
        }
        if (net.payback) {
            const Co2e saved = paybackSavings(ctx, *net.payback);
            for (std::size_t s = 0; s < n; ++s)
                r.payback[s] =
                    paybackTime(DeviceFootprint::from(ctx.results[s], ctx.model.system(s).lifetime.duration()), saved);
        }
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Sweeps

const std::vector<std::pair<std::string, std::string>>& fleetSweepParameters() {
    static const std::vector<std::pair<std::string, std::string>> params{
        {"fleet.devices", "device"},
        {"fleet.horizon_years", "year"},
        {"growth.rate_devices_per_year", "device/year"},
        {"growth.rate_percent_per_year", "percent/year"},
        {"net.share_percent", "percent"},
    };
    return params;
}

namespace {

struct BoundAxis {
    bool fleet = false;
    std::string parameter;
    std::string unit; ///< the unit the values are in (the axis's, else the input's own)
    std::vector<std::size_t> inputs;
    double toInternal = 1.0;
};

BoundAxis bindAxis(const StudyContext& ctx, const SweepAxis& axis, std::optional<FleetOptions>& fleet) {
    BoundAxis b;
    b.parameter = axis.parameter;
    for (const auto& [name, unit] : fleetSweepParameters()) {
        if (name != axis.parameter) continue;
        b.fleet = true;
        b.unit = unit;
        if (!axis.unit.empty() && axis.unit != unit)
            throw Error(ctx.sourceName, axis.path + "/unit", "\"" + unit + "\" (or no unit) for " + name,
                        "\"" + axis.unit + "\"");
        for (double v : axis.values)
            if (v < 0.0) throw Error(ctx.sourceName, axis.path, "values >= 0 for " + name, format::shortest(v));
        if (!fleet) {
            // A sweep over a fleet parameter without a fleet in the study: a constant fleet of one
            // device over 3 years, bought new, training per device.
            fleet = FleetOptions{};
        }
        if (name == "growth.rate_devices_per_year" && fleet->stock.model != GrowthModel::Linear)
            throw Error(ctx.sourceName, axis.path + "/parameter",
                        "a parameter of the study's fleet growth (" + std::string(growthModelId(fleet->stock.model)) +
                            ")",
                        "'" + name + "' (linear growth only)");
        if (name == "growth.rate_percent_per_year" && fleet->stock.model != GrowthModel::Exponential)
            throw Error(ctx.sourceName, axis.path + "/parameter",
                        "a parameter of the study's fleet growth (" + std::string(growthModelId(fleet->stock.model)) +
                            ")",
                        "'" + name + "' (exponential growth only)");
        if (name == "net.share_percent" && (!ctx.analysis.net || ctx.analysis.net->whatIfs.empty()))
            throw Error(ctx.sourceName, axis.path + "/parameter", "what-ifs in the analysis (\"net\": {\"what_ifs\"})",
                        "'" + name + "' without what-ifs");
        return b;
    }
    std::vector<std::size_t> idx = ctx.model.findInputs(axis.parameter);
    if (idx.empty()) rejectLegacyKey(ctx, axis.parameter, axis.path + "/parameter");
    if (idx.empty()) {
        std::string fleetNames;
        for (const auto& [name, unit] : fleetSweepParameters()) fleetNames += ", " + name;
        throw Error(ctx.sourceName, axis.path + "/parameter",
                    "an input key of this study's systems (list them with 'tinyfoot sweep --list-inputs') or a fleet "
                    "parameter" +
                        fleetNames,
                    "'" + axis.parameter + "'");
    }
    const ModelInput& in = ctx.model.inputs()[idx.front()];
    b.inputs = std::move(idx);
    b.toInternal = axis.unit.empty() ? in.toInternal : unitFor(in, axis.unit, ctx.sourceName, axis.path + "/unit");
    b.unit = axis.unit.empty() ? in.unit : axis.unit;
    for (double v : axis.values)
        if (v < 0.0) throw Error(ctx.sourceName, axis.path, "values >= 0 for '" + in.key + "'", format::shortest(v));
    return b;
}

void applyAxis(const BoundAxis& b, double v, std::vector<double>& values, std::optional<FleetOptions>& fleet,
               std::optional<double>& share) {
    if (!b.fleet) {
        for (auto i : b.inputs) values[i] = v * b.toInternal;
        return;
    }
    if (b.parameter == "fleet.devices") {
        fleet->stock = GrowthCurve::constant(v, fleet->startYear);
    } else if (b.parameter == "fleet.horizon_years") {
        fleet->horizonYears = static_cast<int>(std::lround(v));
    } else if (b.parameter == "growth.rate_devices_per_year") {
        fleet->stock.rateDevicesPerYear = v;
    } else if (b.parameter == "growth.rate_percent_per_year") {
        fleet->stock.ratePercentPerYear = v;
    } else if (b.parameter == "net.share_percent") {
        share = v;
    }
}

} // namespace

SweepReport runSweep(const StudyContext& ctx, const SweepSpec& spec, const RunControl& control,
                     const CategoryChoice* category) {
    SweepReport r;
    r.id = spec.id;
    r.x = spec.x;
    r.y = spec.y;
    for (std::size_t s = 0; s < ctx.model.systemCount(); ++s) r.systems.push_back(ctx.model.system(s).id);
    std::optional<FleetOptions> fleet = fleetOptions(ctx);
    const BoundAxis bx = bindAxis(ctx, spec.x, fleet);
    const std::optional<BoundAxis> by = spec.y ? std::optional<BoundAxis>(bindAxis(ctx, *spec.y, fleet)) : std::nullopt;
    r.x.unit = bx.unit;
    if (by) r.y->unit = by->unit;
    std::vector<const SectorTotal*> sectors;
    std::vector<double> shares;
    if (ctx.analysis.net && fleet) {
        for (const auto& w : ctx.analysis.net->whatIfs) {
            const SectorTotal* s = ctx.data.findSector(w.sector);
            if (!s)
                throw Error(ctx.sourceName, w.path + "/sector", "the id of a sector in data/sectors",
                            "'" + w.sector + "'");
            sectors.push_back(s);
            shares.push_back(w.sharePercent);
        }
    }
    const auto nominal = ctx.model.nominalValues();
    // Lines that are not products of inputs (physical models the flat model keeps opaque) cannot
    // follow an input: every point is then a full calculation, exact and still cheap at a
    // sweep's few points.
    std::optional<RecalculatingModel> recalc;
    if (!ctx.model.exact()) {
        recalc.emplace(ctx.model, std::vector<std::size_t>{}, nominal, std::vector<Metric>{});
        r.diagnostics.push_back({Severity::Note, "full-recalculation",
                                 "some lines are not products of inputs: every sweep point is a full calculation",
                                 ctx.sourceName});
        for (const BoundAxis* axis : {&bx, by ? &*by : nullptr}) {
            if (!axis) continue;
            for (auto i : axis->inputs)
                if (!recalc->settable(i))
                    r.diagnostics.push_back({Severity::Warning, "input-not-settable",
                                             "input '" + ctx.model.inputs()[i].key +
                                                 "' cannot be set in a full calculation; it stays at its value",
                                             ctx.sourceName});
        }
    }
    std::optional<ImpactModel> impacts;
    std::string unit = "kg_co2e";
    if (category) {
        impacts.emplace(ctx.model, *category, std::vector<std::size_t>{}, nominal, std::vector<Metric>{});
        unit = category->unit();
        for (std::size_t s = 0; s < ctx.model.systemCount(); ++s)
            addImpactDiagnostics(ctx.model.system(s).id, impacts->assess(s, nominal), r.diagnostics);
        sectors.clear();
        shares.clear();
    }
    const std::vector<double> ys = spec.y ? spec.y->values : std::vector<double>{0.0};
    const std::uint64_t total = spec.x.values.size() * ys.size();
    std::uint64_t done = 0;
    std::size_t point = 0;
    for (double yv : ys) {
        for (double xv : spec.x.values) {
            if (control.cancelled()) {
                r.partial = true;
                if (control.progress) control.progress(done, total);
                return r;
            }
            std::vector<double> values = nominal;
            std::optional<FleetOptions> f = fleet;
            std::optional<double> share;
            applyAxis(bx, xv, values, f, share);
            if (by) applyAxis(*by, yv, values, f, share);
            for (std::size_t s = 0; s < ctx.model.systemCount(); ++s) {
                const SystemParts p = recalc ? recalc->parts(s, values) : ctx.model.evaluate(s, values);
                const auto row = [&](std::string metric, double value) {
                    r.rows.push_back({point, xv, yv, s, std::move(metric), value});
                };
                // In a category, the point's parts in it; the fleet is simulated on the CO2e parts
                // (its devices and device-years) and applied to them (FleetResult::metric).
                const SystemParts shown = impacts ? impacts->parts(s, values) : p;
                row("total_" + unit, shown.total);
                if (ctx.model.stageSplitKnown(s)) {
                    row("embodied_" + unit, shown.embodied);
                    row("operational_" + unit, shown.operational);
                }
                if (!f) continue;
                const Duration life = seconds(values[ctx.model.lifetimeInput(s)]);
                const FleetResult fr = simulateFleet(DeviceFootprint::from(ctx.model.system(s).id, p, life), *f);
                if (impacts) {
                    double fleetTotal = 0.0;
                    for (const auto& mp : fr.metric(s).parts) fleetTotal += mp.weight * shown.of(mp.part);
                    row("fleet_total_" + unit, fleetTotal);
                    continue;
                }
                row("fleet_total_kg_co2e", inKgCo2e(fr.total));
                for (std::size_t w = 0; w < sectors.size(); ++w) {
                    const WhatIf wi =
                        whatIf(*sectors[w], share.value_or(shares[w]), fr.total, static_cast<double>(f->horizonYears));
                    const std::string tag = "[" + sectors[w]->id + " " + format::shortest(wi.sharePercent) + " %]";
                    row("net_kg_co2e" + tag, inKgCo2e(wi.net));
                    if (w == 0 || sectors[w] != sectors[w - 1])
                        row("break_even_share_percent[" + sectors[w]->id + "]", wi.breakEvenSharePercent);
                }
            }
            ++point;
            ++done;
            if (control.progress && (done % 256 == 0 || done == total)) control.progress(done, total);
        }
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Uncertainty and sensitivity

std::vector<CategoryFleet> fleetsInCategory(const StudyContext& ctx, const FleetReport& report,
                                            const CategoryChoice& category, std::vector<Diagnostic>& diagnostics) {
    std::vector<CategoryFleet> out;
    const auto nominal = ctx.model.nominalValues();
    const ImpactModel model(ctx.model, category, {}, nominal, {});
    for (std::size_t s = 0; s < report.fleets.size(); ++s) {
        const FleetResult& f = report.fleets[s];
        const auto [co2e, impacts] = model.assessBoth(s, nominal);
        const SystemParts parts = partsOf(co2e, impacts, category);
        CategoryFleet cf;
        cf.systemId = f.systemId;
        cf.unit = category.unit();
        cf.purchased = f.purchased;
        cf.deviceYears = f.deviceYears;
        cf.complete = completeIn(co2e, impacts, category);
        for (const auto& mp : f.metric(s).parts) {
            const double v = mp.weight * parts.of(mp.part);
            cf.total += v;
            if (mp.part == Part::Operational) cf.operational += v;
            else cf.embodied += v;
        }
        addImpactDiagnostics(f.systemId, impacts, diagnostics);
        out.push_back(cf);
    }
    return out;
}

namespace {

/// The index of the metric that is `system`'s total alone, if there is one.
std::optional<std::size_t> totalMetricOf(const std::vector<Metric>& metrics, std::size_t system) {
    for (std::size_t m = 0; m < metrics.size(); ++m)
        if (metrics[m].constant == 0.0 && metrics[m].parts.size() == 1 && metrics[m].parts[0].system == system &&
            metrics[m].parts[0].part == Part::Total && metrics[m].parts[0].weight == 1.0)
            return m;
    return std::nullopt;
}

/// Whether metric `m` is a difference A total - B total.
bool isDifference(const Metric& m) {
    return m.constant == 0.0 && m.parts.size() == 2 && m.parts[0].part == Part::Total &&
           m.parts[1].part == Part::Total && m.parts[0].weight == 1.0 && m.parts[1].weight == -1.0;
}

/// A model's outputs followed by the ratio of two of them per sample (A / B for each difference).
class WithRatios final : public VectorModel {
public:
    WithRatios(const VectorModel& inner, std::vector<std::pair<std::size_t, std::size_t>> ratios)
        : m_inner(inner), m_ratios(std::move(ratios)) {}
    std::size_t inputCount() const override { return m_inner.inputCount(); }
    std::size_t outputCount() const override { return m_inner.outputCount() + m_ratios.size(); }
    void evaluate(const double* const* columns, std::size_t n, double* const* outputs) const override {
        m_inner.evaluate(columns, n, outputs);
        const std::size_t first = m_inner.outputCount();
        for (std::size_t r = 0; r < m_ratios.size(); ++r) {
            const double* a = outputs[m_ratios[r].first];
            const double* b = outputs[m_ratios[r].second];
            double* out = outputs[first + r];
            for (std::size_t i = 0; i < n; ++i) {
                const double q = a[i] / b[i];
                out[i] = std::isfinite(q) ? q : 0.0; // B = 0: the ratio is undefined for the run
            }
        }
    }
    std::optional<std::vector<std::pair<double, double>>>
    outputBounds(const std::vector<std::pair<double, double>>& inputBounds) const override {
        auto bounds = m_inner.outputBounds(inputBounds);
        if (!bounds) return std::nullopt;
        constexpr double inf = std::numeric_limits<double>::infinity();
        for (const auto& [ia, ib] : m_ratios) {
            const auto [alo, ahi] = (*bounds)[ia];
            const auto [blo, bhi] = (*bounds)[ib];
            if (!(blo > 0.0 || bhi < 0.0)) {
                bounds->emplace_back(-inf, inf); // the Monte Carlo sizes it from a pilot block
                continue;
            }
            // x / y is monotone in each of x and y while y keeps its sign: the corners bound it.
            const double c[] = {alo / blo, alo / bhi, ahi / blo, ahi / bhi};
            bounds->emplace_back(*std::min_element(std::begin(c), std::end(c)),
                                 *std::max_element(std::begin(c), std::end(c)));
        }
        return bounds;
    }

private:
    const VectorModel& m_inner;
    std::vector<std::pair<std::size_t, std::size_t>> m_ratios;
};

} // namespace

UncertaintyReport runUncertainty(const StudyContext& ctx, const UncertaintySpec& spec, unsigned threads,
                                 const RunControl& control, const CategoryChoice* category) {
    UncertaintyReport r;
    r.inputs = chooseDistributions(ctx, spec, r.diagnostics);
    r.metrics = comparisonMetrics(ctx, spec, true);
    if (category) r.metrics = inCategory(ctx, std::move(r.metrics), *category, r.diagnostics);
    if (const auto fleet = fleetOptions(ctx)) {
        bool lifetimeVaries = false;
        for (const auto& c : r.inputs)
            lifetimeVaries = lifetimeVaries || ctx.model.inputs()[c.input].kind == InputKind::Lifetime;
        if (lifetimeVaries)
            r.diagnostics.push_back({Severity::Warning, "fleet-lifetime-nominal",
                                     "the fleet totals replace devices on the nominal lifetime; the sampled lifetime "
                                     "changes only each device's use stage",
                                     ctx.sourceName});
        for (std::size_t s = 0; s < ctx.model.systemCount(); ++s) {
            const auto device = DeviceFootprint::from(ctx.results[s], ctx.model.system(s).lifetime.duration());
            r.metrics.push_back(simulateFleet(device, *fleet).metric(s));
            if (category) r.metrics.back().unit = category->unit();
        }
    }
    const auto nominal = ctx.model.nominalValues();
    Runner runner = makeRunner(ctx, r.inputs, r.metrics, r.diagnostics, category);
    for (const auto& m : r.metrics)
        r.nominal.push_back(runner.impact ? runner.impact->evaluate(m, nominal) : ctx.model.evaluate(m, nominal));
    r.recalculated = !runner.plan.has_value();
    MonteCarloOptions o;
    o.samples = spec.samples;
    o.seed = spec.seed;
    o.threads = threads;
    o.histogramBins = spec.histogramBins;
    o.percentiles = spec.percentiles;
    std::vector<std::string> names;
    for (const auto& m : r.metrics) names.push_back(m.name);
    // The ratio A / B of each difference, sample by sample, as extra outputs of the same run.
    std::vector<std::pair<std::size_t, std::size_t>> ratioOutputs;
    for (std::size_t m = 0; m < r.metrics.size(); ++m) {
        if (!isDifference(r.metrics[m])) continue;
        const auto ia = totalMetricOf(r.metrics, r.metrics[m].parts[0].system);
        const auto ib = totalMetricOf(r.metrics, r.metrics[m].parts[1].system);
        if (!ia || !ib) continue;
        RatioSummary ratio;
        ratio.a = *ia;
        ratio.b = *ib;
        ratio.difference = m;
        ratio.nominal = r.nominal[*ib] != 0.0 ? r.nominal[*ia] / r.nominal[*ib] : std::nan("");
        r.ratios.push_back(ratio);
        ratioOutputs.emplace_back(*ia, *ib);
        names.push_back(ctx.model.system(r.metrics[m].parts[0].system).id + " / " +
                        ctx.model.system(r.metrics[m].parts[1].system).id);
    }
    if (ratioOutputs.empty()) {
        r.result = runMonteCarlo(runner.model(), runner.sampled, names, o, control);
        return r;
    }
    const WithRatios model(runner.model(), std::move(ratioOutputs));
    r.result = runMonteCarlo(model, runner.sampled, names, o, control);
    if (r.result.metrics.size() == r.metrics.size() + r.ratios.size()) {
        for (std::size_t k = 0; k < r.ratios.size(); ++k)
            r.ratios[k].summary = std::move(r.result.metrics[r.metrics.size() + k]);
        r.result.metrics.resize(r.metrics.size());
    } else {
        r.ratios.clear(); // an empty run
    }
    return r;
}

SensitivityReport runSensitivity(const StudyContext& ctx, const UncertaintySpec& distributions,
                                 const SensitivitySpec& spec, unsigned threads, const RunControl& control,
                                 const CategoryChoice* category) {
    SensitivityReport r;
    r.inputs = chooseDistributions(ctx, distributions, r.diagnostics);
    r.metrics = comparisonMetrics(ctx, distributions, false);
    if (category) r.metrics = inCategory(ctx, std::move(r.metrics), *category, r.diagnostics);
    Runner runner = makeRunner(ctx, r.inputs, r.metrics, r.diagnostics, category);
    r.recalculated = !runner.plan.has_value();
    std::vector<std::string> names;
    for (const auto& m : r.metrics) names.push_back(m.name);
    const auto nominalAll = ctx.model.nominalValues();
    std::vector<double> nominal;
    for (auto i : runner.varying) nominal.push_back(nominalAll[i]);
    if (spec.tornado) r.tornado = tornado(runner.model(), runner.sampled, nominal, names);
    if (spec.sobol)
        r.sobol = runSobol(runner.model(), runner.sampled, names, spec.samples, spec.seed, threads, control);
    return r;
}

namespace {

/// The (p, value) percentiles of A_i - B_j for independent draws: the convolution of the two
/// histograms, each coarsened to `bins` bins (mass at bin centres; samples outside a histogram's
/// range at its edges).
std::vector<std::pair<double, double>> independentPercentiles(const Histogram& ha, const Histogram& hb,
                                                              const std::vector<double>& ps, double& resolution) {
    constexpr std::size_t bins = 512;
    const Histogram a = ha.coarsened(bins);
    const Histogram b = hb.coarsened(bins);
    std::vector<std::pair<double, double>> out;
    auto masses = [](const Histogram& h) {
        std::vector<double> m(h.counts.begin(), h.counts.end());
        if (!m.empty()) {
            m.front() += static_cast<double>(h.below);
            m.back() += static_cast<double>(h.above);
        }
        return m;
    };
    const auto ma = masses(a), mb = masses(b);
    if (ma.empty() || mb.empty()) {
        for (double p : ps) out.emplace_back(p, 0.0);
        return out;
    }
    const double wa = a.binWidth(), wb = b.binWidth();
    const double lo = (a.lower + wa / 2) - (b.upper - wb / 2);
    const double hi = (a.upper - wa / 2) - (b.lower + wb / 2);
    const std::size_t outBins = 2 * bins;
    const double w = hi > lo ? (hi - lo) / static_cast<double>(outBins) : 0.0;
    std::vector<double> conv(outBins, 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < ma.size(); ++i) {
        if (ma[i] == 0.0) continue;
        const double xa = a.lower + wa * (static_cast<double>(i) + 0.5);
        for (std::size_t j = 0; j < mb.size(); ++j) {
            if (mb[j] == 0.0) continue;
            const double d = xa - (b.lower + wb * (static_cast<double>(j) + 0.5));
            std::size_t k = w > 0.0 ? static_cast<std::size_t>(std::max(0.0, (d - lo) / w)) : 0;
            k = std::min(k, outBins - 1);
            const double mass = ma[i] * mb[j];
            conv[k] += mass;
            total += mass;
        }
    }
    resolution = std::max({w, wa, wb});
    for (double p : ps) {
        const double target = std::clamp(p, 0.0, 100.0) / 100.0 * total;
        double cum = 0.0, value = hi;
        for (std::size_t k = 0; k < outBins; ++k) {
            if (conv[k] > 0.0 && cum + conv[k] >= target) {
                value = lo + w * (static_cast<double>(k) + (target - cum) / conv[k]);
                break;
            }
            cum += conv[k];
        }
        out.emplace_back(p, value);
    }
    return out;
}

/// The independent ratio A_i / B_j from A's and B's histograms (B one-signed over [bMin, bMax]).
/// Bin masses sit at their centres, clamped into the range the samples reached. When A is
/// one-signed too, the ratio's log magnitude log|A| - log|B| is accumulated on a uniform grid (a
/// convolution of the two log histograms), else A / B itself.
void independentRatio(const MetricSummary& sa, const MetricSummary& sb, const std::vector<double>& ps,
                      DifferenceComparison::Ratio& out) {
    constexpr std::size_t bins = 1024, outBins = 8192;
    const Histogram a = sa.histogram.coarsened(bins);
    const Histogram b = sb.histogram.coarsened(bins);
    struct Mass {
        double x, m;
    };
    auto masses = [](const Histogram& h, double lo, double hi) {
        std::vector<Mass> v;
        const double w = h.binWidth();
        for (std::size_t i = 0; i < h.counts.size(); ++i) {
            double m = static_cast<double>(h.counts[i]);
            if (i == 0) m += static_cast<double>(h.below);
            if (i + 1 == h.counts.size()) m += static_cast<double>(h.above);
            if (m > 0.0) v.push_back({std::clamp(h.lower + w * (static_cast<double>(i) + 0.5), lo, hi), m});
        }
        return v;
    };
    const auto ma = masses(a, sa.min, sa.max), mb = masses(b, sb.min, sb.max);
    out.independent.clear();
    if (ma.empty() || mb.empty()) return;
    // Moments: independent draws factor, E[A/B] = E[A] E[1/B], E[(A/B)^2] = E[A^2] E[1/B^2].
    double total = 0.0, inv = 0.0, inv2 = 0.0;
    for (const auto& [x, m] : mb) {
        total += m;
        inv += m / x;
        inv2 += m / (x * x);
    }
    inv /= total;
    inv2 /= total;
    const double a2 = sa.sd * sa.sd + sa.mean * sa.mean;
    out.independentMean = sa.mean * inv;
    out.independentSd = std::sqrt(std::max(0.0, a2 * inv2 - out.independentMean * out.independentMean));

    const bool logGrid = sa.min > 0.0 || sa.max < 0.0;
    const double sign = logGrid && ((sa.min > 0.0) != (sb.min > 0.0)) ? -1.0 : 1.0;
    std::vector<double> ta, tb; // log|x| on a log grid, else x and 1/x
    for (const auto& [x, m] : ma) ta.push_back(logGrid ? std::log(std::fabs(x)) : x);
    for (const auto& [x, m] : mb) tb.push_back(logGrid ? -std::log(std::fabs(x)) : 1.0 / x);
    const auto [aLo, aHi] = std::minmax_element(ta.begin(), ta.end());
    const auto [bLo, bHi] = std::minmax_element(tb.begin(), tb.end());
    double lo = 0.0, hi = 0.0;
    if (logGrid) {
        lo = *aLo + *bLo;
        hi = *aHi + *bHi;
    } else {
        const double c[] = {*aLo * *bLo, *aLo * *bHi, *aHi * *bLo, *aHi * *bHi};
        lo = *std::min_element(std::begin(c), std::end(c));
        hi = *std::max_element(std::begin(c), std::end(c));
    }
    const double w = hi > lo ? (hi - lo) / static_cast<double>(outBins) : 0.0;
    std::vector<double> grid(outBins, 0.0);
    double sum = 0.0;
    for (std::size_t i = 0; i < ma.size(); ++i)
        for (std::size_t j = 0; j < mb.size(); ++j) {
            const double t = logGrid ? ta[i] + tb[j] : ta[i] * tb[j];
            std::size_t k = w > 0.0 ? static_cast<std::size_t>(std::max(0.0, (t - lo) / w)) : 0;
            k = std::min(k, outBins - 1);
            const double m = ma[i].m * mb[j].m;
            grid[k] += m;
            sum += m;
        }
    auto gridPercentile = [&](double p) {
        const double target = std::clamp(p, 0.0, 100.0) / 100.0 * sum;
        double cum = 0.0;
        for (std::size_t k = 0; k < outBins; ++k) {
            if (grid[k] > 0.0 && cum + grid[k] >= target)
                return lo + w * (static_cast<double>(k) + (target - cum) / grid[k]);
            cum += grid[k];
        }
        return hi;
    };
    double largest = 0.0;
    for (double p : ps) {
        // A negative ratio runs the other way round its log magnitude.
        const double v = logGrid ? sign * std::exp(gridPercentile(sign > 0 ? p : 100.0 - p)) : gridPercentile(p);
        out.independent.emplace_back(p, v);
        largest = std::max(largest, std::fabs(v));
    }
    // Error bound: a bin centre is at most half a bin from its samples, the grid one bin wide.
    const double minA = std::min(std::fabs(sa.min), std::fabs(sa.max));
    const double minB = std::min(std::fabs(sb.min), std::fabs(sb.max));
    const double maxA = std::max(std::fabs(sa.min), std::fabs(sa.max));
    const double ha = a.binWidth() / 2.0, hb = b.binWidth() / 2.0;
    if (logGrid) out.resolution = largest * std::expm1(ha / minA + hb / minB + w);
    else out.resolution = ha / minB + maxA * hb / (minB * minB) + w;
}

} // namespace

std::vector<DifferenceComparison> compareDifferences(const UncertaintyReport& report, const FlatModel& model) {
    std::vector<DifferenceComparison> out;
    const auto& metrics = report.metrics;
    const auto& summaries = report.result.metrics;
    for (std::size_t m = 0; m < metrics.size() && m < summaries.size(); ++m) {
        const auto& parts = metrics[m].parts;
        if (!isDifference(metrics[m])) continue;
        const auto ia = totalMetricOf(metrics, parts[0].system), ib = totalMetricOf(metrics, parts[1].system);
        if (!ia || !ib || *ia >= summaries.size() || *ib >= summaries.size()) continue;
        const MetricSummary& d = summaries[m];
        const MetricSummary& sa = summaries[*ia];
        const MetricSummary& sb = summaries[*ib];
        DifferenceComparison c;
        c.a = model.system(parts[0].system).id;
        c.b = model.system(parts[1].system).id;
        c.metric = m;
        c.pairedMean = d.mean;
        c.pairedSd = d.sd;
        c.paired = d.percentiles;
        c.independentMean = sa.mean - sb.mean;
        c.independentSd = std::sqrt(sa.sd * sa.sd + sb.sd * sb.sd);
        std::vector<double> ps;
        for (const auto& [p, v] : d.percentiles) ps.push_back(p);
        c.independent = independentPercentiles(sa.histogram, sb.histogram, ps, c.resolution);
        c.resolution = std::max(c.resolution, d.percentileResolution);
        if (!c.paired.empty()) {
            const double pw = c.paired.back().second - c.paired.front().second;
            const double iw = c.independent.back().second - c.independent.front().second;
            c.widthRatio = pw > 0.0 ? iw / pw : std::numeric_limits<double>::infinity();
        }
        for (const RatioSummary& rs : report.ratios) {
            if (rs.difference != m) continue;
            auto& q = c.ratio;
            q.nominal = rs.nominal;
            if (sb.samples == 0 || (sb.min <= 0.0 && sb.max >= 0.0)) {
                q.undefinedReason = c.b + "'s total reaches 0 in this run (from " + format::shortestRounded(sb.min) +
                                    " to " + format::shortestRounded(sb.max) + "): A / B is unbounded";
                break;
            }
            q.defined = true;
            q.pairedMean = rs.summary.mean;
            q.pairedSd = rs.summary.sd;
            q.paired = rs.summary.percentiles;
            independentRatio(sa, sb, ps, q);
            q.resolution = std::max(q.resolution, rs.summary.percentileResolution);
            if (!q.paired.empty() && q.independent.size() == q.paired.size()) {
                const double pw = q.paired.back().second - q.paired.front().second;
                const double iw = q.independent.back().second - q.independent.front().second;
                q.widthRatio = pw > 0.0 ? iw / pw : std::numeric_limits<double>::infinity();
            }
            break;
        }
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace tinyfoot::study
