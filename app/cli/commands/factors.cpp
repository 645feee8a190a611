// tinyfoot factors: a factor set with the provenance of every factor.
#include "../cli.h"

#include "tinyfoot/engine/report/factor_set_report.h"

#include <algorithm>
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
    if (format == "json") ss << report::factorSetToJson(set).dump(2) << "\n";
    else if (format == "csv") report::writeFactorSetCsv(ss, set);
    else report::writeFactorSetText(ss, set);
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
