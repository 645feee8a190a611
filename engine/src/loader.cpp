#include "tinyfoot/engine/loader.h"

#include "json_reader.h"

#include <set>

namespace tinyfoot {

using detail::Node;
using detail::ObjectReader;

namespace {

std::vector<Source> readSources(ObjectReader& o, bool required) {
    std::vector<Source> out;
    std::optional<Node> node = required ? std::optional<Node>(o.required("sources")) : o.optional("sources");
    if (!node) return out;
    for (const Node& s : required ? node->nonEmptyArray() : node->array()) {
        ObjectReader so = s.object();
        Source src;
        src.citation = so.required("citation").nonEmptyString();
        if (auto url = so.optional("url")) src.url = url->string();
        so.finish();
        out.push_back(std::move(src));
    }
    return out;
}

std::string optionalString(ObjectReader& o, const std::string& key) {
    if (auto n = o.optional(key)) return n->string();
    return {};
}

/// An identifier: lower-case letters, digits, '.', '_' and '-'.
std::string identifier(const Node& n) {
    std::string s = n.nonEmptyString();
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) n.fail("an identifier (lower-case letters, digits, '.', '_', '-')");
    }
    return s;
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
    c.sources = readSources(o, false);

    int methods = 0;
    for (const char* key : {"hsl", "items", "transport", "use", "fixed"})
        if (o.has(key)) ++methods;
    if (methods != 1)
        node.fail("exactly one of the members hsl, items, transport, use, fixed", std::to_string(methods) + " of them");

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
        ObjectReader uo = u->object();
        c.power = uo.required("power").amount(Dimension::Power);
        if (auto d = uo.optional("duration")) c.duration = d->amount(Dimension::Duration);
        c.grid = identifier(uo.required("grid"));
        uo.finish();
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
    const Node kind = o.required("kind");
    s.kind = kind.string();
    if (s.kind != "tinyml" && s.kind != "reference") kind.fail("\"tinyml\" or \"reference\"");
    s.description = optionalString(o, "description");
    s.sources = readSources(o, false);
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
    set.id = identifier(o.required("id"));
    set.name = o.required("name").nonEmptyString();
    set.description = optionalString(o, "description");
    set.sources = readSources(o, false);
    std::set<std::string> ids;
    for (const Node& fn : o.required("factors").nonEmptyArray()) {
        ObjectReader fo = fn.object();
        Factor f;
        const Node idNode = fo.required("id");
        f.id = identifier(idNode);
        if (!ids.insert(f.id).second) idNode.fail("a factor id not used before in this set", "'" + f.id + "' again");
        f.name = fo.required("name").nonEmptyString();
        const Node valueNode = fo.required("value");
        f.value = valueNode.nonNegative();
        const Node unitNode = fo.required("unit");
        f.unit = unitNode.string();
        const auto fu = findFactorUnit(f.unit);
        if (!fu) unitNode.fail(acceptedFactorUnits());
        f.per = fu->per;
        f.internal = f.value * fu->toInternal;
        const Node der = fo.required("derivation");
        const auto d = derivationFromId(der.string());
        if (!d) der.fail("one of published, derived, back-solved");
        f.derivation = *d;
        if (auto r = fo.optional("range")) {
            const auto pair = r->array();
            if (pair.size() != 2) r->fail("[low, high]", "an array of " + std::to_string(pair.size()));
            const double lo = pair[0].nonNegative();
            const double hi = pair[1].nonNegative();
            if (hi < lo) pair[1].fail("high >= low");
            if (f.value < lo || f.value > hi)
                valueNode.fail("a value inside its stated range [" + detail::describe(pair[0].json()) + ", " +
                               detail::describe(pair[1].json()) + "]");
            f.range = std::make_pair(lo, hi);
        }
        f.sources = readSources(fo, true);
        f.year = fo.required("year").integer(1900, 2100);
        f.licence = fo.required("licence").nonEmptyString();
        f.note = optionalString(fo, "note");
        fo.finish();
        set.factors.push_back(std::move(f));
    }
    o.finish();
    return set;
}

HslCatalogue loadHslCatalogue(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    ObjectReader o = detail::documentRoot(json, sourceName, "tinyfoot.hsl");
    HslCatalogue cat;
    cat.id = identifier(o.required("id"));
    cat.name = o.required("name").nonEmptyString();
    cat.sources = readSources(o, true);
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
    st.sources = readSources(o, false);
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

std::string peekFormat(std::istream& in, const std::string& sourceName) {
    const auto json = detail::parseDocument(in, sourceName);
    Node root(json, "", sourceName);
    if (!json.is_object() || !json.contains("format") || !json["format"].is_string())
        root.fail("a TinyFoot document (a JSON object with a \"format\" member)");
    return json["format"].get<std::string>();
}

} // namespace tinyfoot
