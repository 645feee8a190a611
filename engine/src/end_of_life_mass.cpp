#include "tinyfoot/engine/end_of_life_mass.h"

#include "json_reader.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/units.h"

#include <algorithm>
#include <set>

namespace tinyfoot {

using namespace detail;

const ItemMass* ItemMassTable::find(std::string_view factor, Dimension dimension) const {
    for (const auto& i : items)
        if (i.factor == factor && i.per.dimension == dimension) return &i;
    return nullptr;
}

ItemMassTable loadItemMasses(std::istream& in, const std::string& sourceName) {
    const Json json = parseDocument(in, sourceName);
    ObjectReader root = documentRoot(json, sourceName, "tinyfoot.item_masses");
    ItemMassTable t;
    t.sourceFile = sourceName;
    t.id = identifier(root.required("id"));
    t.name = root.required("name").nonEmptyString();
    t.description = optionalString(root, "description");
    t.sources = readSources(root, SourcesRule::Optional);
    std::set<std::pair<std::string, Dimension>> seen;
    for (const Node& n : root.required("items").nonEmptyArray()) {
        ObjectReader o = n.object();
        ItemMass m;
        const Node factorNode = o.required("factor");
        m.factor = identifier(factorNode);
        m.material = o.required("material").nonEmptyString();
        const Node massNode = o.required("mass");
        m.mass = massNode.amount(Dimension::Mass);
        if (!(m.mass.internal > 0.0)) massNode.fail("a mass greater than 0");
        const Node perNode = o.required("per");
        m.per = perNode.amountOfAny({Dimension::Count, Dimension::Area, Dimension::Length});
        if (!(m.per.internal > 0.0)) perNode.fail("an amount greater than 0");
        if (!seen.insert({m.factor, m.per.dimension}).second)
            factorNode.fail("a factor not weighed before per the same kind of amount", "'" + m.factor + "' again");
        m.derivation = derivation(o.required("derivation"));
        m.note = optionalString(o, "note");
        m.sources = readSources(o, SourcesRule::Required);
        m.year = o.required("year").integer(1900, 2100);
        m.licence = o.required("licence").nonEmptyString();
        if (m.derivation != Derivation::Published && m.note.empty())
            o.required("note").fail("a note saying how the mass was derived");
        o.finish();
        t.items.push_back(std::move(m));
    }
    root.finish();
    return t;
}

namespace {

/// Blocks whose declared or tabled figures stand for no hardware of the device.
bool hardwareBlock(Block b) {
    return b != Block::UseStage && b != Block::MlTraining && b != Block::Transport && b != Block::EndOfLife;
}

class Weigher {
public:
    Weigher(const FactorSet& factors, const ItemMassTable* masses, EndOfLifeMass& out)
        : m_factors(factors), m_masses(masses), m_out(out) {}

    void add(const Component& c, const std::string& material, double kg, const std::string& basis) {
        auto it = std::find_if(m_out.materials.begin(), m_out.materials.end(),
                               [&](const MaterialMass& m) { return m.material == material; });
        if (it == m_out.materials.end()) {
            m_out.materials.push_back({material, 0.0, {}, {}});
            it = std::prev(m_out.materials.end());
        }
        units::Mass sum = units::Mass::from_value(it->kg);
        sum += units::Mass::from_value(kg);
        it->kg = sum.value();
        if (std::find(it->components.begin(), it->components.end(), c.id) == it->components.end())
            it->components.push_back(c.id);
        it->bases.push_back(c.name + ": " + basis);
    }

    void unweighed(const Component& c, const std::string& item, const std::string& quantity, const std::string& why) {
        m_out.unweighed.push_back({c.id, c.name, item, quantity});
        m_out.diagnostics.push_back(
            {Severity::Warning, "unweighed-item", c.name + ": " + item + " (" + quantity + ") " + why, c.id});
    }

    /// An inventory line: its amount is a mass, or a count/area/length an item-mass entry weighs.
    void line(const Component& c, const LineResult& l) {
        if (l.amounts.empty()) return;
        const Amount& a = l.amounts.front().second;
        if (a.internal == 0.0) return; // none of it: weighs nothing, whatever it is
        if (a.dimension == Dimension::Mass) {
            add(c, materialName(l), a.internal, l.quantity + " " + l.name);
            return;
        }
        weighByTable(c, l.factorId, l.name, a);
    }

    /// A mass line's material: its factor's name without the unit it is per ("ABS plastic, per
    /// gram" is "ABS plastic"), so that one factor is one row whichever component uses it.
    std::string materialName(const LineResult& l) const {
        const Factor* f = m_factors.find(l.factorId);
        if (!f) return l.name;
        const auto cut = f->name.find(", per ");
        return cut == std::string::npos ? f->name : f->name.substr(0, cut);
    }

    void weighByTable(const Component& c, const std::string& factorId, const std::string& item, const Amount& a,
                      double times = 1.0) {
        const std::string quantity = format::shortestRounded(a.value * times) + " " + a.unit;
        if (const ItemMass* m = m_masses ? m_masses->find(factorId, a.dimension) : nullptr) {
            add(c, m->material, a.internal * times * m->kgPerInternal(),
                quantity + " " + item + " x " + format::shortestRounded(m->mass.value) + " " + m->mass.unit + "/" +
                    (m->per.value == 1.0 ? "" : format::shortestRounded(m->per.value) + " ") + m->per.unit);
            return;
        }
        unweighed(c, item, quantity,
                  "has no mass: '" + factorId + "' is not in " +
                      (m_masses ? "item-mass table '" + m_masses->id + "'" : std::string("an item-mass table")));
    }

    void shipped(const Amount& mass) {
        const double kg = mass.internal;
        if (!m_out.shippedKg || kg > *m_out.shippedKg) m_out.shippedKg = kg;
    }

    void component(const Component& c, const ComponentResult& cr) {
        switch (c.method) {
        case Method::Hsl:
        case Method::Inventory:
            if (!hardwareBlock(c.block) && c.block != Block::Transport) break; // e.g. training per device
            for (const auto& l : cr.lines) {
                if (c.block == Block::Transport || c.method == Method::Transport) {
                    for (const auto& [name, amount] : l.amounts)
                        if (name == "mass") shipped(amount);
                    continue;
                }
                line(c, l);
            }
            break;
        case Method::Transport:
            for (const auto& l : cr.lines)
                for (const auto& [name, amount] : l.amounts)
                    if (name == "mass") shipped(amount);
            break;
        case Method::Ic: ic(c); break;
        case Method::Battery: battery(c, cr); break;
        case Method::Fixed:
            if (hardwareBlock(c.block)) unweighed(c, "declared figure", "1 component", "has no bill of materials");
            break;
        case Method::UsePower:
        case Method::Training: break; // no hardware
        }
    }

    void ic(const Component& c) {
        // Dies by area and packages by count, weighed by the table's "ic.die" and "ic.package".
        double dies = 0.0;
        for (const auto& d : c.ic.dies) {
            weighByTable(c, "ic.die", "die " + d.name, d.area, d.count);
            dies += d.count;
        }
        for (const auto& m : c.ic.memory) {
            dies += m.count;
            unweighed(c, "memory " + m.name, format::shortestRounded(m.count) + " part",
                      "has no mass: a memory part is given by capacity, not by die area");
        }
        const double packages = c.ic.packages.value_or(dies);
        if (packages > 0.0) {
            weighByTable(c, "ic.package", "IC package", Amount::make(packages, *findUnit("part")));
        }
    }

    void battery(const Component& c, const ComponentResult& cr) {
        const BatteryModel& b = c.battery;
        const BatteryChemistry* chem = m_factors.battery(b.chemistry);
        double sets = 1.0;
        for (const auto& l : cr.lines)
            for (const auto& [name, amount] : l.amounts)
                if (name == "sets over the lifetime") sets = amount.value;
        const std::string material = "battery, " + (chem ? chem->name : b.chemistry);
        const std::string times = format::shortestRounded(b.count) + " cell(s) x " + format::shortestRounded(sets) +
                                  " set(s) over the lifetime";
        if (b.mass) {
            add(c, material, b.mass->internal * b.count * sets, written(*b.mass) + " x " + times);
            return;
        }
        double wh = 0.0;
        for (const auto& l : cr.lines)
            for (const auto& [name, amount] : l.amounts)
                if (name == "capacity") wh = amount.value;
        if (chem && chem->whPerKg && *chem->whPerKg > 0.0 && wh > 0.0) {
            const double kg = wh / *chem->whPerKg;
            add(c, material, kg * b.count * sets,
                format::shortestRounded(wh) + " Wh / " + format::shortestRounded(*chem->whPerKg) + " Wh/kg x " + times);
            return;
        }
        unweighed(c, "battery " + (chem ? chem->name : b.chemistry), times,
                  "has no mass: neither a mass nor a specific energy of its chemistry is given");
    }

    static std::string written(const Amount& a) { return format::shortestRounded(a.value) + " " + a.unit; }

private:
    const FactorSet& m_factors;
    const ItemMassTable* m_masses;
    EndOfLifeMass& m_out;
};

} // namespace

EndOfLifeMass assessEndOfLifeMass(const System& system, const Result& result, const FactorSet& factors,
                                  const ItemMassTable* masses) {
    EndOfLifeMass out;
    out.systemId = system.id;
    out.itemMassTable = masses ? masses->id : "";
    Weigher w(factors, masses, out);
    for (std::size_t i = 0; i < system.components.size() && i < result.components.size(); ++i) {
        const Component& c = system.components[i];
        if (!c.enabled) continue;
        w.component(c, result.components[i]);
    }
    std::stable_sort(out.materials.begin(), out.materials.end(),
                     [](const MaterialMass& a, const MaterialMass& b) { return a.kg > b.kg; });
    units::Mass sum = units::Mass::from_value(0.0);
    for (const auto& m : out.materials) sum += units::Mass::from_value(m.kg);
    out.weighedKg = sum.value();
    return out;
}

} // namespace tinyfoot
