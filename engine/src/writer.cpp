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

Json use(const Component& c) {
    const UseModel& u = c.use;
    Json j;
    switch (u.kind) {
    case UseModel::Kind::Power: j["power"] = amount(c.power); break;
    case UseModel::Kind::DutyCycle: {
        Json states = Json::array();
        for (const auto& s : u.states)
            states.push_back(Json{{"state", s.name}, {"power", amount(s.power)}, {"fraction", s.fraction}});
        j["profile"] = std::move(states);
        break;
    }
    case UseModel::Kind::Inference: {
        Json in;
        if (u.measurementFile.empty()) in["energy"] = amount(u.energyPerInference);
        else in["measurement"] = u.measurementFile;
        in["rate"] = amount(u.inferenceRate);
        if (u.idlePower.dimension == Dimension::Power) in["idle_power"] = amount(u.idlePower);
        j["inference"] = std::move(in);
        break;
    }
    }
    if (c.duration) j["duration"] = amount(*c.duration);
    if (u.supply != Supply::Mains || u.efficiency != 1.0) {
        Json sp{{"path", supplyId(u.supply)}};
        if (u.efficiency != 1.0) sp["efficiency"] = u.efficiency;
        j["supply"] = std::move(sp);
    }
    if (u.gridKgPerKwh)
        j["grid"] = Json{{"value", *u.gridKgPerKwh}, {"unit", "kg_co2e/kWh"}, {"sources", sources(u.gridSources)}};
    else if (!c.grid.empty()) j["grid"] = c.grid;
    if (u.trajectory) {
        Json t{{"start_year", u.trajectory->startYear}};
        if (u.trajectory->annualChangePercent) t["annual_change_percent"] = *u.trajectory->annualChangePercent;
        else {
            Json pts = Json::array();
            for (const auto& p : u.trajectory->points)
                pts.push_back(Json{{"year", p.year}, {"kg_co2e_per_kwh", p.kgPerKwh}});
            t["points"] = std::move(pts);
        }
        j["grid_trajectory"] = std::move(t);
    }
    return j;
}

Json ic(const IcModel& ic) {
    Json j{{"node_nm", ic.nodeNm}, {"fab_grid", ic.fabGrid}};
    if (ic.gasAbatement != GasAbatement::Mean) j["gas_abatement"] = gasAbatementId(ic.gasAbatement);
    if (ic.yieldModel != YieldModel::Fixed) {
        Json y{{"model", yieldModelId(ic.yieldModel)}};
        if (ic.defectDensityPerCm2) y["defect_density_per_cm2"] = *ic.defectDensityPerCm2;
        j["yield"] = std::move(y);
    } else if (ic.yield) {
        j["yield"] = *ic.yield;
    }
    if (!ic.dies.empty()) {
        Json dies = Json::array();
        for (const auto& d : ic.dies) {
            Json dj{{"name", d.name}, {"area", amount(d.area)}};
            if (d.count != 1.0) dj["count"] = d.count;
            if (d.nodeNm) dj["node_nm"] = *d.nodeNm;
            dies.push_back(std::move(dj));
        }
        j["dies"] = std::move(dies);
    }
    if (!ic.memory.empty()) {
        Json mem = Json::array();
        for (const auto& m : ic.memory) {
            Json mj{{"name", m.name}, {"technology", m.technology}, {"capacity", amount(m.capacity)}};
            if (m.count != 1.0) mj["count"] = m.count;
            mem.push_back(std::move(mj));
        }
        j["memory"] = std::move(mem);
    }
    if (ic.packages) j["packages"] = *ic.packages;
    return j;
}

Json battery(const BatteryModel& b) {
    Json j{{"chemistry", b.chemistry}};
    if (b.capacity) j["capacity"] = amount(*b.capacity);
    if (b.voltage) j["voltage"] = amount(*b.voltage);
    if (b.mass) j["mass"] = amount(*b.mass);
    if (b.count != 1.0) j["count"] = b.count;
    if (b.cycleLife) j["cycle_life"] = *b.cycleLife;
    if (b.calendarLife) j["calendar_life"] = amount(*b.calendarLife);
    if (b.replacements) j["replacements"] = *b.replacements;
    return j;
}

Json training(const TrainingModel& t) {
    Json j;
    if (t.energy) j["energy"] = amount(*t.energy);
    if (t.acceleratorHours) {
        j["accelerator_hours"] = amount(*t.acceleratorHours);
        j["accelerator_power"] = amount(*t.acceleratorPower);
        if (t.accelerators != 1.0) j["accelerators"] = t.accelerators;
    }
    if (t.pue != 1.0) j["pue"] = t.pue;
    j["grid"] = t.grid;
    j["devices"] = t.devices;
    if (t.trainings != 1.0) j["trainings"] = t.trainings;
    return j;
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
    case Method::UsePower: j["use"] = use(c); break;
    case Method::Ic: j["ic"] = ic(c.ic); break;
    case Method::Battery: j["battery"] = battery(c.battery); break;
    case Method::Training: j["training"] = training(c.training); break;
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
    if (!s.label.empty()) j["label"] = s.label;
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
