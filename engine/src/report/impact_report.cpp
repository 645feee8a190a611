#include "tinyfoot/engine/report/impact_report.h"

#include <algorithm>

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/text_table.h"

namespace tinyfoot::report {

namespace {

std::size_t at(ImpactCategory c) { return static_cast<std::size_t>(c); }

std::string value(double v) { return format::general(v, 3); }

nlohmann::json valuesJson(const ImpactValues& v) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& info : impactCategories()) {
        const auto& x = v[at(info.category)];
        j[std::string(info.id)] = x ? nlohmann::json(*x) : nlohmann::json(nullptr);
    }
    return j;
}

nlohmann::json totalsJson(const std::array<double, kImpactCategories>& v) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& info : impactCategories()) j[std::string(info.id)] = v[at(info.category)];
    return j;
}

nlohmann::json sourcesJson(const ImpactSet& set) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& s : set.sources) {
        nlohmann::json e{{"citation", s.citation}};
        if (!s.url.empty()) e["url"] = s.url;
        j.push_back(e);
    }
    return j;
}

} // namespace

void writeImpactTable(std::ostream& out, const ImpactResult& result, const ImpactSet& set, ImpactCategory category,
                      const std::string& systemName) {
    const auto& info = impactCategoryInfo(category);
    const std::size_t c = at(category);
    out << info.name << " of " << systemName << " (" << result.systemId << ", impact set " << set.id << ")\n\n";
    std::vector<std::vector<std::string>> rows{{"component", "stage", std::string(info.unit), "basis"}};
    std::size_t withoutFigure = 0;
    for (const auto& comp : result.components) {
        if (comp.lines.empty() || !comp.total[c]) ++withoutFigure;
        if (comp.lines.empty()) {
            rows.push_back({comp.name, "", "no figure", "costed in CO2e only (see the warnings)"});
            continue;
        }
        for (const auto& l : comp.lines)
            rows.push_back(
                {comp.name, std::string(stageId(l.stage)), l.values[c] ? value(*l.values[c]) : "no figure", l.basis});
    }
    rows.push_back({"", "", "", ""});
    rows.push_back(
        {"total", "", value(result.total[c]),
         result.complete[c] ? "" : "incomplete: " + std::to_string(withoutFigure) + " components without a figure"});
    for (const Stage s : {Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife})
        if (result.byStage[static_cast<std::size_t>(s)][c] != 0.0)
            rows.push_back(
                {"  " + std::string(stageId(s)), "", value(result.byStage[static_cast<std::size_t>(s)][c]), ""});
    out << alignedTable(rows, 2) << "\n";
    if (!result.diagnostics.empty()) {
        out << "Diagnostics:\n";
        for (const auto& d : result.diagnostics)
            out << "  " << severityId(d.severity) << " [" << d.code << "] " << d.message << "\n";
        out << "\n";
    }
    out << "Sources (" << set.id << "):\n";
    for (const auto& s : set.sources) out << "  " << s.citation << (s.url.empty() ? "" : " <" + s.url + ">") << "\n";
}

nlohmann::json impactsToJson(const ImpactResult& result, const ImpactSet& set) {
    nlohmann::json j;
    j["impact_set"] = set.id;
    nlohmann::json cats = nlohmann::json::array();
    for (const auto& info : impactCategories())
        cats.push_back({{"id", info.id}, {"name", info.name}, {"unit", info.unit}});
    j["categories"] = cats;
    nlohmann::json comps = nlohmann::json::array();
    for (const auto& comp : result.components) {
        nlohmann::json lines = nlohmann::json::array();
        for (const auto& l : comp.lines)
            lines.push_back({{"stage", stageId(l.stage)}, {"basis", l.basis}, {"values", valuesJson(l.values)}});
        comps.push_back({{"id", comp.id},
                         {"name", comp.name},
                         {"block", blockId(comp.block)},
                         {"lines", lines},
                         {"total", valuesJson(comp.total)}});
    }
    j["components"] = comps;
    nlohmann::json stages = nlohmann::json::object();
    for (const Stage s : {Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife})
        stages[std::string(stageId(s))] = totalsJson(result.byStage[static_cast<std::size_t>(s)]);
    j["by_stage"] = stages;
    j["total"] = totalsJson(result.total);
    nlohmann::json complete = nlohmann::json::object();
    for (const auto& info : impactCategories()) complete[std::string(info.id)] = result.complete[at(info.category)];
    j["complete"] = complete;
    nlohmann::json diags = nlohmann::json::array();
    for (const auto& d : result.diagnostics)
        diags.push_back(
            {{"severity", severityId(d.severity)}, {"code", d.code}, {"message", d.message}, {"where", d.where}});
    j["diagnostics"] = diags;
    j["sources"] = sourcesJson(set);
    return j;
}

void writeEndOfLifeMassTable(std::ostream& out, const EndOfLifeMass& mass, const ItemMassTable* table,
                             const std::string& systemName) {
    out << "Mass at end of life by material of " << systemName << " (" << mass.systemId
        << ", over the lifetime, replaced batteries included)\n\n";
    std::vector<std::vector<std::string>> rows{{"material", "kg", "share", "from"}};
    for (const auto& m : mass.materials) {
        std::string from;
        for (const auto& b : m.bases) from += (from.empty() ? "" : "; ") + b;
        rows.push_back({m.material, value(m.kg),
                        mass.weighedKg > 0.0 ? format::fixed(100.0 * m.kg / mass.weighedKg, 1) + " %" : "", from});
    }
    rows.push_back({"", "", "", ""});
    rows.push_back(
        {"weighed", value(mass.weighedKg), "",
         mass.complete() ? "" : "incomplete: " + std::to_string(mass.unweighed.size()) + " items unweighed"});
    if (mass.shippedKg) rows.push_back({"shipped device (freight)", value(*mass.shippedKg), "", "the check"});
    out << alignedTable(rows, 2) << "\n";
    if (!mass.unweighed.empty()) {
        out << "Unweighed (left out of the sum, not counted as zero):\n";
        for (const auto& u : mass.unweighed)
            out << "  " << u.component << ": " << u.item << " (" << u.quantity << ")\n";
        out << "\n";
    }
    if (table) {
        out << "Item masses (" << table->id << "): " << table->name << "\n";
        std::vector<std::string> seen;
        const auto cite = [&](const Source& s) {
            if (std::find(seen.begin(), seen.end(), s.citation) != seen.end()) return;
            seen.push_back(s.citation);
            out << "  " << s.citation << (s.url.empty() ? "" : " <" + s.url + ">") << "\n";
        };
        for (const auto& s : table->sources) cite(s);
        for (const auto& item : table->items)
            for (const auto& s : item.sources) cite(s);
    } else {
        out << "No item-mass table (data/materials): items counted by part or area are unweighed.\n";
    }
}

nlohmann::json endOfLifeMassToJson(const EndOfLifeMass& mass) {
    nlohmann::json j;
    j["item_mass_table"] = mass.itemMassTable.empty() ? nlohmann::json(nullptr) : nlohmann::json(mass.itemMassTable);
    nlohmann::json materials = nlohmann::json::array();
    for (const auto& m : mass.materials)
        materials.push_back({{"material", m.material}, {"kg", m.kg}, {"components", m.components}, {"bases", m.bases}});
    j["materials"] = materials;
    j["weighed_kg"] = mass.weighedKg;
    j["shipped_kg"] = mass.shippedKg ? nlohmann::json(*mass.shippedKg) : nlohmann::json(nullptr);
    nlohmann::json unweighed = nlohmann::json::array();
    for (const auto& u : mass.unweighed)
        unweighed.push_back(
            {{"component", u.componentId}, {"name", u.component}, {"item", u.item}, {"quantity", u.quantity}});
    j["unweighed"] = unweighed;
    j["complete"] = mass.complete();
    return j;
}

void writeSingleScoreTable(std::ostream& out, const SingleScore& score, const WeightingSet& set,
                           const std::string& systemId, const std::string& systemName) {
    out << "Single score of " << systemName << " (" << systemId << ", normalised and weighted, " << set.id << ")\n\n";
    std::vector<std::vector<std::string>> rows{
        {"category", "value", "unit", "person-years", "weight", "uPt", "share", ""}};
    for (const auto& c : score.categories)
        rows.push_back({weightedCategoryId(c.category), value(c.value), weightedCategoryUnit(c.category),
                        value(c.normalised), format::fixed(c.weightPercent, 2) + " %", value(c.points * 1e6),
                        score.points > 0.0 ? format::fixed(100.0 * c.points / score.points, 1) + " %" : "",
                        c.complete ? "" : "incomplete"});
    rows.push_back({"", "", "", "", "", "", "", ""});
    rows.push_back({"single score", "", "", "", "", value(score.points * 1e6), "", score.complete ? "" : "incomplete"});
    for (const Stage st : {Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife, Stage::WholeLifeCycle})
        if (score.byStage[static_cast<std::size_t>(st)] != 0.0)
            rows.push_back({"  " + std::string(stageId(st)), "", "", "", "",
                            value(score.byStage[static_cast<std::size_t>(st)] * 1e6), "", ""});
    out << alignedTable(rows, 2) << "\n";
    out << "uPt: millionths of a point; 1 Pt is the weighted yearly impact of one person (" << set.id << ").\n";
    if (!score.complete)
        out << "Incomplete: the categories marked leave out components without a figure; the complete ones carry "
            << format::fixed(score.coveredWeightPercent, 2) << " % of the weight.\n";
    if (!set.note.empty()) out << set.note << "\n";
    out << "\nSources (" << set.id << "):\n";
    for (const auto& src : set.sources)
        out << "  " << src.citation << (src.url.empty() ? "" : " <" + src.url + ">") << "\n";
}

nlohmann::json singleScoreToJson(const SingleScore& score) {
    nlohmann::json j;
    j["weighting_set"] = score.weightingSet;
    j["unit"] = "Pt";
    nlohmann::json cats = nlohmann::json::array();
    for (const auto& c : score.categories)
        cats.push_back({{"id", weightedCategoryId(c.category)},
                        {"value", c.value},
                        {"unit", weightedCategoryUnit(c.category)},
                        {"complete", c.complete},
                        {"normalised", c.normalised},
                        {"weight_percent", c.weightPercent},
                        {"points", c.points}});
    j["categories"] = cats;
    j["points"] = score.points;
    nlohmann::json stages = nlohmann::json::object();
    for (const Stage st : {Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife, Stage::WholeLifeCycle})
        stages[std::string(stageId(st))] = score.byStage[static_cast<std::size_t>(st)];
    j["by_stage"] = stages;
    j["covered_weight_percent"] = score.coveredWeightPercent;
    j["complete"] = score.complete;
    return j;
}

} // namespace tinyfoot::report
