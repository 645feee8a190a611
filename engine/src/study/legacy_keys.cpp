#include "legacy_keys.h"

#include "tinyfoot/engine/param_ref.h"

namespace tinyfoot::study::detail {

namespace {

std::string fieldKey(const Component& c, const std::string& path) { return ParamRef::field(c.id, path).key(); }

std::string derived(const std::string& what, const std::string& from) {
    return "nothing: " + what + " is derived from " + from + ", which are the inputs";
}

/// The new key for amount `amount` of line `line` (the line's position `index`) of component c.
std::optional<std::string> replacement(const Component& c, const LineResult& line, std::size_t index,
                                       const std::string& amount) {
    switch (c.method) {
    case Method::Ic: {
        const std::size_t dies = c.ic.dies.size();
        if (line.name == "IC packages" && amount == "packages")
            return c.ic.packages ? fieldKey(c, "packages")
                                 : derived("the number of packages", "the die and memory counts");
        if (index < dies) {
            const std::string at = "dies/" + std::to_string(index) + "/";
            if (amount == "die area") return fieldKey(c, at + "area");
            if (amount == "count") return fieldKey(c, at + "count");
            return std::nullopt;
        }
        // Memory lines follow the dies, named after their part.
        for (std::size_t i = 0; i < c.ic.memory.size(); ++i)
            if (c.ic.memory[i].name == line.name && amount == "capacity")
                return fieldKey(c, "memory/" + std::to_string(i) + "/capacity");
        return std::nullopt;
    }
    case Method::Battery:
        if (amount == "capacity")
            return c.battery.capacity ? fieldKey(c, "capacity")
                                      : derived("the capacity", "the battery's mass and its chemistry");
        if (amount == "cells") return fieldKey(c, "count");
        if (amount == "sets over the lifetime")
            return derived("the number of battery sets",
                           "the lifetime, the device's energy, the cycle and calendar lives");
        return std::nullopt;
    case Method::Training:
        if (amount == "energy")
            return c.training.energy
                       ? fieldKey(c, "energy")
                       : derived("the training energy", "accelerator_hours, accelerator_power and accelerators");
        if (amount == "devices") return fieldKey(c, "devices");
        return std::nullopt;
    case Method::UsePower: {
        const UseModel& u = c.use;
        if (amount == "power" && u.kind == UseModel::Kind::Power) return fieldKey(c, "power");
        if (amount == "energy per inference" && u.kind == UseModel::Kind::Inference)
            return fieldKey(c, "inference/energy");
        if (amount == "inference rate" && u.kind == UseModel::Kind::Inference) return fieldKey(c, "inference/rate");
        if (amount == "duration") return c.duration ? fieldKey(c, "duration") : std::string("lifetime");
        for (std::size_t i = 0; i < u.states.size(); ++i)
            if (amount == u.states[i].name + " power") return fieldKey(c, "profile/" + std::to_string(i) + "/power");
        if (amount == "average power" || amount == "device energy" || amount == "grid energy")
            return derived("the " + amount, "the use stage's power, profile or inference figures, duration and supply");
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

/// Inventory items and transport legs were named `<component>/<item name>` and
/// `<component>/<mode>/distance` before they took their parameter keys.
std::optional<std::string> namedItem(const Component& c, const std::string& rest) {
    if (c.method == Method::Inventory)
        for (std::size_t i = 0; i < c.items.size(); ++i)
            if (rest == c.items[i].name) return fieldKey(c, "items/" + std::to_string(i) + "/amount");
    if (c.method == Method::Transport)
        for (std::size_t j = 0; j < c.legs.size(); ++j)
            if (rest == c.legs[j].mode + "/distance") return fieldKey(c, "legs/" + std::to_string(j) + "/distance");
    return std::nullopt;
}

} // namespace

std::optional<std::string> replacementOfLegacyKey(const System& system, const Result& result, const std::string& key) {
    if (result.components.size() != system.components.size()) return std::nullopt;
    for (std::size_t ci = 0; ci < system.components.size(); ++ci) {
        const Component& c = system.components[ci];
        const std::string prefix = c.id + "/";
        if (key.compare(0, prefix.size(), prefix) != 0) continue;
        if (auto r = namedItem(c, key.substr(prefix.size()))) return r;
        const auto& lines = result.components[ci].lines;
        for (std::size_t li = 0; li < lines.size(); ++li) {
            const std::string linePrefix = prefix + lines[li].name + "/";
            if (key.compare(0, linePrefix.size(), linePrefix) != 0) continue;
            if (auto r = replacement(c, lines[li], li, key.substr(linePrefix.size()))) return r;
        }
    }
    return std::nullopt;
}

} // namespace tinyfoot::study::detail
