#include "tinyfoot/engine/report/datasheet.h"

#include "tinyfoot/engine/format/number.h"

#include <algorithm>
#include <array>
#include <set>
#include <sstream>

namespace tinyfoot::report {

namespace {

using Block_ = DatasheetBlock;

std::string kg(units::Co2e q) { return format::grouped(units::inKgCo2e(q), 3); }

std::string amountText(const Amount& a) { return format::shortestRounded(a.value) + " " + a.unit; }

std::string sourceText(const Source& s) { return s.citation + (s.url.empty() ? "" : " <" + s.url + ">"); }

Block_ heading(std::string text, int level = 2) {
    Block_ b;
    b.kind = Block_::Kind::Heading;
    b.level = level;
    b.text = std::move(text);
    return b;
}

Block_ paragraph(std::string text) {
    Block_ b;
    b.kind = Block_::Kind::Paragraph;
    b.text = std::move(text);
    return b;
}

Block_ table(std::vector<std::vector<std::string>> rows, std::vector<bool> numeric) {
    Block_ b;
    b.kind = Block_::Kind::Table;
    b.rows = std::move(rows);
    b.numeric = std::move(numeric);
    return b;
}

Block_ list(std::vector<std::string> items) {
    Block_ b;
    b.kind = Block_::Kind::List;
    b.items = std::move(items);
    return b;
}

std::string percent(double part, double whole) {
    return whole != 0.0 ? format::fixed(100.0 * part / whole, 1) + " %" : "";
}

const Component* useComponent(const System& s) {
    for (const auto& c : s.components)
        if (c.enabled && c.method == Method::UsePower) return &c;
    return nullptr;
}

const ComponentResult* resultOf(const Result& r, const std::string& id) {
    for (const auto& c : r.components)
        if (c.id == id) return &c;
    return nullptr;
}

void summary(const DatasheetInput& in, std::vector<Block_>& out) {
    const Result& r = *in.result;
    out.push_back(heading("Carbon footprint (climate change, kg CO2e)"));
    std::vector<std::vector<std::string>> rows{{"quantity", "kg CO2e", "note"}};
    rows.push_back({"life cycle", kg(r.total), r.complete ? "" : "INCOMPLETE: see the diagnostics"});
    if (r.stageSplitKnown) {
        rows.push_back({"embodied (production, transport, end of life)", kg(r.embodied),
                        percent(units::inKgCo2e(r.embodied), units::inKgCo2e(r.total))});
        rows.push_back({"operational (use)", kg(r.operational),
                        percent(units::inKgCo2e(r.operational), units::inKgCo2e(r.total))});
    }
    if (r.lifetimeYears > 0.0) {
        rows.push_back({"per year of use", format::grouped(units::inKgCo2e(r.total) / r.lifetimeYears, 3),
                        "over a lifetime of " + format::shortestRounded(r.lifetimeYears) + " years"});
        if (r.stageSplitKnown)
            rows.push_back({"operational per year of use",
                            format::grouped(units::inKgCo2e(r.operational) / r.lifetimeYears, 3), ""});
    }
    if (r.inferences && *r.inferences > 0.0) {
        rows.push_back({"per inference", format::general(units::inKgCo2e(r.total) / *r.inferences, 3),
                        format::count(*r.inferences) + " inferences over the lifetime"});
        if (r.stageSplitKnown)
            rows.push_back(
                {"operational per inference", format::general(units::inKgCo2e(r.operational) / *r.inferences, 3), ""});
    }
    out.push_back(table(std::move(rows), {false, true, false}));

    out.push_back(heading("By life-cycle stage", 3));
    std::vector<std::vector<std::string>> stages{{"stage", "kg CO2e", "share"}};
    for (const Stage s : {Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife, Stage::WholeLifeCycle}) {
        const auto it = r.byStage.find(s);
        if (it == r.byStage.end()) continue;
        stages.push_back(
            {std::string(stageId(s)), kg(it->second), percent(units::inKgCo2e(it->second), units::inKgCo2e(r.total))});
    }
    out.push_back(table(std::move(stages), {false, true, true}));

    out.push_back(heading("By component", 3));
    std::vector<std::vector<std::string>> comps{{"component", "stage", "kg CO2e", "method"}};
    for (const auto& c : r.components)
        comps.push_back({c.name, std::string(stageId(c.stage)), kg(c.co2e), c.methodDetail});
    out.push_back(table(std::move(comps), {false, false, true, false}));
}

void useStage(const DatasheetInput& in, std::vector<Block_>& out) {
    const Component* c = useComponent(*in.system);
    out.push_back(heading("Energy in use"));
    if (!c) {
        out.push_back(paragraph("The system has no use stage computed from power or energy."));
        return;
    }
    const ComponentResult* cr = resultOf(*in.result, c->id);
    const UseModel& u = c->use;
    if (u.kind == UseModel::Kind::Inference) {
        if (u.measurement) {
            const Measurement& m = *u.measurement;
            std::vector<std::string> items{
                "energy per inference: " + amountText(m.energyPerInference) + " (median, gross)" +
                    (m.idleSubtracted ? "; " + amountText(*m.idleSubtracted) + " less the idle baseline (used)" : ""),
                "kind: " + m.kind + (m.complete ? "" : " (session marked incomplete)"), "results file: " + m.file};
            if (!m.device.empty()) items.push_back("device: " + m.device);
            if (!m.monitor.empty()) items.push_back("power monitor: " + m.monitor);
            if (!m.started.empty()) items.push_back("session started: " + m.started);
            if (m.inferenceTime) items.push_back("inference time: " + amountText(*m.inferenceTime));
            if (m.idlePower) items.push_back("idle power: " + amountText(*m.idlePower));
            for (const auto& s : m.sources) items.push_back("source: " + sourceText(s));
            out.push_back(paragraph("The energy per inference is taken from a harness measurement:"));
            out.push_back(list(std::move(items)));
        } else {
            out.push_back(paragraph("The energy per inference is given in the system file (" +
                                    amountText(u.energyPerInference) + "); it is not a TinyFoot measurement."));
        }
    }
    if (cr && !cr->lines.empty()) {
        const LineResult& line = cr->lines.front();
        std::vector<std::vector<std::string>> rows{{"quantity", "value"}};
        for (const auto& [name, a] : line.amounts) rows.push_back({name, amountText(a)});
        if (!line.factorId.empty())
            rows.push_back({"grid intensity (" + line.factorId + ")",
                            format::shortestRounded(line.factorValue) + " " + line.factorUnit});
        rows.push_back({"use stage", kg(cr->co2e) + " kg CO2e"});
        out.push_back(paragraph(line.quantity));
        out.push_back(table(std::move(rows), {false, true}));
    }
    std::string supply = "Supply: " + std::string(supplyId(u.supply));
    if (u.efficiency != 1.0) supply += ", efficiency " + format::shortestRounded(u.efficiency);
    out.push_back(paragraph(supply + "."));
}

void otherCategories(const DatasheetInput& in, std::vector<Block_>& out) {
    if (!in.impacts || !in.impactSet) return;
    const ImpactResult& r = *in.impacts;
    out.push_back(heading("Other impact categories (" + in.impactSet->id + ")"));
    out.push_back(paragraph("Per device over its life cycle, by stage; docs/method.md section 7 gives the rules "
                            "and the known gaps of the data."));
    std::vector<std::vector<std::string>> rows{
        {"category", "unit", "total", "production", "transport", "use", "end of life"}};
    for (const auto& info : impactCategories()) {
        const auto c = static_cast<std::size_t>(info.category);
        const auto st = [&](Stage s) {
            const auto i = static_cast<std::size_t>(s);
            const double v = r.byStage[i][c];
            if (r.stageComplete[i][c]) return format::general(v, 3);
            return v == 0.0 ? std::string("no figure") : format::general(v, 3) + " *";
        };
        rows.push_back({std::string(info.id), std::string(info.unit),
                        format::general(r.total[c], 3) + (r.complete[c] ? "" : " *"), st(Stage::Production),
                        st(Stage::Transport), st(Stage::Use), st(Stage::EndOfLife)});
    }
    out.push_back(table(std::move(rows), {false, false, true, true, true, true, true}));
    out.push_back(paragraph("* leaves out components without a figure in the category (listed below)."));
    std::vector<std::string> names;
    for (const auto& info : impactCategories()) names.push_back(std::string(info.id) + ": " + std::string(info.name));
    out.push_back(list(std::move(names)));
    std::vector<std::string> missing;
    for (const auto& d : r.diagnostics)
        missing.push_back(std::string(severityId(d.severity)) + " [" + d.code + "] " + d.message);
    if (!missing.empty()) out.push_back(list(std::move(missing)));
}

void endOfLifeMass(const DatasheetInput& in, std::vector<Block_>& out) {
    if (!in.endOfLife) return;
    const EndOfLifeMass& m = *in.endOfLife;
    out.push_back(heading("Mass at end of life by material"));
    out.push_back(paragraph("The device's bill of materials weighed over its lifetime, replaced batteries included "
                            "(docs/method.md section 7)."));
    std::vector<std::vector<std::string>> rows{{"material", "kg", "from"}};
    for (const auto& mat : m.materials) {
        std::string from;
        for (const auto& b : mat.bases) from += (from.empty() ? "" : "; ") + b;
        rows.push_back({mat.material, format::general(mat.kg, 3), from});
    }
    rows.push_back({m.complete() ? "weighed" : "weighed *", format::general(m.weighedKg, 3), ""});
    if (m.shippedKg) rows.push_back({"device as shipped (freight)", format::general(*m.shippedKg, 3), "the check"});
    out.push_back(table(std::move(rows), {false, true, false}));
    if (!m.unweighed.empty()) {
        out.push_back(paragraph("* leaves out the items nothing weighs (not counted as zero):"));
        std::vector<std::string> items;
        for (const auto& u : m.unweighed) items.push_back(u.component + ": " + u.item + " (" + u.quantity + ")");
        out.push_back(list(std::move(items)));
    }
}

void assumptions(const DatasheetInput& in, std::vector<Block_>& out) {
    const System& s = *in.system;
    const Result& r = *in.result;
    out.push_back(heading("Assumptions"));
    std::vector<std::string> items{"lifetime: " + amountText(s.lifetime),
                                   "factor set: " + r.factorSet + (in.factors ? " (" + in.factors->name + ")" : "")};
    if (in.hsl) items.push_back("hardware specification levels: " + in.hsl->id);
    for (const auto& c : s.components) {
        if (!c.enabled) items.push_back(c.name + ": disabled, not counted");
        if (!c.note.empty()) items.push_back(c.name + ": " + c.note);
    }
    out.push_back(list(std::move(items)));
    if (!r.diagnostics.empty()) {
        out.push_back(heading("Diagnostics", 3));
        std::vector<std::string> d;
        for (const auto& x : r.diagnostics)
            d.push_back(std::string(severityId(x.severity)) + " [" + x.code + "] " + x.message);
        out.push_back(list(std::move(d)));
    }
}

void provenance(const DatasheetInput& in, std::vector<Block_>& out) {
    const Result& r = *in.result;
    out.push_back(heading("Data and provenance"));
    if (!in.system->sources.empty()) {
        out.push_back(heading("The system", 3));
        std::vector<std::string> items;
        for (const auto& s : in.system->sources) items.push_back(sourceText(s));
        out.push_back(list(std::move(items)));
    }
    if (!r.factorsUsed.empty()) {
        out.push_back(heading("Emission factors used", 3));
        // Each source and licence once, numbered; a factor names its sources by number.
        std::vector<const Source*> refs;
        std::vector<std::pair<std::string, std::vector<std::string>>> licences;
        const auto refNumber = [&](const Source& src) {
            for (std::size_t i = 0; i < refs.size(); ++i)
                if (refs[i]->citation == src.citation && refs[i]->url == src.url) return i + 1;
            refs.push_back(&src);
            return refs.size();
        };
        std::vector<std::string> items;
        for (const Factor* f : r.factorsUsed) {
            std::string cites;
            for (const auto& src : f->sources) cites += (cites.empty() ? "" : ", ") + std::to_string(refNumber(src));
            std::string meta = std::string(derivationId(f->derivation));
            if (f->year) meta += ", " + std::to_string(f->year);
            items.push_back(f->id + " = " + format::shortestRounded(f->value) + " " + f->unit + " (" + meta + ")" +
                            (cites.empty() ? "" : " [" + cites + "]"));
            if (f->licence.empty()) continue;
            auto it =
                std::find_if(licences.begin(), licences.end(), [&](const auto& l) { return l.first == f->licence; });
            if (it == licences.end()) licences.push_back({f->licence, {f->id}});
            else it->second.push_back(f->id);
        }
        out.push_back(list(std::move(items)));
        std::vector<std::string> refItems;
        for (std::size_t i = 0; i < refs.size(); ++i)
            refItems.push_back("[" + std::to_string(i + 1) + "] " + sourceText(*refs[i]));
        out.push_back(paragraph("Sources of the factors:"));
        out.push_back(list(std::move(refItems)));
        if (!licences.empty()) {
            std::vector<std::string> licItems;
            for (const auto& [text, ids] : licences) {
                std::string idList;
                for (const auto& id : ids) idList += (idList.empty() ? "" : ", ") + id;
                licItems.push_back(text + " (" + idList + ")");
            }
            out.push_back(paragraph("Licences of the figures:"));
            out.push_back(list(std::move(licItems)));
        }
    }
    const auto sources = [&](const std::string& title, const std::vector<Source>& list_) {
        if (list_.empty()) return;
        out.push_back(heading(title, 3));
        std::vector<std::string> items;
        for (const auto& s : list_) items.push_back(sourceText(s));
        out.push_back(list(std::move(items)));
    };
    if (in.hsl) sources("Hardware specification levels (" + in.hsl->id + ")", in.hsl->sources);
    if (in.impactSet) sources("Impact set (" + in.impactSet->id + ")", in.impactSet->sources);
    out.push_back(paragraph("Method: TinyFoot's docs/method.md (every equation and where its factors come from)." +
                            (in.generator.empty() ? std::string() : " Written by " + in.generator + ".")));
}

std::string htmlEscape(const std::string& s) {
    std::string out;
    for (const char ch : s) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += ch;
        }
    }
    return out;
}

/// Markdown table cells: a '|' would end the cell, a newline the row.
std::string mdCell(const std::string& s) {
    std::string out;
    for (const char ch : s) {
        if (ch == '|') out += "\\|";
        else if (ch == '\n') out += ' ';
        else out += ch;
    }
    return out;
}

} // namespace

std::vector<DatasheetBlock> datasheet(const DatasheetInput& in) {
    std::vector<Block_> out;
    const System& s = *in.system;
    out.push_back(heading("Environmental impact: " + s.name, 1));
    out.push_back(paragraph("System " + s.id + " (" + s.kind +
                            "). The environmental-impact section of a datasheet "
                            "for an ML sensor (Stewart et al., Datasheets for Machine Learning Sensors, arXiv "
                            "2306.08848), computed bottom-up by TinyFoot."));
    if (!s.description.empty()) out.push_back(paragraph(s.description));
    summary(in, out);
    useStage(in, out);
    otherCategories(in, out);
    endOfLifeMass(in, out);
    assumptions(in, out);
    provenance(in, out);
    return out;
}

std::vector<DatasheetBlock> datasheets(const std::vector<DatasheetSystem>& systems, const ImpactSet* impactSet,
                                       const std::string& generator, const ItemMassTable* itemMasses) {
    std::vector<Block_> out;
    for (const auto& s : systems) {
        DatasheetInput in;
        in.system = s.system;
        in.result = s.result;
        in.factors = s.factors;
        in.hsl = s.hsl;
        in.generator = generator;
        ImpactResult impacts;
        if (impactSet) {
            impacts = assessImpacts(*s.system, *s.result, *impactSet, s.hsl);
            in.impacts = &impacts;
            in.impactSet = impactSet;
        }
        EndOfLifeMass mass;
        if (s.factors) {
            mass = assessEndOfLifeMass(*s.system, *s.result, *s.factors, itemMasses);
            in.endOfLife = &mass;
        }
        const auto sheet = datasheet(in);
        out.insert(out.end(), sheet.begin(), sheet.end());
    }
    return out;
}

std::string datasheetTitle(const std::vector<DatasheetSystem>& systems) {
    if (systems.size() == 1) return "Environmental impact: " + systems.front().system->name;
    return "Environmental impact of " + std::to_string(systems.size()) + " systems";
}

std::string datasheetMarkdown(const std::vector<DatasheetBlock>& blocks) {
    std::ostringstream o;
    for (const auto& b : blocks) {
        switch (b.kind) {
        case Block_::Kind::Heading:
            o << std::string(static_cast<std::size_t>(b.level), '#') << " " << b.text << "\n\n";
            break;
        case Block_::Kind::Paragraph: o << b.text << "\n\n"; break;
        case Block_::Kind::List:
            for (const auto& i : b.items) o << "- " << i << "\n";
            o << "\n";
            break;
        case Block_::Kind::Table:
            for (std::size_t r = 0; r < b.rows.size(); ++r) {
                o << "|";
                for (const auto& cell : b.rows[r]) o << " " << mdCell(cell) << " |";
                o << "\n";
                if (r == 0) {
                    o << "|";
                    for (std::size_t c = 0; c < b.rows[r].size(); ++c)
                        o << (c < b.numeric.size() && b.numeric[c] ? "---:|" : "---|");
                    o << "\n";
                }
            }
            o << "\n";
            break;
        }
    }
    return o.str();
}

std::string datasheetHtml(const std::vector<DatasheetBlock>& blocks, const std::string& title) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << htmlEscape(title)
      << "</title>\n<style>\n"
         "body { font-family: sans-serif; font-size: 9pt; }\n"
         "table { border-collapse: collapse; margin: 0.5em 0 1em 0; }\n"
         "th, td { border: 1px solid #999; padding: 2px 4px; vertical-align: top; font-size: 8pt; }\n"
         "th { background: #eee; text-align: left; }\n"
         "td.num { text-align: right; }\n"
         ".keep { white-space: nowrap; }\n"
         "</style>\n</head>\n<body>\n";
    for (const auto& b : blocks) {
        switch (b.kind) {
        case Block_::Kind::Heading:
            o << "<h" << b.level << ">" << htmlEscape(b.text) << "</h" << b.level << ">\n";
            break;
        case Block_::Kind::Paragraph: o << "<p>" << htmlEscape(b.text) << "</p>\n"; break;
        case Block_::Kind::List:
            o << "<ul>\n";
            for (const auto& i : b.items) o << "<li>" << htmlEscape(i) << "</li>\n";
            o << "</ul>\n";
            break;
        case Block_::Kind::Table:
            o << "<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\" width=\"100%\">\n";
            for (std::size_t r = 0; r < b.rows.size(); ++r) {
                o << "<tr>";
                for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
                    const bool num = r > 0 && c < b.numeric.size() && b.numeric[c];
                    // Short cells (ids, units, numbers) never wrap: a table layout may squeeze them
                    // to a letter a line while giving the room to longer text.
                    const bool keep = b.rows[r][c].size() <= 24;
                    const std::string cls = std::string(num ? "num" : "") + (keep ? (num ? " keep" : "keep") : "");
                    o << "<" << (r == 0 ? "th" : "td") << (cls.empty() ? "" : " class=\"" + cls + "\"") << ">"
                      << htmlEscape(b.rows[r][c]) << (r == 0 ? "</th>" : "</td>");
                }
                o << "</tr>\n";
            }
            o << "</table>\n";
            break;
        }
    }
    o << "</body>\n</html>\n";
    return o.str();
}

} // namespace tinyfoot::report
