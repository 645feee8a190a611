#include "tinyfoot/engine/library.h"

#include "tinyfoot/engine/error.h"

namespace tinyfoot {

const FactorSet* Library::findFactorSet(std::string_view id) const {
    for (const auto& s : factorSets)
        if (s.id == id) return &s;
    return nullptr;
}

const HslCatalogue* Library::findHsl(std::string_view id) const {
    for (const auto& c : hslCatalogues)
        if (c.id == id) return &c;
    return nullptr;
}

const ImpactSet* Library::findImpactSet(std::string_view id) const {
    for (const auto& s : impactSets)
        if (s.id == id) return &s;
    return nullptr;
}

const ImpactSet* Library::defaultImpacts() const {
    if (const ImpactSet* s = findImpactSet(defaultImpactSet)) return s;
    return impactSets.empty() ? nullptr : &impactSets.front();
}

const ItemMassTable* Library::defaultItemMasses() const { return itemMasses.empty() ? nullptr : &itemMasses.front(); }

const WeightingSet* Library::findWeightingSet(std::string_view id) const {
    for (const auto& s : weightingSets)
        if (s.id == id) return &s;
    return nullptr;
}

const System* Library::findPreset(std::string_view id) const {
    for (const auto& p : presets)
        if (p.id == id) return &p;
    return nullptr;
}

namespace {

void resolveOne(std::vector<FactorSet>& sets, std::size_t i, std::vector<int>& state) {
    // state: 0 unvisited, 1 in progress, 2 done.
    if (state[i] == 2) return;
    FactorSet& set = sets[i];
    state[i] = 1;
    for (std::size_t k = 0; k < set.includes.size(); ++k) {
        const std::string& id = set.includes[k];
        std::size_t j = sets.size();
        for (std::size_t m = 0; m < sets.size(); ++m)
            if (sets[m].id == id) j = m;
        const std::string path = "/includes/" + std::to_string(k);
        if (j == sets.size()) throw Error(set.sourceName, path, "the id of a loaded factor set", "'" + id + "'");
        if (state[j] == 1)
            throw Error(set.sourceName, path, "a set that does not include this one back",
                        "an include cycle through '" + id + "'");
        resolveOne(sets, j, state);
        const FactorSet& other = sets[j];
        for (const auto& f : other.factors)
            if (!set.find(f.id)) set.factors.push_back(f);
        if (!set.processNodes && other.processNodes) set.processNodes = other.processNodes;
        if (!set.memory && other.memory) set.memory = other.memory;
        for (const auto& b : other.batteries)
            if (!set.battery(b.id)) set.batteries.push_back(b);
    }
    state[i] = 2;
}

std::string knownIds(const FactorSet& set, Dimension per) {
    std::string out;
    for (const auto& f : set.factors) {
        if (f.per != per) continue;
        if (!out.empty()) out += ", ";
        out += f.id;
    }
    return out.empty() ? std::string("(none in this set)") : out;
}

void checkFactor(const System& system, const FactorSet* set, const std::string& id, Dimension per,
                 const std::string& path) {
    if (!set) return;
    const Factor* f = set->find(id);
    if (!f)
        throw Error(system.sourceName, path,
                    "a factor id of set '" + set->id + "' that applies to " + describeDimension(per) + " (" +
                        knownIds(*set, per) + ")",
                    "'" + id + "'");
    if (f->per != per)
        throw Error(system.sourceName, path,
                    "a factor per " + describeDimension(per) + " (" + knownIds(*set, per) + ")",
                    "'" + id + "', a factor per " + describeDimension(f->per) + " (" + f->unit + ")");
}

} // namespace

void resolveIncludes(std::vector<FactorSet>& sets) {
    std::vector<int> state(sets.size(), 0);
    for (std::size_t i = 0; i < sets.size(); ++i) resolveOne(sets, i, state);
}

void checkReferences(const System& system, const Library& library, const FactorSet* factorSet) {
    const HslCatalogue* hsl = nullptr;
    for (const auto& c : system.components) {
        switch (c.method) {
        case Method::Hsl: {
            if (!hsl) {
                hsl = library.findHsl(system.hslCatalogue);
                if (!hsl)
                    throw Error(system.sourceName, "/hsl_catalogue", "the id of a loaded HSL catalogue",
                                "'" + system.hslCatalogue + "'");
            }
            const HslLevel* level = hsl->find(c.block, c.hsl.level);
            if (!level)
                throw Error(system.sourceName, c.path + "/hsl/level",
                            "an HSL level defined for block '" + std::string(blockId(c.block)) + "' in catalogue '" +
                                hsl->id + "'",
                            std::to_string(c.hsl.level));
            if (factorSet) {
                for (const auto& item : level->items) {
                    if (!factorSet->find(item.factor)) continue; // reported as a diagnostic
                    checkFactor(system, factorSet, item.factor, item.amount.typical.dimension, c.path + "/hsl");
                }
            }
            break;
        }
        case Method::Inventory:
            for (const auto& item : c.items)
                checkFactor(system, factorSet, item.factor, item.amount.dimension, item.path + "/factor");
            break;
        case Method::Transport:
            for (const auto& leg : c.legs)
                checkFactor(system, factorSet, leg.factor, Dimension::MassDistance, leg.path + "/factor");
            break;
        case Method::UsePower:
            if (!c.grid.empty()) checkFactor(system, factorSet, c.grid, Dimension::Energy, c.path + "/use/grid");
            break;
        case Method::Ic:
            checkFactor(system, factorSet, c.ic.fabGrid, Dimension::Energy, c.path + "/ic/fab_grid");
            if (factorSet) {
                for (std::size_t i = 0; i < c.ic.memory.size(); ++i) {
                    const auto& m = c.ic.memory[i];
                    if (!factorSet->memory || !factorSet->memory->find(m.technology)) {
                        std::string known;
                        if (factorSet->memory)
                            for (const auto& r : factorSet->memory->rows) known += (known.empty() ? "" : ", ") + r.id;
                        throw Error(system.sourceName, c.path + "/ic/memory/" + std::to_string(i) + "/technology",
                                    "a memory technology of set '" + factorSet->id + "' (" +
                                        (known.empty() ? std::string("none") : known) + ")",
                                    "'" + m.technology + "'");
                    }
                }
            }
            break;
        case Method::Battery:
            if (factorSet && !factorSet->battery(c.battery.chemistry)) {
                std::string known;
                for (const auto& b : factorSet->batteries) known += (known.empty() ? "" : ", ") + b.id;
                throw Error(system.sourceName, c.path + "/battery/chemistry",
                            "a battery chemistry of set '" + factorSet->id + "' (" +
                                (known.empty() ? std::string("none") : known) + ")",
                            "'" + c.battery.chemistry + "'");
            }
            break;
        case Method::Training:
            checkFactor(system, factorSet, c.training.grid, Dimension::Energy, c.path + "/training/grid");
            break;
        case Method::Fixed: break;
        }
    }
}

} // namespace tinyfoot
