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

const System* Library::findPreset(std::string_view id) const {
    for (const auto& p : presets)
        if (p.id == id) return &p;
    return nullptr;
}

namespace {

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
        case Method::UsePower: checkFactor(system, factorSet, c.grid, Dimension::Energy, c.path + "/use/grid"); break;
        case Method::Fixed: break;
        }
    }
}

} // namespace tinyfoot
