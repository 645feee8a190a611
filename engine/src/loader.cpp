#include "tinyfoot/engine/loader.h"

#include "json_reader.h"
#include "tinyfoot/engine/format/number.h"

#include <cmath>
#include <set>

namespace tinyfoot {

using detail::choice;
using detail::derivation;
using detail::fraction;
using detail::identifier;
using detail::Node;
using detail::ObjectReader;
using detail::optionalString;
using detail::positive;
using detail::readSources;
using detail::SourcesRule;

namespace {

std::vector<Flag> readFlags(ObjectReader& o) {
    std::vector<Flag> out;
    if (auto fl = o.optional("flags")) {
        for (const Node& n : fl->array()) {
            const auto f = flagFromId(n.string());
            if (!f) n.fail("one of extrapolated, conflicting-sources, inherited");
            out.push_back(*f);
        }
    }
    return out;
}

TableProvenance readProvenance(ObjectReader& o, const std::string& setId) {
    TableProvenance p;
    p.sources = readSources(o, SourcesRule::Required);
    p.year = o.required("year").integer(1900, 2100);
    p.licence = o.required("licence").nonEmptyString();
    p.note = optionalString(o, "note");
    p.derivation = derivation(o.required("derivation"));
    p.origin = setId;
    return p;
}

void readTables(const Node& node, FactorSet& set) {
    ObjectReader t = node.object();
    if (auto pn = t.optional("process_nodes")) {
        ObjectReader po = pn->object();
        ProcessNodeTable table;
        table.provenance = readProvenance(po, set.id);
        table.packageKgCo2e = po.required("package_kg_co2e").nonNegative();
        table.defaultYield = fraction(po.required("default_yield"));
        table.defectDensityPerCm2 = po.required("defect_density_per_cm2").nonNegative();
        table.extrapolationRule = po.required("extrapolation").nonEmptyString();
        for (const Node& rn : po.required("rows").nonEmptyArray()) {
            ObjectReader ro = rn.object();
            ProcessNode row;
            const Node nm = ro.required("node_nm");
            row.nanometres = positive(nm);
            if (!table.nodes.empty() && row.nanometres <= table.nodes.back().nanometres)
                nm.fail("a node larger than the row before (rows ascend by node)");
            row.energyKwhPerCm2 = ro.required("epa_kwh_per_cm2").nonNegative();
            row.gas95GPerCm2 = ro.required("gpa_95_g_per_cm2").nonNegative();
            row.gas99GPerCm2 = ro.required("gpa_99_g_per_cm2").nonNegative();
            row.materialsGPerCm2 = ro.required("mpa_g_per_cm2").nonNegative();
            ro.finish();
            table.nodes.push_back(row);
        }
        po.finish();
        set.processNodes = std::move(table);
    }
    if (auto mn = t.optional("memory")) {
        ObjectReader mo = mn->object();
        MemoryTable table;
        table.provenance = readProvenance(mo, set.id);
        std::set<std::string> ids;
        for (const Node& rn : mo.required("rows").nonEmptyArray()) {
            ObjectReader ro = rn.object();
            MemoryTechnology m;
            m.id = uniqueIdentifier(ro.required("id"), ids, "a memory technology id not used before");
            const Node kind = ro.required("kind");
            m.kind = kind.string();
            if (m.kind != "dram" && m.kind != "flash") kind.fail("\"dram\" or \"flash\"");
            m.gPerGb = ro.required("g_co2e_per_gb").nonNegative();
            ro.finish();
            table.rows.push_back(std::move(m));
        }
        mo.finish();
        set.memory = std::move(table);
    }
    if (auto bn = t.optional("batteries")) {
        std::set<std::string> ids;
        for (const Node& rn : bn->nonEmptyArray()) {
            ObjectReader ro = rn.object();
            BatteryChemistry b;
            b.id = uniqueIdentifier(ro.required("id"), ids, "a battery chemistry id not used before");
            b.name = ro.required("name").nonEmptyString();
            const Node kg = ro.required("kg_co2e_per_kwh");
            b.kgPerKwh = kg.nonNegative();
            if (auto r = ro.optional("range")) b.range = detail::range(*r, kg, b.kgPerKwh);
            if (auto w = ro.optional("wh_per_kg")) b.whPerKg = positive(*w);
            b.rechargeable = ro.required("rechargeable").boolean();
            b.provenance = readProvenance(ro, set.id);
            ro.finish();
            set.batteries.push_back(std::move(b));
        }
    }
    t.finish();
}

Block readBlock(const Node& n) {
    const std::string id = n.string();
    if (auto b = blockFromId(id)) return *b;
    std::string known;
    for (auto b : kAllBlocks) known += (known.empty() ? "" : ", ") + std::string(blockId(b));
    n.fail("a block id (" + known + ")");
}

const std::vector<Dimension> kItemDimensions{Dimension::Mass, Dimension::Area, Dimension::Length, Dimension::Count,
                                             Dimension::Energy};

RangedAmount readRanged(const Node& n, const std::vector<Dimension>& allowed) {
    ObjectReader o = n.object();
    const Node unitNode = o.required("unit");
    const std::string unit = unitNode.string();
    const auto info = findUnit(unit);
    bool ok = false;
    std::string units;
    for (auto d : allowed) {
        ok = ok || (info && info->dimension == d);
        units += (units.empty() ? "" : ", ") + acceptedUnits(d);
    }
    if (!ok) unitNode.fail("one of " + units);
    RangedAmount r;
    const Node lo = o.required("lower");
    const Node ty = o.required("typical");
    const Node up = o.required("upper");
    r.lower = Amount::make(lo.nonNegative(), *info);
    r.typical = Amount::make(ty.nonNegative(), *info);
    r.upper = Amount::make(up.nonNegative(), *info);
    if (r.typical.value < r.lower.value) ty.fail("a typical value >= the lower value");
    if (r.upper.value < r.typical.value) up.fail("an upper value >= the typical value");
    o.finish();
    return r;
}

/// A grid: a factor id, or the user's own intensity {"value", "unit": "kg_co2e/kWh", "sources"}.
void readGrid(const Node& n, Component& c) {
    if (n.json().is_string()) {
        c.grid = identifier(n);
        return;
    }
    ObjectReader go = n.object();
    const Node unitNode = go.required("unit");
    const auto fu = findFactorUnit(unitNode.string());
    if (!fu || fu->per != Dimension::Energy) unitNode.fail("a CO2e-per-energy unit such as kg_co2e/kWh or g_co2e/kWh");
    c.use.gridKgPerKwh = go.required("value").nonNegative() * fu->toInternal * units::kKilowattHourInJ;
    c.use.gridSources = readSources(go, SourcesRule::Required);
    go.finish();
}

GridTrajectory readTrajectory(const Node& n) {
    ObjectReader o = n.object();
    GridTrajectory t;
    t.startYear = o.required("start_year").integer(1900, 2200);
    if (o.has("annual_change_percent") == o.has("points"))
        n.fail("exactly one of the members annual_change_percent, points");
    if (auto a = o.optional("annual_change_percent")) {
        const double v = a->number();
        if (v <= -100.0 || v > 100.0) a->fail("a percentage in (-100, 100]");
        t.annualChangePercent = v;
    }
    if (auto pts = o.optional("points")) {
        for (const Node& pn : pts->nonEmptyArray()) {
            ObjectReader po = pn.object();
            GridPoint p;
            const Node y = po.required("year");
            p.year = y.integer(1900, 2200);
            if (!t.points.empty() && p.year <= t.points.back().year) y.fail("a year after the point before");
            p.kgPerKwh = po.required("kg_co2e_per_kwh").nonNegative();
            po.finish();
            t.points.push_back(p);
        }
    }
    o.finish();
    return t;
}

void readUse(const Node& u, Component& c) {
    ObjectReader uo = u.object();
    int kinds = 0;
    for (const char* key : {"power", "profile", "inference"})
        if (uo.has(key)) ++kinds;
    if (kinds != 1) u.fail("exactly one of the members power, profile, inference", std::to_string(kinds) + " of them");
    if (auto p = uo.optional("power")) {
        c.use.kind = UseModel::Kind::Power;
        c.power = p->amount(Dimension::Power);
    } else if (auto pr = uo.optional("profile")) {
        c.use.kind = UseModel::Kind::DutyCycle;
        double sum = 0.0;
        for (const Node& sn : pr->nonEmptyArray()) {
            ObjectReader so = sn.object();
            PowerState st;
            st.name = so.required("state").nonEmptyString();
            st.power = so.required("power").amount(Dimension::Power);
            st.fraction = fraction(so.required("fraction"));
            so.finish();
            sum += st.fraction;
            c.use.states.push_back(std::move(st));
        }
        if (std::fabs(sum - 1.0) > 1e-9)
            pr->fail("state fractions that sum to 1", "fractions summing to " + detail::describe(sum));
    } else if (auto in = uo.optional("inference")) {
        c.use.kind = UseModel::Kind::Inference;
        ObjectReader io = in->object();
        if (io.has("measurement") == io.has("energy"))
            in->fail("exactly one of the members energy (per inference), measurement (a harness results file)");
        if (auto e = io.optional("energy")) c.use.energyPerInference = e->amount(Dimension::Energy);
        if (auto m = io.optional("measurement")) c.use.measurementFile = m->nonEmptyString();
        c.use.inferenceRate = io.required("rate").amount(Dimension::Rate);
        if (auto ip = io.optional("idle_power")) c.use.idlePower = ip->amount(Dimension::Power);
        else if (c.use.measurementFile.empty()) c.use.idlePower = io.required("idle_power").amount(Dimension::Power);
        else c.use.idlePower.dimension = Dimension::Co2e; // marker: take the idle power from the measurement
        io.finish();
    }
    if (auto d = uo.optional("duration")) c.duration = d->amount(Dimension::Duration);
    if (auto sp = uo.optional("supply")) {
        ObjectReader so = sp->object();
        const Node path = so.required("path");
        c.use.supply = choice(path, {Supply::Mains, Supply::Battery, Supply::Primary}, supplyId);
        if (auto e = so.optional("efficiency")) c.use.efficiency = fraction(*e);
        so.finish();
    }
    if (auto g = uo.optional("grid")) readGrid(*g, c);
    else if (c.use.supply != Supply::Primary) uo.required("grid"); // throws: a grid is needed
    if (auto t = uo.optional("grid_trajectory")) c.use.trajectory = readTrajectory(*t);
    uo.finish();
}

void readIc(const Node& n, Component& c) {
    ObjectReader o = n.object();
    IcModel& ic = c.ic;
    ic.nodeNm = positive(o.required("node_nm"));
    ic.fabGrid = identifier(o.required("fab_grid"));
    if (auto g = o.optional("gas_abatement")) {
        ic.gasAbatement =
            choice(*g, {GasAbatement::Percent95, GasAbatement::Percent99, GasAbatement::Mean}, gasAbatementId);
    }
    if (auto y = o.optional("yield")) {
        if (y->json().is_number()) {
            ic.yield = fraction(*y);
        } else {
            ObjectReader yo = y->object();
            const Node model = yo.required("model");
            ic.yieldModel = choice(model, {YieldModel::Poisson, YieldModel::Murphy}, yieldModelId);
            if (auto d = yo.optional("defect_density_per_cm2")) ic.defectDensityPerCm2 = d->nonNegative();
            yo.finish();
        }
    }
    if (!o.has("dies") && !o.has("memory")) n.fail("at least one of the members dies, memory");
    if (auto ds = o.optional("dies")) {
        for (const Node& dn : ds->nonEmptyArray()) {
            ObjectReader dox = dn.object();
            Die d;
            d.name = dox.required("name").nonEmptyString();
            d.area = dox.required("area").amount(Dimension::Area);
            if (auto k = dox.optional("count")) d.count = k->nonNegative();
            if (auto nm = dox.optional("node_nm")) d.nodeNm = positive(*nm);
            dox.finish();
            ic.dies.push_back(std::move(d));
        }
    }
    if (auto ms = o.optional("memory")) {
        for (const Node& mn : ms->nonEmptyArray()) {
            ObjectReader mo = mn.object();
            MemoryPart m;
            m.name = mo.required("name").nonEmptyString();
            m.technology = identifier(mo.required("technology"));
            m.capacity = mo.required("capacity").amount(Dimension::Data);
            if (auto k = mo.optional("count")) m.count = k->nonNegative();
            mo.finish();
            ic.memory.push_back(std::move(m));
        }
    }
    if (auto p = o.optional("packages")) ic.packages = p->nonNegative();
    o.finish();
}

void readBattery(const Node& n, Component& c) {
    ObjectReader o = n.object();
    BatteryModel& b = c.battery;
    b.chemistry = identifier(o.required("chemistry"));
    if (o.has("capacity") == o.has("mass")) n.fail("exactly one of the members capacity, mass");
    if (auto cap = o.optional("capacity")) {
        b.capacity = cap->amountOfAny({Dimension::Energy, Dimension::Charge});
        if (b.capacity->dimension == Dimension::Charge) {
            b.voltage = o.required("voltage").amount(Dimension::Voltage);
            if (b.voltage->internal <= 0.0) o.required("voltage").fail("a voltage > 0");
        }
    }
    if (auto m = o.optional("mass")) b.mass = m->amount(Dimension::Mass);
    if (auto k = o.optional("count")) b.count = k->nonNegative();
    if (auto cl = o.optional("cycle_life")) b.cycleLife = positive(*cl);
    if (auto cal = o.optional("calendar_life")) {
        b.calendarLife = cal->amount(Dimension::Duration);
        if (b.calendarLife->internal <= 0.0) cal->fail("a duration > 0");
    }
    if (auto r = o.optional("replacements")) b.replacements = r->integer(0, 1000);
    o.finish();
}

void readTraining(const Node& n, Component& c) {
    ObjectReader o = n.object();
    TrainingModel& t = c.training;
    if (o.has("energy") == o.has("accelerator_hours"))
        n.fail("exactly one of the members energy, accelerator_hours (with accelerator_power)");
    if (auto e = o.optional("energy")) t.energy = e->amount(Dimension::Energy);
    if (auto h = o.optional("accelerator_hours")) {
        t.acceleratorHours = h->amount(Dimension::Duration);
        t.acceleratorPower = o.required("accelerator_power").amount(Dimension::Power);
        if (auto a = o.optional("accelerators")) t.accelerators = positive(*a);
    }
    if (auto p = o.optional("pue")) {
        t.pue = p->nonNegative();
        if (t.pue < 1.0) p->fail("a power usage effectiveness >= 1");
    }
    t.grid = identifier(o.required("grid"));
    t.devices = positive(o.required("devices"));
    if (auto k = o.optional("trainings")) {
        t.trainings = k->nonNegative();
        if (t.trainings < 1.0) k->fail("a number of trainings >= 1 (the first one counts)");
    }
    o.finish();
}

Component readComponent(const Node& node, std::set<std::string>& ids) {
    ObjectReader o = node.object();
    Component c;
    c.path = node.path();
    c.block = readBlock(o.required("block"));
    if (auto id = o.optional("id")) c.id = identifier(*id);
    else c.id = std::string(blockId(c.block));
    if (!ids.insert(c.id).second)
        node.fail("a component id that is unique in the system (give this one an \"id\")",
                  "a second component with id '" + c.id + "'");
    if (auto name = o.optional("name")) c.name = name->nonEmptyString();
    else c.name = std::string(blockName(c.block));
    c.stage = defaultStage(c.block);
    if (auto st = o.optional("stage")) {
        const auto s = stageFromId(st->string());
        if (!s) st->fail("a stage id (production, transport, use, end_of_life, whole_life_cycle)");
        c.stage = *s;
    }
    if (auto en = o.optional("enabled")) c.enabled = en->boolean();
    c.note = optionalString(o, "note");
    c.sources = readSources(o, SourcesRule::Optional);

    int methods = 0;
    for (const char* key : {"hsl", "items", "transport", "use", "fixed", "ic", "battery", "training"})
        if (o.has(key)) ++methods;
    if (methods != 1)
        node.fail("exactly one of the members hsl, items, transport, use, fixed, ic, battery, training",
                  std::to_string(methods) + " of them");

    if (auto h = o.optional("hsl")) {
        c.method = Method::Hsl;
        ObjectReader ho = h->object();
        c.hsl.level = ho.required("level").integer(0, 3);
        const Node b = ho.required("bound");
        const auto bound = boundFromId(b.string());
        if (!bound) b.fail("one of lower, typical, upper");
        c.hsl.bound = *bound;
        ho.finish();
    } else if (auto items = o.optional("items")) {
        c.method = Method::Inventory;
        for (const Node& in : items->nonEmptyArray()) {
            ObjectReader io = in.object();
            InventoryItem item;
            item.path = in.path();
            item.name = io.required("name").nonEmptyString();
            item.amount = io.required("amount").amountOfAny(kItemDimensions);
            item.factor = identifier(io.required("factor"));
            io.finish();
            c.items.push_back(std::move(item));
        }
    } else if (auto t = o.optional("transport")) {
        c.method = Method::Transport;
        ObjectReader to = t->object();
        c.transportMass = to.required("mass").amount(Dimension::Mass);
        for (const Node& ln : to.required("legs").nonEmptyArray()) {
            ObjectReader lo = ln.object();
            TransportLeg leg;
            leg.path = ln.path();
            leg.mode = lo.required("mode").nonEmptyString();
            leg.distance = lo.required("distance").amount(Dimension::Length);
            leg.factor = identifier(lo.required("factor"));
            lo.finish();
            c.legs.push_back(std::move(leg));
        }
        to.finish();
    } else if (auto u = o.optional("use")) {
        c.method = Method::UsePower;
        readUse(*u, c);
    } else if (auto ic = o.optional("ic")) {
        c.method = Method::Ic;
        readIc(*ic, c);
    } else if (auto b = o.optional("battery")) {
        c.method = Method::Battery;
        readBattery(*b, c);
    } else if (auto tr = o.optional("training")) {
        c.method = Method::Training;
        readTraining(*tr, c);
    } else if (auto f = o.optional("fixed")) {
        c.method = Method::Fixed;
        ObjectReader fo = f->object();
        c.fixed = fo.required("amount").amount(Dimension::Co2e);
        if (auto share = fo.optional("share_percent")) {
            c.sharePercent = share->nonNegative();
            if (c.sharePercent > 100.0) share->fail("a percentage from 0 to 100");
        }
        fo.finish();
        if (c.sources.empty() && c.note.empty())
            node.fail("a declared value with its \"sources\" or a \"note\" saying where it comes from", "neither");
    }
    o.finish();
    return c;
}

System readSystem(ObjectReader& o, const std::string& source) {
    System s;
    s.sourceName = source;
    s.id = identifier(o.required("id"));
    s.name = o.required("name").nonEmptyString();
    if (auto label = o.optional("label")) s.label = label->nonEmptyString();
    const Node kind = o.required("kind");
    s.kind = kind.string();
    if (s.kind != "tinyml" && s.kind != "reference") kind.fail("\"tinyml\" or \"reference\"");
    s.description = optionalString(o, "description");
    s.sources = readSources(o, SourcesRule::Optional);
    s.lifetime = o.required("lifetime").amount(Dimension::Duration);
    if (auto h = o.optional("hsl_catalogue")) s.hslCatalogue = identifier(*h);
    std::set<std::string> ids;
    for (const Node& cn : o.required("components").nonEmptyArray()) s.components.push_back(readComponent(cn, ids));
    for (const auto& c : s.components)
        if (c.method == Method::Hsl && s.hslCatalogue.empty())
            throw Error(source, o.path() + "/hsl_catalogue",
                        "the member \"hsl_catalogue\" (component '" + c.id + "' uses an HSL level)",
                        "nothing (it is missing)");
    o.finish();
    return s;
}

} // namespace

FactorSet loadFactorSet(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    ObjectReader o = detail::documentRoot(json, sourceName, "tinyfoot.factors");
    FactorSet set;
    set.sourceName = sourceName;
    set.id = identifier(o.required("id"));
    set.name = o.required("name").nonEmptyString();
    set.description = optionalString(o, "description");
    set.sources = readSources(o, SourcesRule::Optional);
    std::set<std::string> ids;
    for (const Node& fn : o.required("factors").nonEmptyArray()) {
        ObjectReader fo = fn.object();
        Factor f;
        f.id = uniqueIdentifier(fo.required("id"), ids, "a factor id not used before in this set");
        f.name = fo.required("name").nonEmptyString();
        const Node valueNode = fo.required("value");
        f.value = valueNode.nonNegative();
        const Node unitNode = fo.required("unit");
        f.unit = unitNode.string();
        const auto fu = findFactorUnit(f.unit);
        if (!fu) unitNode.fail(acceptedFactorUnits());
        f.per = fu->per;
        f.internal = f.value * fu->toInternal;
        f.derivation = derivation(fo.required("derivation"));
        if (auto r = fo.optional("range")) f.range = detail::range(*r, valueNode, f.value);
        f.sources = readSources(fo, SourcesRule::Required);
        f.year = fo.required("year").integer(1900, 2100);
        f.licence = fo.required("licence").nonEmptyString();
        f.note = optionalString(fo, "note");
        f.flags = readFlags(fo);
        f.origin = set.id;
        fo.finish();
        set.factors.push_back(std::move(f));
    }
    if (auto inc = o.optional("includes")) {
        std::set<std::string> seen;
        for (const Node& n : inc->array()) {
            std::string id = identifier(n);
            if (id == set.id) n.fail("the id of another factor set", "this set's own id");
            if (!seen.insert(id).second) n.fail("a factor set id not listed before", "'" + id + "' again");
            set.includes.push_back(std::move(id));
        }
    }
    if (auto t = o.optional("tables")) readTables(*t, set);
    o.finish();
    return set;
}

HslCatalogue loadHslCatalogue(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    ObjectReader o = detail::documentRoot(json, sourceName, "tinyfoot.hsl");
    HslCatalogue cat;
    cat.id = identifier(o.required("id"));
    cat.name = o.required("name").nonEmptyString();
    cat.sources = readSources(o, SourcesRule::Required);
    std::set<Block> seenBlocks;
    for (const Node& bn : o.required("blocks").nonEmptyArray()) {
        ObjectReader bo = bn.object();
        HslBlock hb;
        const Node blockNode = bo.required("block");
        hb.block = readBlock(blockNode);
        if (!seenBlocks.insert(hb.block).second) blockNode.fail("a block not listed before", "a repeat");
        std::set<int> seenLevels;
        for (const Node& ln : bo.required("levels").nonEmptyArray()) {
            ObjectReader lo = ln.object();
            HslLevel level;
            const Node lvl = lo.required("level");
            level.level = lvl.integer(0, 3);
            if (!seenLevels.insert(level.level).second) lvl.fail("a level not listed before", "a repeat");
            level.description = lo.required("description").nonEmptyString();
            if (auto items = lo.optional("items")) {
                for (const Node& itemNode : items->array()) {
                    ObjectReader io = itemNode.object();
                    HslItem item;
                    item.name = io.required("name").nonEmptyString();
                    item.factor = identifier(io.required("factor"));
                    item.amount = readRanged(io.required("amount"), kItemDimensions);
                    io.finish();
                    level.items.push_back(std::move(item));
                }
            }
            if (auto t = lo.optional("transport")) {
                ObjectReader to = t->object();
                level.transportMass = readRanged(to.required("mass"), {Dimension::Mass});
                for (const Node& leg : to.required("legs").nonEmptyArray()) {
                    ObjectReader lgo = leg.object();
                    HslLeg l;
                    l.mode = lgo.required("mode").nonEmptyString();
                    l.factor = identifier(lgo.required("factor"));
                    l.distance = readRanged(lgo.required("distance"), {Dimension::Length});
                    lgo.finish();
                    level.legs.push_back(std::move(l));
                }
                to.finish();
            }
            lo.finish();
            hb.levels.push_back(std::move(level));
        }
        bo.finish();
        cat.blocks.push_back(std::move(hb));
    }
    o.finish();
    return cat;
}

System loadSystem(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    ObjectReader o = detail::documentRoot(json, sourceName, "tinyfoot.system");
    return readSystem(o, sourceName);
}

Study loadStudy(std::istream& in, const std::string& sourceName, const Library& library) {
    const auto json = detail::parseDocument(in, sourceName);
    ObjectReader o = detail::documentRoot(json, sourceName, "tinyfoot.study");
    Study st;
    st.sourceName = sourceName;
    st.id = identifier(o.required("id"));
    st.name = o.required("name").nonEmptyString();
    st.description = optionalString(o, "description");
    st.sources = readSources(o, SourcesRule::Optional);
    if (auto fs = o.optional("factor_set")) {
        st.factorSet = identifier(*fs);
        if (!library.findFactorSet(st.factorSet)) fs->fail("the id of a loaded factor set");
    }
    for (const Node& en : o.required("systems").nonEmptyArray()) {
        ObjectReader eo = en.object();
        if (eo.has("preset") == eo.has("system")) en.fail("exactly one of the members preset, system");
        if (auto p = eo.optional("preset")) {
            const System* preset = library.findPreset(p->string());
            if (!preset) p->fail("the id of a preset (see 'tinyfoot presets')");
            st.systems.push_back(*preset);
            st.systems.back().presetId = preset->id;
        } else {
            ObjectReader so = eo.required("system").object();
            st.systems.push_back(readSystem(so, sourceName)); // paths carry "/systems/N/system"
        }
        eo.finish();
    }
    if (auto a = o.optional("analysis")) {
        if (!a->json().is_object()) a->fail("an object");
        st.analysisJson = a->json().dump();
    }
    o.finish();
    return st;
}

Measurement loadMeasurement(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    ObjectReader o = detail::documentRoot(json, sourceName, "tinyfoot.measurement");
    Measurement m;
    m.file = sourceName;
    m.complete = o.required("complete").boolean();
    const Node kind = o.required("kind");
    m.kind = kind.string();
    if (m.kind != "measured" && m.kind != "imported" && m.kind != "emulated estimate")
        kind.fail("one of \"measured\", \"imported\", \"emulated estimate\"");
    m.started = optionalString(o, "started");
    (void)optionalString(o, "tool");
    (void)optionalString(o, "mode");
    if (auto d = o.optional("device")) {
        ObjectReader dox = d->object();
        const std::string name = optionalString(dox, "name");
        const std::string model = optionalString(dox, "model");
        (void)optionalString(dox, "profile");
        dox.finish();
        m.device = model.empty() ? name : name + " (" + model + ")";
    }
    if (auto mon = o.optional("monitor")) {
        ObjectReader mo = mon->object();
        const std::string kindText = mo.required("kind").nonEmptyString();
        const std::string name = optionalString(mo, "name");
        (void)optionalString(mo, "serial");
        mo.finish();
        m.monitor = name.empty() ? kindText : kindText + " " + name;
    }
    if (auto v = o.optional("supply_voltage_v")) (void)v->nonNegative();
    m.energyPerInference = o.required("energy_per_inference").amount(Dimension::Energy);
    if (auto e = o.optional("energy_per_inference_idle_subtracted")) m.idleSubtracted = e->amount(Dimension::Energy);
    if (auto t = o.optional("inference_time")) m.inferenceTime = t->amount(Dimension::Duration);
    if (auto t = o.optional("throughput_per_s")) (void)t->nonNegative();
    if (auto p = o.optional("idle_power")) m.idlePower = p->amount(Dimension::Power);
    if (auto s = o.optional("spread")) {
        ObjectReader so = s->object();
        MeasurementSpread spread;
        const Node low = so.required("low");
        spread.low = low.number();
        if (!(spread.low > 0.0) || !std::isfinite(spread.low)) low.fail("a positive multiple of the energy");
        const Node high = so.required("high");
        spread.high = high.number();
        if (!(spread.high >= spread.low) || !std::isfinite(spread.high))
            high.fail("a multiple of the energy at least \"low\" (" + format::shortest(spread.low) + ")");
        spread.basis = so.required("basis").nonEmptyString();
        so.finish();
        m.spread = std::move(spread);
    }
    if (auto w = o.optional("windows"))
        for (const Node& wn : w->array())
            if (!wn.json().is_object()) wn.fail("a window object");
    // What the session says about the model's answers (accuracy mode, streaming detections):
    // carried for the reader, not used by the footprint.
    if (auto a = o.optional("accuracy"))
        if (!a->json().is_object()) a->fail("an object (the imported accuracy figures)");
    for (const char* key : {"warnings", "errors"})
        if (auto list = o.optional(key))
            for (const Node& n : list->array()) (void)n.string();
    m.sources = readSources(o, SourcesRule::Optional);
    o.finish();
    return m;
}

std::string peekFormat(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    Node root(json, "", sourceName);
    if (!json.is_object() || !json.contains("format") || !json["format"].is_string())
        root.fail("a TinyFoot document (a JSON object with a \"format\" member)");
    return json["format"].get<std::string>();
}

} // namespace tinyfoot
