// tinyfoot factors: a factor set with the provenance of every factor.
#include "../cli.h"

#include "number_format.h"
#include "report_writer.h"

#include <algorithm>
#include <sstream>

namespace tinyfoot::cli {
namespace {

std::string csv(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

int factors(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, {"--format", "--set", "--factors", "--out"}, {});
    const std::string format = args.format({"table", "json", "csv"});
    const Library& lib = env.library();
    std::ostringstream ss;
    const std::string requested = args.value("--set", args.value("--factors", ""));
    if (requested == "list") {
        for (const auto& s : lib.factorSets)
            ss << s.id << "  " << s.name << " (" << s.factors.size() << " factors)"
               << (s.id == lib.defaultFactorSet ? "  [default]" : "") << "\n";
        return emit(args.value("--out"), ss.str());
    }
    const FactorSet& set = env.factorSet(requested);
    if (format == "json") {
        nlohmann::json j{{"id", set.id}, {"name", set.name}, {"description", set.description}};
        j["sources"] = nlohmann::json::array();
        for (const auto& s : set.sources) j["sources"].push_back(app::sourceToJson(s));
        j["factors"] = nlohmann::json::array();
        for (const auto& f : set.factors) j["factors"].push_back(app::factorToJson(f));
        ss << j.dump(2) << "\n";
    } else if (format == "csv") {
        ss << "id,name,value,unit,derivation,range_low,range_high,year,licence,source,url,note\n";
        for (const auto& f : set.factors)
            ss << f.id << ',' << csv(f.name) << ',' << app::shortest(f.value) << ',' << f.unit << ','
               << derivationId(f.derivation) << ',' << (f.range ? app::shortest(f.range->first) : "") << ','
               << (f.range ? app::shortest(f.range->second) : "") << ',' << f.year << ',' << csv(f.licence) << ','
               << csv(f.sources.front().citation) << ',' << csv(f.sources.front().url) << ',' << csv(f.note) << '\n';
    } else {
        ss << set.name << " (" << set.id << ")\n";
        if (!set.description.empty()) ss << set.description << "\n";
        const auto unranged =
            std::count_if(set.factors.begin(), set.factors.end(), [](const Factor& f) { return !f.range.has_value(); });
        ss << unranged << " of " << set.factors.size()
           << " factors have no range (studies hold them at their value; marked 'range: none')\n";
        ss << "\n";
        for (const auto& f : set.factors) {
            ss << f.id << " = " << app::shortest(f.value) << " " << f.unit << "  [" << derivationId(f.derivation)
               << ", " << f.year << "]\n";
            ss << "    " << f.name << "\n";
            if (f.range)
                ss << "    range: " << app::shortest(f.range->first) << " to " << app::shortest(f.range->second) << " "
                   << f.unit << "\n";
            else ss << "    range: none\n";
            for (const auto& s : f.sources)
                ss << "    source: " << s.citation << (s.url.empty() ? "" : " <" + s.url + ">") << "\n";
            ss << "    licence: " << f.licence << "\n";
            if (!f.note.empty()) ss << "    note: " << f.note << "\n";
        }
    }
    return emit(args.value("--out"), ss.str());
}

const Registration factorsCommand{
    Command{"factors", "list a factor set with the provenance of every factor",
            R"(Usage: tinyfoot factors [--set ID|list] [--format table|json|csv] [--out FILE]

Lists every factor of a set: id, value, unit, how it was obtained (published / derived /
back-solved), feasible range ('range: none', and a count, when a factor has none), year,
licence, source and note. Without --set: the default
set; '--set list' lists the available sets.
)",
            factors}};

} // namespace
} // namespace tinyfoot::cli
