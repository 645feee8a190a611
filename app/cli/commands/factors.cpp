// tinyfoot factors: a factor set with the provenance of every factor.
#include "../cli.h"

#include "report_writer.h"
#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/csv.h"

#include <sstream>

namespace tinyfoot::cli {
namespace {

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
            ss << f.id << ',' << report::csvQuoted(f.name) << ',' << format::shortest(f.value) << ',' << f.unit << ','
               << derivationId(f.derivation) << ',' << (f.range ? format::shortest(f.range->first) : "") << ','
               << (f.range ? format::shortest(f.range->second) : "") << ',' << f.year << ','
               << report::csvQuoted(f.licence) << ',' << report::csvQuoted(f.sources.front().citation) << ','
               << report::csvQuoted(f.sources.front().url) << ',' << report::csvQuoted(f.note) << '\n';
    } else {
        ss << set.name << " (" << set.id << ")\n";
        if (!set.description.empty()) ss << set.description << "\n";
        ss << "\n";
        for (const auto& f : set.factors) {
            ss << f.id << " = " << format::shortest(f.value) << " " << f.unit << "  [" << derivationId(f.derivation)
               << ", " << f.year << "]\n";
            ss << "    " << f.name << "\n";
            if (f.range)
                ss << "    range: " << format::shortest(f.range->first) << " to " << format::shortest(f.range->second)
                   << " " << f.unit << "\n";
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
back-solved), feasible range, year, licence, source and note. Without --set: the default
set; '--set list' lists the available sets.
)",
            factors}};

} // namespace
} // namespace tinyfoot::cli
