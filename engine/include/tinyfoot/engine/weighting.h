// Normalised and weighted single scores (EF 3.1): each category's figure divided by what one
// person causes in it in a year (normalisation), times the category's weight, summed over the
// categories into one score in points (Pt, weighted person-years). An option, never the default:
// the score hides the trade-offs between categories and its weights are a value choice.
//
// Climate change is TinyFoot's own CO2e result; the other categories come from an impact set
// (impact.h). A category without a figure leaves the score incomplete: the score sums what is
// known and says which weight it covers. docs/method.md §7 has the rules.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/impact.h"

#include <array>
#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot {

/// A normalisation and weighting set: for each weighted category, the impact of one person in one
/// year and the weight in percent.
struct WeightingSet {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    int year = 0;
    std::string licence;
    std::string note;
    std::string sourceFile;
    struct Entry {
        /// nullopt: climate change, kg CO2e (the engine's own result); else an impact category.
        std::optional<ImpactCategory> category;
        double normalisation = 0.0; ///< category unit per person and year, > 0
        double weightPercent = 0.0; ///< ≥ 0
    };
    std::vector<Entry> entries; ///< climate change first when it is weighted

    double weightSum() const;
};

/// Loads a "tinyfoot.weighting_set" file strictly (loader.h's rules): every category at most
/// once ("gwp" for climate change, else an impact category id) with its unit, normalisation and
/// weight; the weights add up to 100 % within 0.01.
WeightingSet loadWeightingSet(std::istream& in, const std::string& sourceName);

/// One category's share of a single score.
struct WeightedCategory {
    std::optional<ImpactCategory> category; ///< nullopt: climate change
    double value = 0.0;                     ///< the category's total (known components)
    bool complete = false;                  ///< every component had a figure
    double normalised = 0.0;                ///< person-years
    double weightPercent = 0.0;
    double points = 0.0; ///< normalised × weight / 100, Pt
};

struct SingleScore {
    std::string weightingSet;
    std::vector<WeightedCategory> categories; ///< in the set's order
    double points = 0.0;                      ///< the sum, Pt
    std::array<double, 5> byStage{};          ///< Pt, indexed by Stage
    double coveredWeightPercent = 0.0;        ///< the weights of the complete categories
    bool complete = false;                    ///< every weighted category complete
};

/// The id a category has in weighting files and reports: "gwp" for climate change.
std::string weightedCategoryId(const std::optional<ImpactCategory>& category);
/// Its unit as in files: "kg_co2e" for climate change.
std::string weightedCategoryUnit(const std::optional<ImpactCategory>& category);

/// A value of an entry's category in points: value / normalisation × weight / 100, the division
/// made on the category's own quantity type.
double weightedPoints(const WeightingSet::Entry& entry, double value);

/// The single score of one system: its CO2e result and its impact assessment under `set`.
SingleScore singleScore(const Result& co2e, const ImpactResult& impacts, const WeightingSet& set);

} // namespace tinyfoot
