// Impact categories beyond climate change: resource use (minerals and metals, fossils), primary
// energy, water, acidification, particulate matter … (the EF 3.1 indicators, plus primary energy
// and net fresh water), per component and life-cycle stage.
//
// Climate change stays the calculation of calculate.h (kg CO2e, with every model); an impact set
// (data/impacts/) adds the other categories where its sources have figures: per functional block
// and HSL level (fabrication and end of life), and per kWh of a country's electricity for the use
// stage. Where a component has no figure in a category — a physical model ACT costs in CO2e only,
// a declared figure, freight — its value is unknown, never zero, and the result says so
// (`missing-category`). docs/method.md §7 has the rules.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/model.h"
#include "tinyfoot/engine/system.h"
#include "tinyfoot/engine/units.h"

#include <array>
#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot {

/// The categories an impact set may give, in a fixed order (a category's quantity type is
/// units::ImpactQuantity<units::kImpactOrdinal + index>).
enum class ImpactCategory {
    Adpe,   ///< resource use, minerals and metals, kg Sb eq.
    Adpf,   ///< resource use, fossils, MJ
    Pe,     ///< primary energy, total, MJ
    Wu,     ///< water use (deprivation-weighted), m³ world eq.
    Fw,     ///< net use of fresh water, m³
    Ap,     ///< acidification, mol H+ eq.
    Pm,     ///< particulate matter, disease incidence
    Ir,     ///< ionising radiation, human health, kBq U235 eq.
    Lu,     ///< land use, pt (dimensionless score)
    Odp,    ///< ozone depletion, kg CFC-11 eq.
    Pocp,   ///< photochemical ozone formation, kg NMVOC eq.
    Ctue,   ///< ecotoxicity, freshwater, CTUe
    CtuhC,  ///< human toxicity, cancer, CTUh
    CtuhNc, ///< human toxicity, non-cancer, CTUh
    Epf,    ///< eutrophication, freshwater, kg P eq.
    Epm,    ///< eutrophication, marine, kg N eq.
    Ept,    ///< eutrophication, terrestrial, mol N eq.
};
inline constexpr std::size_t kImpactCategories = 17;

struct ImpactCategoryInfo {
    ImpactCategory category;
    std::string_view id;   ///< as in files and on the command line: "adpe"
    std::string_view name; ///< "Resource use, minerals and metals (ADPe)"
    std::string_view unit; ///< as in files: "kg_sb_eq"
};
const std::array<ImpactCategoryInfo, kImpactCategories>& impactCategories();
const ImpactCategoryInfo& impactCategoryInfo(ImpactCategory c);
std::optional<ImpactCategory> impactCategoryFromId(std::string_view id);
/// A unit as people read it: "kg_sb_eq" is "kg Sb eq.", "kg_co2e" "kg CO2e", "Pt" (single
/// scores) "Pt"; an unknown word is returned as it is.
std::string readableUnit(std::string_view fileUnit);

/// A value in each category (nullopt: no figure).
using ImpactValues = std::array<std::optional<double>, kImpactCategories>;

/// An impact set: figures per functional block and HSL level, and per kWh of electricity.
struct ImpactSet {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    std::string sourceFile;
    struct HslBlock {
        Block block = Block::Others;
        int level = 0;
        ImpactValues fabrication;
        ImpactValues endOfLife;
    };
    struct Electricity {
        std::string grid;    ///< a grid factor id of the factor sets: "grid.us"
        std::string country; ///< the source's region code: "USA", "WOR"
        ImpactValues perKwh;
    };
    /// Figures per area of an integrated circuit's die (the IC model's dies), in the categories
    /// the source has; packages and memory parts have none.
    struct IcDie {
        Amount per; ///< the area the values are for: 1 mm2
        ImpactValues values;
        std::string basis;
        std::string note;
        std::vector<Source> sources;
    };
    std::vector<HslBlock> hslBlocks;
    std::vector<Electricity> electricity;
    std::optional<IcDie> icDie;

    const HslBlock* findHsl(Block block, int level) const;
    const Electricity* findGrid(std::string_view grid) const;
};

/// One line of a component's impacts: where its figures come from and the stage they belong to.
struct ImpactLine {
    std::string basis; ///< "TIDE casing HSL-1, fabrication", "2.6 kWh x electricity USA"
    Stage stage = Stage::Production;
    ImpactValues values;
};

struct ComponentImpacts {
    std::string id;
    std::string name;
    Block block = Block::Others;
    std::vector<ImpactLine> lines;
    ImpactValues total; ///< nullopt in a category where a line (or the whole component) has no figure
};

struct ImpactResult {
    std::string systemId;
    std::string impactSet;
    std::vector<ComponentImpacts> components;
    /// Sum over the components that have a figure; complete[c] says whether every one had.
    std::array<double, kImpactCategories> total{};
    std::array<bool, kImpactCategories> complete{};
    std::array<std::array<double, kImpactCategories>, 5> byStage{}; ///< indexed by Stage
    /// stageComplete[stage][c]: no component of that stage (its lines' stages, or its CO2e stage
    /// when it has no line) lacks a figure in category c.
    std::array<std::array<bool, kImpactCategories>, 5> stageComplete{};
    std::vector<Diagnostic> diagnostics;

    /// The total of category C as its own kind of quantity.
    template <ImpactCategory C>
    units::ImpactQuantity<units::kImpactOrdinal + static_cast<int>(C)> totalOf() const {
        return units::impact<units::kImpactOrdinal + static_cast<int>(C)>(total[static_cast<std::size_t>(C)]);
    }
};

/// Loads a "tinyfoot.impact_set" file strictly (loader.h's rules): every category TinyFoot knows
/// in its own unit, every block and level once with all the set's categories, electricity per
/// grid id with the categories its source has.
ImpactSet loadImpactSet(std::istream& in, const std::string& sourceName);

/// The impacts of `system` (calculated as `result` with the same catalogue) under `set`.
/// Disabled components are left out, as in the CO2e result.
ImpactResult assessImpacts(const System& system, const Result& result, const ImpactSet& set, const HslCatalogue* hsl);

} // namespace tinyfoot
