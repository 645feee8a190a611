// tinyfoot presets: the preset systems with their totals.
#include "../cli.h"

#include "tinyfoot/engine/format/number.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace tinyfoot::cli {
namespace {

int presets(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, {"--format", "--factors", "--decimals", "--out"}, {});
    const std::string format = args.format({"table", "json"});
    const int decimals = static_cast<int>(args.integer("--decimals", 2, 0, 12));
    const FactorSet& set = env.factorSet(args.value("--factors", ""));
    const Library& lib = env.library();
    const auto& root = env.loaded().root;
    std::ostringstream ss;
    nlohmann::json arr = nlohmann::json::array();
    if (format == "table") ss << "id                          kind        kg CO2e  name\n";
    for (const auto& p : lib.presets) {
        const Result r = calculate(p, set, lib.findHsl(p.hslCatalogue));
        const std::string file = std::filesystem::path(p.sourceName).lexically_relative(root).string();
        if (format == "json") {
            arr.push_back({{"id", p.id},
                           {"name", p.name},
                           {"kind", p.kind},
                           {"file", file},
                           {"total_kg_co2e", units::inKgCo2e(r.total)},
                           {"complete", r.complete}});
            continue;
        }
        std::string id = p.id;
        id.resize(std::max<std::size_t>(id.size() + 1, 28), ' ');
        std::string kind = p.kind;
        kind.resize(10, ' ');
        std::string total = format::fixed(units::inKgCo2e(r.total), decimals) + (r.complete ? "" : "*");
        ss << id << kind << std::string(total.size() < 9 ? 9 - total.size() : 0, ' ') << total << "  " << p.name
           << "  [" << file << "]\n";
    }
    if (format == "json") ss << arr.dump(2) << "\n";
    else ss << "\nTotals with factor set " << set.id << "; * = incomplete (a factor is missing in this set).\n";
    return emit(args.value("--out"), ss.str());
}

const Registration presetsCommand{Command{"presets", "list the preset systems with their totals",
                                          R"(Usage: tinyfoot presets [--format table|json] [--factors SET] [--out FILE]

Lists the preset systems: id, kind, total kg CO2e with the factor set, name and file.
)",
                                          presets}};

} // namespace
} // namespace tinyfoot::cli
