// The mass a device becomes at end of life, by material (e-waste): what its bill of materials
// weighs, component by component, over its lifetime (replaced batteries included).
//
// A line whose amount is a mass (grams of ABS, of a Li-ion cell, of solder paste) weighs what it
// says; a battery weighs its given mass, or its capacity over its chemistry's specific energy; a
// line counted in parts or area (a PCB's cm², an IC package, a die's mm²) weighs what an item-mass
// table (data/materials, `tinyfoot.item_masses`) gives per unit of its factor, with that table's
// sources. An item no table weighs is listed as unweighed, never counted as zero; the device mass
// a freight leg carries is reported beside the sum as the check. docs/method.md §7 has the rules.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/system.h"

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot {

/// The mass of one unit of a factor's items (a cm² of a 4-layer FR-4 board, one IC package).
struct ItemMass {
    std::string factor;   ///< the factor id whose items it weighs: "pcb.fr4_4layer"
    std::string material; ///< the material class it reports: "printed circuit board (FR-4, copper)"
    Amount mass;          ///< per `per`
    Amount per;           ///< one unit of the item's amount: 1 cm², 1 part
    Derivation derivation = Derivation::Published;
    std::string note; ///< how it was obtained
    std::vector<Source> sources;
    int year = 0;
    std::string licence;

    /// kg per internal unit of `per`'s dimension.
    double kgPerInternal() const { return mass.internal / per.internal; }
};

struct ItemMassTable {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    std::string sourceFile;
    std::vector<ItemMass> items;

    /// The entry for `factor` whose `per` has `dimension`; null when there is none.
    const ItemMass* find(std::string_view factor, Dimension dimension) const;
};

/// Loads a "tinyfoot.item_masses" file strictly (loader.h's rules): each entry a factor id once,
/// a mass and the amount it is per (a dimension other than mass), its derivation and sources.
ItemMassTable loadItemMasses(std::istream& in, const std::string& sourceName);

/// Mass at end of life of one material class.
struct MaterialMass {
    std::string material;                ///< "ABS", "Lithium-ion (NMC)", "printed circuit board ..."
    double kg = 0.0;                     ///< over the lifetime
    std::vector<std::string> components; ///< component ids, in first-seen order
    std::vector<std::string> bases;      ///< "casing: 50 g ABS", "battery: 2 x 0.01 kg x 3 sets"
};

/// An item of the bill of materials with no mass: it is left out of the sum, named.
struct UnweighedItem {
    std::string componentId;
    std::string component;
    std::string item;     ///< "DC motor (50 g)", "declared figure"
    std::string quantity; ///< "4 part"
};

struct EndOfLifeMass {
    std::string systemId;
    std::string itemMassTable;           ///< id of the table used ("" when none)
    std::vector<MaterialMass> materials; ///< heaviest first
    double weighedKg = 0.0;              ///< the sum of `materials`
    /// The device mass the freight legs carry (largest when several): the mass the sum should
    /// approach when the bill of materials is whole.
    std::optional<double> shippedKg;
    std::vector<UnweighedItem> unweighed;
    std::vector<Diagnostic> diagnostics;

    bool complete() const { return unweighed.empty(); }
};

/// The device's end-of-life mass by material under the factor set the result was calculated with
/// (factor names, battery chemistries) and an optional item-mass table. Disabled components are
/// left out; components with no hardware (use stage, training, freight) weigh nothing.
EndOfLifeMass assessEndOfLifeMass(const System& system, const Result& result, const FactorSet& factors,
                                  const ItemMassTable* masses);

} // namespace tinyfoot
