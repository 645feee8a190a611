#include "tinyfoot/engine/weighting.h"

#include "json_reader.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/units.h"

#include <cmath>
#include <utility>

namespace tinyfoot {

using namespace detail;

namespace {

/// value / normalisation of category I, as its own kind of quantity: the quotient of two
/// quantities of one dimension is a plain number (person-years), whatever the category.
template <std::size_t I>
double normaliseImpact(double value, double normalisation) {
    constexpr int ordinal = units::kImpactOrdinal + static_cast<int>(I);
    return units::impact<ordinal>(value) / units::impact<ordinal>(normalisation);
}

template <std::size_t... I>
constexpr std::array<double (*)(double, double), kImpactCategories> normalisers(std::index_sequence<I...>) {
    return {&normaliseImpact<I>...};
}

double normalise(const std::optional<ImpactCategory>& category, double value, double normalisation) {
    if (!category) return units::kgCo2e(value) / units::kgCo2e(normalisation);
    static constexpr auto table = normalisers(std::make_index_sequence<kImpactCategories>{});
    return table[static_cast<std::size_t>(*category)](value, normalisation);
}

} // namespace

std::string weightedCategoryId(const std::optional<ImpactCategory>& category) {
    return category ? std::string(impactCategoryInfo(*category).id) : "gwp";
}

std::string weightedCategoryUnit(const std::optional<ImpactCategory>& category) {
    return category ? std::string(impactCategoryInfo(*category).unit) : "kg_co2e";
}

double WeightingSet::weightSum() const {
    double sum = 0.0;
    for (const auto& e : entries) sum += e.weightPercent;
    return sum;
}

WeightingSet loadWeightingSet(std::istream& in, const std::string& sourceName) {
    const Json json = parseDocument(in, sourceName);
    ObjectReader root = documentRoot(json, sourceName, "tinyfoot.weighting_set");
    WeightingSet set;
    set.sourceFile = sourceName;
    set.id = identifier(root.required("id"));
    set.name = root.required("name").nonEmptyString();
    set.description = optionalString(root, "description");
    set.sources = readSources(root, SourcesRule::Required);
    set.year = root.required("year").integer(1900, 2100);
    set.licence = root.required("licence").nonEmptyString();
    set.note = optionalString(root, "note");
    std::vector<std::string> seen;
    const auto categoriesNode = root.required("categories");
    for (const Node& n : categoriesNode.nonEmptyArray()) {
        ObjectReader o = n.object();
        WeightingSet::Entry e;
        const Node idNode = o.required("id");
        const std::string id = idNode.string();
        if (id != "gwp") {
            e.category = impactCategoryFromId(id);
            if (!e.category) {
                std::string known = "gwp";
                for (const auto& info : impactCategories()) known += ", " + std::string(info.id);
                idNode.fail("a category id (" + known + ")");
            }
        }
        for (const auto& s : seen)
            if (s == id) idNode.fail("a category not listed before", "'" + id + "' again");
        seen.push_back(id);
        const Node unitNode = o.required("unit");
        if (unitNode.string() != weightedCategoryUnit(e.category))
            unitNode.fail("\"" + weightedCategoryUnit(e.category) + "\", the unit of " + id);
        e.normalisation = positive(o.required("normalisation_per_person_year"));
        e.weightPercent = o.required("weight_percent").nonNegative();
        o.finish();
        if (!e.category) set.entries.insert(set.entries.begin(), e);
        else set.entries.push_back(e);
    }
    if (std::fabs(set.weightSum() - 100.0) > 0.01)
        categoriesNode.fail("weights that add up to 100 %", format::shortestRounded(set.weightSum()) + " %");
    root.finish();
    return set;
}

double weightedPoints(const WeightingSet::Entry& entry, double value) {
    return normalise(entry.category, value, entry.normalisation) * entry.weightPercent / 100.0;
}

SingleScore singleScore(const Result& co2e, const ImpactResult& impacts, const WeightingSet& set) {
    SingleScore s;
    s.weightingSet = set.id;
    s.complete = true;
    for (const auto& e : set.entries) {
        WeightedCategory w;
        w.category = e.category;
        w.weightPercent = e.weightPercent;
        const double k = e.weightPercent / 100.0;
        if (!e.category) {
            w.value = units::inKgCo2e(co2e.total);
            w.complete = co2e.complete;
            for (const auto& [stage, q] : co2e.byStage)
                s.byStage[static_cast<std::size_t>(stage)] +=
                    normalise(e.category, units::inKgCo2e(q), e.normalisation) * k;
        } else {
            const auto c = static_cast<std::size_t>(*e.category);
            w.value = impacts.total[c];
            w.complete = impacts.complete[c];
            for (std::size_t st = 0; st < s.byStage.size(); ++st)
                s.byStage[st] += normalise(e.category, impacts.byStage[st][c], e.normalisation) * k;
        }
        w.normalised = normalise(e.category, w.value, e.normalisation);
        w.points = w.normalised * k;
        s.points += w.points;
        if (w.complete) s.coveredWeightPercent += e.weightPercent;
        else s.complete = false;
        s.categories.push_back(w);
    }
    return s;
}

} // namespace tinyfoot
