// Everything loaded from data/ and presets/: factor sets, HSL catalogues and preset systems.
#pragma once

#include "tinyfoot/engine/end_of_life_mass.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/system.h"
#include "tinyfoot/engine/weighting.h"

#include <string>
#include <vector>

namespace tinyfoot {

struct Library {
    std::vector<FactorSet> factorSets;
    std::vector<HslCatalogue> hslCatalogues;
    std::vector<ImpactSet> impactSets;       ///< data/impacts: categories beyond CO2e
    std::vector<ItemMassTable> itemMasses;   ///< data/materials: masses of items counted by part or area
    std::vector<WeightingSet> weightingSets; ///< data/weighting: normalisation and weighting (single scores)
    std::vector<System> presets;
    std::string defaultFactorSet = "paper-2023-backsolved";
    std::string defaultImpactSet = "tide-boavizta";
    std::string defaultWeightingSet = "ef-3.1";

    const FactorSet* findFactorSet(std::string_view id) const;
    const HslCatalogue* findHsl(std::string_view id) const;
    const ImpactSet* findImpactSet(std::string_view id) const;
    /// The impact set a report uses when none is named: defaultImpactSet, else the first loaded;
    /// null when data/impacts holds none.
    const ImpactSet* defaultImpacts() const;
    /// The item-mass table the end-of-life mass uses: the first loaded; null when there is none.
    const ItemMassTable* defaultItemMasses() const;
    const WeightingSet* findWeightingSet(std::string_view id) const;
    const System* findPreset(std::string_view id) const;
};

/// Resolves every set's "includes": copies in, after its own entries, the factors, tables and
/// battery chemistries of the sets it includes (themselves resolved first) that it does not
/// define. Throws Error naming the set's file for an unknown id or an include cycle.
void resolveIncludes(std::vector<FactorSet>& sets);

/// Checks every reference in a system against the library: HSL catalogue and levels, and (when a
/// factor set is given) every factor id. Throws Error naming the system's file and JSON path.
void checkReferences(const System& system, const Library& library, const FactorSet* factorSet);

} // namespace tinyfoot
