#include "tinyfoot/engine/report/factor_set_report.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/csv.h"

#include <algorithm>

namespace tinyfoot::report {

nlohmann::json sourceToJson(const Source& s) {
    nlohmann::json j{{"citation", s.citation}};
    if (!s.url.empty()) j["url"] = s.url;
    return j;
}

nlohmann::json factorToJson(const Factor& f) {
    nlohmann::json j{{"id", f.id},
                     {"name", f.name},
                     {"value", f.value},
                     {"unit", f.unit},
                     {"derivation", derivationId(f.derivation)},
                     {"year", f.year},
                     {"licence", f.licence}};
    if (f.range) j["range"] = {f.range->first, f.range->second};
    j["sources"] = nlohmann::json::array();
    for (const auto& s : f.sources) j["sources"].push_back(sourceToJson(s));
    if (!f.note.empty()) j["note"] = f.note;
    if (!f.flags.empty()) {
        j["flags"] = nlohmann::json::array();
        for (Flag flag : f.flags) j["flags"].push_back(std::string(flagId(flag)));
    }
    if (!f.origin.empty()) j["set"] = f.origin;
    return j;
}

nlohmann::json factorSetToJson(const FactorSet& set) {
    nlohmann::json j{{"id", set.id}, {"name", set.name}, {"description", set.description}};
    j["sources"] = nlohmann::json::array();
    for (const auto& s : set.sources) j["sources"].push_back(sourceToJson(s));
    j["factors"] = nlohmann::json::array();
    for (const auto& f : set.factors) j["factors"].push_back(factorToJson(f));
    return j;
}

void writeFactorSetText(std::ostream& out, const FactorSet& set) {
    out << set.name << " (" << set.id << ")\n";
    if (!set.description.empty()) out << set.description << "\n";
    const auto unranged =
        std::count_if(set.factors.begin(), set.factors.end(), [](const Factor& f) { return !f.range.has_value(); });
    out << unranged << " of " << set.factors.size()
        << " factors have no range (studies hold them at their value; marked 'range: none')\n";
    out << "\n";
    for (const auto& f : set.factors) {
        out << f.id << " = " << format::shortest(f.value) << " " << f.unit << "  [" << derivationId(f.derivation)
            << ", " << f.year << "]\n";
        out << "    " << f.name << "\n";
        if (f.range)
            out << "    range: " << format::shortest(f.range->first) << " to " << format::shortest(f.range->second)
                << " " << f.unit << "\n";
        else out << "    range: none\n";
        for (const auto& s : f.sources)
            out << "    source: " << s.citation << (s.url.empty() ? "" : " <" + s.url + ">") << "\n";
        out << "    licence: " << f.licence << "\n";
        if (!f.note.empty()) out << "    note: " << f.note << "\n";
    }
}

void writeFactorSetCsv(std::ostream& out, const FactorSet& set) {
    out << "id,name,value,unit,derivation,range_low,range_high,year,licence,source,url,note\n";
    for (const auto& f : set.factors) {
        const Source first = f.sources.empty() ? Source{} : f.sources.front();
        out << csvLine({f.id, csvQuoted(f.name), format::shortest(f.value), f.unit,
                        std::string(derivationId(f.derivation)), f.range ? format::shortest(f.range->first) : "",
                        f.range ? format::shortest(f.range->second) : "", std::to_string(f.year), csvQuoted(f.licence),
                        csvQuoted(first.citation), csvQuoted(first.url), csvQuoted(f.note)});
    }
}

} // namespace tinyfoot::report
