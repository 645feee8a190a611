#include "tinyfoot/engine/report/impact_report.h"

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

} // namespace tinyfoot::report
