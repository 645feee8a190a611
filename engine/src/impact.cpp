#include "tinyfoot/engine/impact.h"

#include "json_reader.h"

#include "tinyfoot/engine/format/number.h"

#include <set>
#include <utility>

namespace tinyfoot {

using namespace detail;

namespace {

constexpr std::array<ImpactCategoryInfo, kImpactCategories> kCategories{{
    {ImpactCategory::Adpe, "adpe", "Resource use, minerals and metals (ADPe)", "kg_sb_eq"},
    {ImpactCategory::Adpf, "adpf", "Resource use, fossils (ADPf)", "MJ"},
    {ImpactCategory::Pe, "pe", "Primary energy, total", "MJ"},
    {ImpactCategory::Wu, "wu", "Water use (deprivation-weighted)", "m3_world_eq"},
    {ImpactCategory::Fw, "fw", "Net use of fresh water", "m3"},
    {ImpactCategory::Ap, "ap", "Acidification", "mol_h_plus_eq"},
    {ImpactCategory::Pm, "pm", "Particulate matter", "disease_incidence"},
    {ImpactCategory::Ir, "ir", "Ionising radiation, human health", "kbq_u235_eq"},
    {ImpactCategory::Lu, "lu", "Land use", "pt"},
    {ImpactCategory::Odp, "odp", "Ozone depletion", "kg_cfc11_eq"},
    {ImpactCategory::Pocp, "pocp", "Photochemical ozone formation, human health", "kg_nmvoc_eq"},
    {ImpactCategory::Ctue, "ctue", "Ecotoxicity, freshwater", "ctue"},
    {ImpactCategory::CtuhC, "ctuh_c", "Human toxicity, cancer", "ctuh"},
    {ImpactCategory::CtuhNc, "ctuh_nc", "Human toxicity, non-cancer", "ctuh"},
    {ImpactCategory::Epf, "epf", "Eutrophication, freshwater", "kg_p_eq"},
    {ImpactCategory::Epm, "epm", "Eutrophication, marine", "kg_n_eq"},
    {ImpactCategory::Ept, "ept", "Eutrophication, terrestrial", "mol_n_eq"},
}};

std::size_t index(ImpactCategory c) { return static_cast<std::size_t>(c); }

/// {"adpe": 1.2e-7, ...}: any of the set's categories, each a finite number >= 0.
ImpactValues readValues(const Node& n, const std::vector<ImpactCategory>& categories, bool allRequired) {
    ImpactValues v;
    ObjectReader o = n.object();
    for (const auto c : categories) {
        const std::string id(impactCategoryInfo(c).id);
        if (allRequired) v[index(c)] = o.required(id).nonNegative();
        else if (auto x = o.optional(id)) v[index(c)] = x->nonNegative();
    }
    o.finish();
    return v;
}

/// Adds `v` to `acc` as category I's own quantity: a category is only ever summed with itself.
template <std::size_t I>
void addTo(std::array<double, kImpactCategories>& acc, double v) {
    using Q = units::ImpactQuantity<units::kImpactOrdinal + static_cast<int>(I)>;
    Q sum = units::impact<units::kImpactOrdinal + static_cast<int>(I)>(acc[I]);
    sum += units::impact<units::kImpactOrdinal + static_cast<int>(I)>(v);
    acc[I] = sum.value();
}

template <std::size_t... I>
void addEach(std::array<double, kImpactCategories>& acc, const ImpactValues& v, std::index_sequence<I...>) {
    ((v[I] ? addTo<I>(acc, *v[I]) : void()), ...);
}

void add(std::array<double, kImpactCategories>& acc, const ImpactValues& v) {
    addEach(acc, v, std::make_index_sequence<kImpactCategories>{});
}

ImpactValues scaled(const ImpactValues& v, double k) {
    ImpactValues out;
    for (std::size_t i = 0; i < kImpactCategories; ++i)
        if (v[i]) out[i] = *v[i] * k;
    return out;
}

ImpactValues zeros() {
    ImpactValues v;
    v.fill(0.0);
    return v;
}

const Amount* amountNamed(const LineResult& line, std::string_view name) {
    for (const auto& [n, a] : line.amounts)
        if (n == name) return &a;
    return nullptr;
}

std::string levelName(const Component& c) { return "HSL-" + std::to_string(c.hsl.level); }

} // namespace

const std::array<ImpactCategoryInfo, kImpactCategories>& impactCategories() { return kCategories; }

const ImpactCategoryInfo& impactCategoryInfo(ImpactCategory c) { return kCategories[index(c)]; }

std::optional<ImpactCategory> impactCategoryFromId(std::string_view id) {
    for (const auto& info : kCategories)
        if (info.id == id) return info.category;
    return std::nullopt;
}

const ImpactSet::HslBlock* ImpactSet::findHsl(Block block, int level) const {
    for (const auto& b : hslBlocks)
        if (b.block == block && b.level == level) return &b;
    return nullptr;
}

const ImpactSet::Electricity* ImpactSet::findGrid(std::string_view grid) const {
    for (const auto& e : electricity)
        if (e.grid == grid) return &e;
    return nullptr;
}

std::string readableUnit(std::string_view fileUnit) {
    static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
        {"kg_co2e", "kg CO2e"},
        {"kg_sb_eq", "kg Sb eq."},
        {"m3_world_eq", "m³ world eq."},
        {"m3", "m³"},
        {"mol_h_plus_eq", "mol H+ eq."},
        {"disease_incidence", "disease incidence"},
        {"kbq_u235_eq", "kBq U235 eq."},
        {"kg_cfc11_eq", "kg CFC-11 eq."},
        {"kg_nmvoc_eq", "kg NMVOC eq."},
        {"ctue", "CTUe"},
        {"ctuh", "CTUh"},
        {"kg_p_eq", "kg P eq."},
        {"kg_n_eq", "kg N eq."},
        {"mol_n_eq", "mol N eq."},
    };
    for (const auto& [word, readable] : kWords)
        if (word == fileUnit) return std::string(readable);
    return std::string(fileUnit);
}

ImpactSet loadImpactSet(std::istream& in, const std::string& sourceName) {
    const Json json = parseDocument(in, sourceName);
    ObjectReader root = documentRoot(json, sourceName, "tinyfoot.impact_set");
    ImpactSet set;
    set.sourceFile = sourceName;
    set.id = identifier(root.required("id"));
    set.name = root.required("name").nonEmptyString();
    set.description = optionalString(root, "description");
    set.sources = readSources(root, SourcesRule::Required);

    // The categories: each a category TinyFoot knows, in its unit, once.
    std::vector<ImpactCategory> categories;
    for (const Node& n : root.required("categories").nonEmptyArray()) {
        ObjectReader o = n.object();
        const Node idNode = o.required("id");
        const std::string id = idNode.string();
        const auto c = impactCategoryFromId(id);
        if (!c) {
            std::string known;
            for (const auto& info : kCategories) known += (known.empty() ? "" : ", ") + std::string(info.id);
            idNode.fail("a category id (" + known + ")");
        }
        for (const auto seen : categories)
            if (seen == *c) idNode.fail("a category not listed before", "'" + id + "' again");
        (void)o.required("name").nonEmptyString();
        const Node unitNode = o.required("unit");
        if (unitNode.string() != impactCategoryInfo(*c).unit)
            unitNode.fail("\"" + std::string(impactCategoryInfo(*c).unit) + "\", the unit of " + id);
        o.finish();
        categories.push_back(*c);
    }

    std::set<std::pair<Block, int>> seenBlocks;
    for (const Node& n : root.required("hsl_blocks").array()) {
        ObjectReader o = n.object();
        ImpactSet::HslBlock b;
        const Node blockNode = o.required("block");
        const auto block = blockFromId(blockNode.string());
        if (!block) blockNode.fail("a functional block id");
        b.block = *block;
        const Node levelNode = o.required("level");
        b.level = levelNode.integer(0, 3);
        if (!seenBlocks.insert({b.block, b.level}).second)
            levelNode.fail("a block and level not listed before",
                           blockNode.string() + " HSL-" + std::to_string(b.level));
        b.fabrication = readValues(o.required("fabrication"), categories, true);
        b.endOfLife = readValues(o.required("end_of_life"), categories, true);
        o.finish();
        set.hslBlocks.push_back(b);
    }
    std::set<std::string> seenGrids;
    for (const Node& n : root.required("electricity").array()) {
        ObjectReader o = n.object();
        ImpactSet::Electricity e;
        e.grid = uniqueIdentifier(o.required("grid"), seenGrids, "a grid id not listed before");
        e.country = o.required("country").nonEmptyString();
        e.perKwh = readValues(o.required("per_kwh"), categories, false);
        o.finish();
        set.electricity.push_back(std::move(e));
    }
    if (auto n = root.optional("ic_die")) {
        ObjectReader o = n->object();
        ImpactSet::IcDie d;
        const Node perNode = o.required("per");
        d.per = perNode.amount(Dimension::Area);
        if (!(d.per.internal > 0.0)) perNode.fail("an area greater than 0");
        d.values = readValues(o.required("values"), categories, false);
        d.basis = o.required("basis").nonEmptyString();
        d.note = optionalString(o, "note");
        d.sources = readSources(o, SourcesRule::Required);
        o.finish();
        set.icDie = std::move(d);
    }
    root.finish();
    return set;
}

ImpactResult assessImpacts(const System& system, const Result& result, const ImpactSet& set, const HslCatalogue* hsl) {
    ImpactResult r;
    r.systemId = system.id;
    r.impactSet = set.id;
    r.complete.fill(true);
    for (auto& st : r.stageComplete) st.fill(true);
    const auto missing = [&](const Component& c, const std::string& why) {
        r.diagnostics.push_back({Severity::Warning, "missing-category",
                                 c.name + ": no figure in the impact categories (" + why + ")", c.id});
    };
    for (std::size_t ci = 0; ci < system.components.size() && ci < result.components.size(); ++ci) {
        const Component& c = system.components[ci];
        const ComponentResult& cr = result.components[ci];
        if (!c.enabled) continue;
        ComponentImpacts out;
        out.id = c.id;
        out.name = c.name;
        out.block = c.block;
        switch (c.method) {
        case Method::Hsl: {
            const auto* row = set.findHsl(c.block, c.hsl.level);
            const HslLevel* level = hsl ? hsl->find(c.block, c.hsl.level) : nullptr;
            const std::string what = std::string(blockId(c.block)) + " " + levelName(c);
            if (row) {
                out.lines.push_back({set.id + " " + what + ", fabrication", Stage::Production, row->fabrication});
                out.lines.push_back({set.id + " " + what + ", end of life", Stage::EndOfLife, row->endOfLife});
            } else if (level && level->items.empty() && !level->transportMass && level->legs.empty()) {
                // A level with no hardware (HSL-0 of an absent block): nothing to make or discard.
                out.lines.push_back({what + ": no hardware at this level", Stage::Production, zeros()});
            } else {
                missing(c, set.id + " has no figures for " + what);
            }
            break;
        }
        case Method::UsePower: {
            const LineResult* line = cr.lines.empty() ? nullptr : &cr.lines.front();
            if (c.use.supply == Supply::Primary) {
                out.lines.push_back({"no grid electricity (primary cells)", Stage::Use, zeros()});
                break;
            }
            const Amount* energy = line ? amountNamed(*line, "grid energy") : nullptr;
            if (!energy && line) energy = amountNamed(*line, "device energy"); // no supply losses
            const auto* grid = set.findGrid(c.grid);
            if (!line || !energy || c.use.gridKgPerKwh || (c.use.trajectory && !c.use.trajectory->points.empty())) {
                missing(c, "its grid is the user's own intensity or trajectory, which has no other categories");
                break;
            }
            if (!grid) {
                missing(c, set.id + " has no electricity figures for '" + c.grid + "'");
                break;
            }
            const double kwh = units::inKilowattHours(energy->energy());
            out.lines.push_back({format::shortestRounded(kwh) + " kWh x electricity " + grid->country, Stage::Use,
                                 scaled(grid->perKwh, kwh)});
            if (c.use.trajectory)
                r.diagnostics.push_back({Severity::Note, "trajectory-co2e-only",
                                         c.name +
                                             ": the grid trajectory changes the CO2e intensity only; the other "
                                             "categories take " +
                                             grid->country + "'s electricity as " + set.id + " gives it",
                                         c.id});
            break;
        }
        case Method::Ic: {
            if (!set.icDie) {
                missing(c, set.id + " has no figures per die area");
                break;
            }
            // The dies by area; packages and memory parts have no figure (unknown, not zero).
            const auto& d = *set.icDie;
            for (const auto& die : c.ic.dies) {
                const double units = die.area.internal * die.count / d.per.internal;
                out.lines.push_back({d.basis + ", die " + die.name + ": " + format::shortestRounded(die.area.value) +
                                         " " + die.area.unit + " x " + format::shortestRounded(die.count),
                                     cr.stage, scaled(d.values, units)});
            }
            for (const auto& m : c.ic.memory)
                out.lines.push_back({"memory " + m.name + ": no figure", cr.stage, ImpactValues{}});
            double dies = 0.0;
            for (const auto& die : c.ic.dies) dies += die.count;
            for (const auto& m : c.ic.memory) dies += m.count;
            const double packages = c.ic.packages.value_or(dies);
            if (packages > 0.0)
                out.lines.push_back(
                    {format::shortestRounded(packages) + " package(s): no figure", cr.stage, ImpactValues{}});
            missing(c, set.id + " has figures per die area (" + d.basis +
                           ") in some categories only; IC packages and memory parts have none");
            break;
        }
        case Method::Training: {
            // The same electricity as the CO2e line (energy x PUE x trainings / devices), costed
            // with the site grid's per-kWh figures.
            const LineResult* line = cr.lines.empty() ? nullptr : &cr.lines.front();
            const Amount* energy = line ? amountNamed(*line, "energy") : nullptr;
            const auto* grid = set.findGrid(c.training.grid);
            if (!energy) {
                missing(c, "no training energy");
                break;
            }
            if (!grid) {
                missing(c, set.id + " has no electricity figures for '" + c.training.grid + "'");
                break;
            }
            const TrainingModel& t = c.training;
            const double kwh = units::inKilowattHours(energy->energy()) * t.pue * t.trainings / t.devices;
            out.lines.push_back({format::shortestRounded(kwh) + " kWh per device x electricity " + grid->country,
                                 cr.stage, scaled(grid->perKwh, kwh)});
            break;
        }
        default: missing(c, std::string(methodId(c.method)) + " components are costed in CO2e only"); break;
        }
        // The component's total: a category is known when every line has it (and a line exists).
        for (std::size_t i = 0; i < kImpactCategories; ++i) {
            if (out.lines.empty()) continue;
            double sum = 0.0;
            bool known = true;
            for (const auto& l : out.lines) {
                if (!l.values[i]) known = false;
                else sum += *l.values[i];
            }
            if (known) out.total[i] = sum;
        }
        for (std::size_t i = 0; i < kImpactCategories; ++i) {
            if (!out.total[i]) r.complete[i] = false;
            if (out.lines.empty()) r.stageComplete[static_cast<std::size_t>(cr.stage)][i] = false;
            for (const auto& l : out.lines)
                if (!l.values[i]) r.stageComplete[static_cast<std::size_t>(l.stage)][i] = false;
        }
        // A component counts in a category only whole: its lines go to the stages in the categories
        // its total is known in, so that the stages add up to the total.
        for (const auto& l : out.lines) {
            ImpactValues known = l.values;
            for (std::size_t i = 0; i < kImpactCategories; ++i)
                if (!out.total[i]) known[i].reset();
            add(r.byStage[static_cast<std::size_t>(l.stage)], known);
        }
        add(r.total, out.total);
        r.components.push_back(std::move(out));
    }
    return r;
}

} // namespace tinyfoot
