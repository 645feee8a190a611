#include "component_factories.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/writer.h"

#include <algorithm>

namespace tinyfoot::studio {

Component userComponent(const System& system, const std::string& name, Block block, double kgCo2e,
                        const std::string& note) {
    Component c;
    for (int n = 1;; ++n) {
        c.id = "user-" + std::to_string(n);
        const bool used = std::any_of(system.components.begin(), system.components.end(),
                                      [&c](const Component& other) { return other.id == c.id; });
        if (!used) break;
    }
    c.name = name.empty() ? std::string(blockName(block)) : name;
    c.block = block;
    c.stage = defaultStage(block);
    c.method = Method::Fixed;
    c.fixed = Amount::make(kgCo2e, *findUnit("kg_co2e"));
    c.sources.push_back(Source{std::string(kUserSource), {}});
    c.note = note;
    return c;
}

Component customValueComponent(const Component& component, double kgCo2e) {
    Component c = component;
    std::string was = std::string(methodId(component.method));
    if (component.method == Method::Hsl)
        was += " (HSL-" + std::to_string(component.hsl.level) + " " + std::string(boundId(component.hsl.bound)) + ")";
    c.method = Method::Fixed;
    c.fixed = Amount::make(kgCo2e, *findUnit("kg_co2e"));
    c.sharePercent = 100.0;
    c.sources = {Source{std::string(kUserSource), {}}};
    c.note = "The user's own value (custom value), in place of the " + was + " method.";
    return c;
}

namespace {
/// A component's definition as the writer puts it, without what does not change the numbers.
std::string definitionOf(const Component& c) {
    System stub;
    Component bare = c;
    bare.id = "c";
    bare.name.clear();
    bare.note.clear();
    bare.sources.clear();
    bare.path.clear();
    bare.enabled = true;
    stub.id = "s";
    stub.components.push_back(std::move(bare));
    return systemToJson(stub);
}
} // namespace

bool sameDefinition(const Component& a, const Component& b) { return definitionOf(a) == definitionOf(b); }

std::vector<ComponentOption> presetOptions(const Library& library, Block block, const std::string& hslCatalogue) {
    std::vector<ComponentOption> options;
    std::vector<std::string> definitions;
    for (const System& preset : library.presets) {
        if (preset.kind != "tinyml") continue;
        for (const Component& c : preset.components) {
            if (c.block != block) continue;
            if (c.method == Method::Hsl && preset.hslCatalogue != hslCatalogue) continue;
            const std::string d = definitionOf(c);
            const auto it = std::find(definitions.begin(), definitions.end(), d);
            if (it != definitions.end()) {
                options[static_cast<std::size_t>(it - definitions.begin())].presets.push_back(preset.id);
                continue;
            }
            definitions.push_back(d);
            options.push_back({c, {preset.id}});
        }
    }
    return options;
}

std::optional<Component> editableFromHsl(const Component& c, const HslCatalogue* catalogue) {
    if (c.method != Method::Hsl || !catalogue) return std::nullopt;
    const HslLevel* level = catalogue->find(c.block, c.hsl.level);
    if (!level || (level->transportMass && !level->items.empty())) return std::nullopt;
    Component out = c;
    out.hsl = HslReference{};
    const Bound b = c.hsl.bound;
    if (level->transportMass) {
        out.method = Method::Transport;
        out.transportMass = level->transportMass->at(b);
        for (const auto& leg : level->legs) out.legs.push_back({leg.mode, leg.distance.at(b), leg.factor, {}});
    } else {
        out.method = Method::Inventory;
        for (const auto& item : level->items) out.items.push_back({item.name, item.amount.at(b), item.factor, {}});
    }
    out.note = "The items of HSL-" + std::to_string(c.hsl.level) + " " + std::string(boundId(b)) + " (" +
               catalogue->name + ") taken as an inventory to edit in TinyFoot Studio" +
               (c.note.empty() ? std::string() : ". " + c.note);
    out.sources = catalogue->sources;
    out.sources.insert(out.sources.end(), c.sources.begin(), c.sources.end());
    return out;
}

} // namespace tinyfoot::studio
