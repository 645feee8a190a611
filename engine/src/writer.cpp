#include "tinyfoot/engine/writer.h"

#include "tinyfoot/engine/loader.h"

#include <nlohmann/json.hpp>

namespace tinyfoot {

namespace {

using Json = nlohmann::ordered_json;

Json amount(const Amount& a) { return Json{{"value", a.value}, {"unit", a.unit}}; }

Json sources(const std::vector<Source>& list) {
    Json arr = Json::array();
    for (const auto& s : list) {
        Json j{{"citation", s.citation}};
        if (!s.url.empty()) j["url"] = s.url;
        arr.push_back(std::move(j));
    }
    return arr;
}

Json component(const Component& c) {
    Json j;
    j["id"] = c.id;
    j["name"] = c.name;
    j["block"] = std::string(blockId(c.block));
    if (c.stage != defaultStage(c.block)) j["stage"] = std::string(stageId(c.stage));
    if (!c.enabled) j["enabled"] = false;
    switch (c.method) {
    case Method::Hsl: j["hsl"] = Json{{"level", c.hsl.level}, {"bound", std::string(boundId(c.hsl.bound))}}; break;
    case Method::Inventory: {
        Json items = Json::array();
        for (const auto& i : c.items)
            items.push_back(Json{{"name", i.name}, {"amount", amount(i.amount)}, {"factor", i.factor}});
        j["items"] = std::move(items);
        break;
    }
    case Method::Transport: {
        Json legs = Json::array();
        for (const auto& l : c.legs)
            legs.push_back(Json{{"mode", l.mode}, {"distance", amount(l.distance)}, {"factor", l.factor}});
        j["transport"] = Json{{"mass", amount(c.transportMass)}, {"legs", std::move(legs)}};
        break;
    }
    case Method::UsePower: {
        Json u{{"power", amount(c.power)}};
        if (c.duration) u["duration"] = amount(*c.duration);
        u["grid"] = c.grid;
        j["use"] = std::move(u);
        break;
    }
    case Method::Fixed: {
        Json f{{"amount", amount(c.fixed)}};
        if (c.sharePercent != 100.0) f["share_percent"] = c.sharePercent;
        j["fixed"] = std::move(f);
        break;
    }
    }
    if (!c.note.empty()) j["note"] = c.note;
    if (!c.sources.empty()) j["sources"] = sources(c.sources);
    return j;
}

Json systemBody(const System& s) {
    Json j;
    j["id"] = s.id;
    j["name"] = s.name;
    j["kind"] = s.kind;
    if (!s.description.empty()) j["description"] = s.description;
    if (!s.sources.empty()) j["sources"] = sources(s.sources);
    j["lifetime"] = amount(s.lifetime);
    if (!s.hslCatalogue.empty()) j["hsl_catalogue"] = s.hslCatalogue;
    Json comps = Json::array();
    for (const auto& c : s.components) comps.push_back(component(c));
    j["components"] = std::move(comps);
    return j;
}

} // namespace

std::string systemToJson(const System& system) {
    Json j{{"format", "tinyfoot.system"}, {"version", kFormatVersion}};
    j.update(systemBody(system));
    return j.dump(2) + "\n";
}

std::string studyToJson(const Study& study) {
    Json j{{"format", "tinyfoot.study"}, {"version", kFormatVersion}};
    j["id"] = study.id;
    j["name"] = study.name;
    if (!study.description.empty()) j["description"] = study.description;
    if (!study.sources.empty()) j["sources"] = sources(study.sources);
    if (!study.factorSet.empty()) j["factor_set"] = study.factorSet;
    Json systems = Json::array();
    for (const auto& s : study.systems) {
        if (!s.presetId.empty()) systems.push_back(Json{{"preset", s.presetId}});
        else systems.push_back(Json{{"system", systemBody(s)}});
    }
    j["systems"] = std::move(systems);
    if (!study.analysisJson.empty()) j["analysis"] = Json::parse(study.analysisJson);
    return j.dump(2) + "\n";
}

} // namespace tinyfoot
