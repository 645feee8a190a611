#include "tinyfoot/engine/report/system_report.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/csv.h"
#include "tinyfoot/engine/report/factor_set_report.h"
#include "tinyfoot/engine/report/text_table.h"

#include <algorithm>
#include <sstream>

namespace tinyfoot::report {

using units::inKgCo2e;

namespace {

/// `part` as a share of `whole` in percent, to one decimal ("12.3 %"); empty when whole is not positive.
std::string shareOfWhole(double part, double whole) {
    if (whole <= 0.0) return "";
    return format::fixed(100.0 * part / whole, 1) + " %";
}

void writeDiagnostics(std::ostream& out, const Result& r) {
    for (const auto& d : r.diagnostics)
        out << "  " << severityId(d.severity) << " [" << d.code << "] " << d.where << ": " << d.message << "\n";
}

nlohmann::json amountToJson(const Amount& a) { return {{"value", a.value}, {"unit", a.unit}}; }

} // namespace

std::vector<Block> comparisonBlocks(const std::vector<Result>& results) {
    std::vector<Block> out;
    for (Block b : kAllBlocks) {
        bool used = b != Block::Declared; // the paper's 15 rows are always shown
        for (const auto& r : results) used = used || r.byBlock.count(b) > 0;
        if (used) out.push_back(b);
    }
    return out;
}

void writeReportTable(std::ostream& out, const Result& r, const TableOptions& o) {
    out << r.systemName << "  (" << r.systemId << ", factor set " << r.factorSet << ")\n\n";
    std::size_t nameWidth = 24;
    for (const auto& c : r.components) nameWidth = std::max(nameWidth, c.name.size() + 2);
    out << padRight("component", nameWidth) << padRight("stage", 14) << padLeft("kg CO2e", 10) << padLeft("share", 9)
        << "  method\n";
    for (Block b : kAllBlocks) {
        for (const auto& c : r.components) {
            if (c.block != b) continue;
            std::string how = std::string(methodId(c.method));
            if (!c.methodDetail.empty()) how += ": " + c.methodDetail;
            if (!c.complete) how += " (INCOMPLETE)";
            out << padRight(c.name, nameWidth) << padRight(std::string(stageName(c.stage)).substr(0, 13), 14)
                << padLeft(c.enabled ? format::fixed(inKgCo2e(c.co2e), o.decimals) : "-", 10)
                << padLeft(c.enabled ? shareOfWhole(inKgCo2e(c.co2e), inKgCo2e(r.total)) : "", 9) << "  " << how
                << "\n";
            if (!o.detail) continue;
            for (const auto& l : c.lines) {
                out << "    " << l.name << ": " << l.quantity;
                if (!l.factorBehind().empty())
                    out << " x " << format::shortestRounded(l.factorValue) << " " << l.factorUnit << " ["
                        << (l.derived() ? "derived from " + l.factorBehind() : l.factorId) << "]";
                out << " = " << format::general(inKgCo2e(l.co2e), 4) << " kg CO2e\n";
            }
        }
    }
    out << "\n"
        << padRight("total", nameWidth) << padRight("", 14) << padLeft(format::fixed(inKgCo2e(r.total), o.decimals), 10)
        << "\n";
    if (r.stageSplitKnown) {
        out << padRight("  embodied", nameWidth) << padRight("", 14)
            << padLeft(format::fixed(inKgCo2e(r.embodied), o.decimals), 10)
            << padLeft(shareOfWhole(inKgCo2e(r.embodied), inKgCo2e(r.total)), 9)
            << "  production + transport + end of life\n";
        out << padRight("  operational", nameWidth) << padRight("", 14)
            << padLeft(format::fixed(inKgCo2e(r.operational), o.decimals), 10)
            << padLeft(shareOfWhole(inKgCo2e(r.operational), inKgCo2e(r.total)), 9) << "  use\n";
    }
    out << "\nValues are rounded from exact results; rows may not add up to the total at this precision.\n";
    if (!r.complete) out << "INCOMPLETE: some factors are missing; the total leaves those lines out.\n";
    if (!r.diagnostics.empty()) {
        out << "\nDiagnostics:\n";
        writeDiagnostics(out, r);
    }
}

void writeComparisonTable(std::ostream& out, const std::vector<Result>& results, const TableOptions& o) {
    std::size_t labelWidth = 18;
    for (Block b : comparisonBlocks(results)) labelWidth = std::max(labelWidth, blockName(b).size() + 2);
    std::size_t colWidth = 10;
    for (const auto& r : results) colWidth = std::max(colWidth, r.systemId.size() + 2);
    out << "Systems:\n";
    for (const auto& r : results)
        out << "  " << padRight(r.systemId, colWidth) << r.systemName << "  (factor set " << r.factorSet << ")\n";
    out << "\n" << padRight("kg CO2e", labelWidth);
    for (const auto& r : results) out << padLeft(r.systemId, colWidth);
    out << "\n";
    for (Block b : comparisonBlocks(results)) {
        out << padRight(std::string(blockName(b)), labelWidth);
        for (const auto& r : results) {
            // Reference devices declared as a whole have no block split: leave those cells blank.
            // and systems without declared figures leave the "declared" row blank.
            const bool known = r.byBlock.count(b) > 0 || (!r.byBlock.count(Block::Declared) && b != Block::Declared);
            out << padLeft(known ? format::fixed(inKgCo2e(r.block(b)), o.decimals) : "", colWidth);
        }
        out << "\n";
    }
    auto row = [&](const std::string& label, auto value, auto known) {
        out << padRight(label, labelWidth);
        for (const auto& r : results)
            out << padLeft(known(r) ? format::fixed(inKgCo2e(value(r)), o.decimals) : "n/a", colWidth);
        out << "\n";
    };
    out << "\n";
    row(
        "total", [](const Result& r) { return r.total; }, [](const Result&) { return true; });
    row(
        "embodied", [](const Result& r) { return r.embodied; }, [](const Result& r) { return r.stageSplitKnown; });
    row(
        "operational", [](const Result& r) { return r.operational; },
        [](const Result& r) { return r.stageSplitKnown; });

    out << "\nRatios of totals (row / column):\n" << padRight("", labelWidth);
    for (const auto& r : results) out << padLeft(r.systemId, colWidth);
    out << "\n";
    for (const auto& a : results) {
        out << padRight(a.systemId, labelWidth);
        for (const auto& b : results) {
            const double den = inKgCo2e(b.total);
            out << padLeft(den > 0.0 ? format::ratio(inKgCo2e(a.total) / den) : "n/a", colWidth);
        }
        out << "\n";
    }
    bool incomplete = false;
    for (const auto& r : results) incomplete = incomplete || !r.complete;
    out << "\nValues are rounded from exact results; rows may not add up to the total at this precision.\n";
    if (incomplete) out << "INCOMPLETE: some systems miss factors; run 'tinyfoot report' on them for details.\n";
}

nlohmann::json resultToJson(const Result& r) {
    nlohmann::json j;
    j["system"] = {{"id", r.systemId}, {"name", r.systemName}, {"kind", r.systemKind}};
    j["factor_set"] = r.factorSet;
    j["total_kg_co2e"] = inKgCo2e(r.total);
    j["complete"] = r.complete;
    if (r.stageSplitKnown) {
        j["embodied_kg_co2e"] = inKgCo2e(r.embodied);
        j["operational_kg_co2e"] = inKgCo2e(r.operational);
    } else {
        j["embodied_kg_co2e"] = nullptr;
        j["operational_kg_co2e"] = nullptr;
    }
    j["by_stage"] = nlohmann::json::object();
    for (const auto& [s, v] : r.byStage) j["by_stage"][std::string(stageId(s))] = inKgCo2e(v);
    j["by_block"] = nlohmann::json::object();
    for (const auto& [b, v] : r.byBlock) j["by_block"][std::string(blockId(b))] = inKgCo2e(v);
    j["components"] = nlohmann::json::array();
    for (const auto& c : r.components) {
        nlohmann::json cj{{"id", c.id},
                          {"name", c.name},
                          {"block", blockId(c.block)},
                          {"stage", stageId(c.stage)},
                          {"method", methodId(c.method)},
                          {"enabled", c.enabled},
                          {"complete", c.complete},
                          {"kg_co2e", inKgCo2e(c.co2e)}};
        if (!c.methodDetail.empty()) cj["method_detail"] = c.methodDetail;
        if (!c.flags.empty()) {
            cj["flags"] = nlohmann::json::array();
            for (Flag f : c.flags) cj["flags"].push_back(std::string(flagId(f)));
        }
        if (c.measurement) {
            const Measurement& m = *c.measurement;
            cj["measurement"] = {{"file", m.file},     {"kind", m.kind},       {"complete", m.complete},
                                 {"device", m.device}, {"monitor", m.monitor}, {"started", m.started}};
        }
        cj["lines"] = nlohmann::json::array();
        for (const auto& l : c.lines) {
            nlohmann::json lj{{"name", l.name}, {"kg_co2e", inKgCo2e(l.co2e)}};
            lj["amounts"] = nlohmann::json::object();
            for (const auto& [label, a] : l.amounts) lj["amounts"][label] = amountToJson(a);
            if (!l.factorId.empty())
                lj["factor"] = {{"id", l.factorId}, {"value", l.factorValue}, {"unit", l.factorUnit}};
            else if (l.derived())
                lj["factor"] = {{"derived_from", l.derivedFrom},
                                {"derivation", l.derivation},
                                {"value", l.factorValue},
                                {"unit", l.factorUnit}};
            cj["lines"].push_back(std::move(lj));
        }
        j["components"].push_back(std::move(cj));
    }
    j["factors"] = nlohmann::json::array();
    for (const Factor* f : r.factorsUsed) j["factors"].push_back(factorToJson(*f));
    j["diagnostics"] = nlohmann::json::array();
    for (const auto& d : r.diagnostics)
        j["diagnostics"].push_back(
            {{"severity", severityId(d.severity)}, {"code", d.code}, {"message", d.message}, {"where", d.where}});
    return j;
}

nlohmann::json comparisonToJson(const std::vector<Result>& results) {
    nlohmann::json j;
    j["systems"] = nlohmann::json::array();
    for (const auto& r : results) j["systems"].push_back(resultToJson(r));
    j["ratios"] = nlohmann::json::array();
    for (const auto& a : results)
        for (const auto& b : results) {
            if (&a == &b) continue;
            const double den = inKgCo2e(b.total);
            j["ratios"].push_back({{"numerator", a.systemId},
                                   {"denominator", b.systemId},
                                   {"ratio", den > 0.0 ? nlohmann::json(inKgCo2e(a.total) / den) : nlohmann::json()}});
        }
    return j;
}

void writeResultsCsv(std::ostream& out, const std::vector<Result>& results) {
    out << "system_id,system_name,factor_set,component_id,component_name,block,stage,method,enabled,complete,"
           "kg_co2e\n";
    for (const auto& r : results)
        for (const auto& c : r.components)
            out << csvLine({csvField(r.systemId), csvField(r.systemName), csvField(r.factorSet), csvField(c.id),
                            csvField(c.name), std::string(blockId(c.block)), std::string(stageId(c.stage)),
                            std::string(methodId(c.method)), c.enabled ? "true" : "false",
                            c.complete ? "true" : "false", format::shortest(inKgCo2e(c.co2e))});
}

void writeFactorSetComparisonTable(std::ostream& out, const std::vector<Result>& a, const std::vector<Result>& b,
                                   int decimals) {
    const auto line = [&out](const std::string& name, const std::string& x, const std::string& y,
                             const std::string& difference, const std::string& ratio) {
        out << "  " << padRight(name, 22) << " " << padLeft(x, 22) << " " << padLeft(y, 22) << " "
            << padLeft(difference, 12) << " " << padLeft(ratio, 9) << "\n";
    };
    const auto kg = [decimals](double v) { return format::fixed(v, decimals); };
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out << "\n";
        out << a[i].systemId << " (" << a[i].systemName << ")\n";
        line("kg CO2e", a[i].factorSet, b[i].factorSet, "difference", "ratio");
        const auto row = [&](const std::string& name, double x, double y) {
            line(name, kg(x), kg(y), kg(y - x), x > 0.0 ? format::ratio(y / x) : std::string("-"));
        };
        for (Block blk : kAllBlocks) {
            const double x = inKgCo2e(a[i].block(blk));
            const double y = inKgCo2e(b[i].block(blk));
            if (x == 0.0 && y == 0.0) continue;
            row(std::string(blockName(blk)), x, y);
        }
        row("total", inKgCo2e(a[i].total), inKgCo2e(b[i].total));
        row("embodied", inKgCo2e(a[i].embodied), inKgCo2e(b[i].embodied));
        row("operational", inKgCo2e(a[i].operational), inKgCo2e(b[i].operational));
        for (const auto& d : b[i].diagnostics)
            if (d.severity == Severity::Note && d.code.size() > 8 && d.code.substr(d.code.size() - 8) == "-factors")
                out << "  note (" << b[i].factorSet << "): " << d.message << "\n";
    }
}

nlohmann::json factorSetComparisonToJson(const std::vector<Result>& a, const std::vector<Result>& b) {
    nlohmann::json arr = nlohmann::json::array();
    for (std::size_t i = 0; i < a.size(); ++i) {
        nlohmann::json blocks = nlohmann::json::object();
        for (Block blk : kAllBlocks) {
            const double x = inKgCo2e(a[i].block(blk));
            const double y = inKgCo2e(b[i].block(blk));
            if (x == 0.0 && y == 0.0) continue;
            blocks[std::string(blockId(blk))] = {{"a_kg_co2e", x}, {"b_kg_co2e", y}, {"difference_kg_co2e", y - x}};
        }
        arr.push_back({{"system", a[i].systemId},
                       {"factor_set_a", a[i].factorSet},
                       {"factor_set_b", b[i].factorSet},
                       {"blocks", blocks},
                       {"total_a_kg_co2e", inKgCo2e(a[i].total)},
                       {"total_b_kg_co2e", inKgCo2e(b[i].total)},
                       {"a", resultToJson(a[i])},
                       {"b", resultToJson(b[i])}});
    }
    return arr;
}

} // namespace tinyfoot::report
