// Component factories of TinyFoot Studio: the components an edit puts into a study (a user's
// declared value, a custom value in place of a method, an HSL level as an editable inventory) and
// the calculator's options for a block, found among the library's presets.
#pragma once

#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/system.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot::studio {

/// The citation of the source user-entered values carry (custom values, user components).
inline constexpr std::string_view kUserSource = "User-entered value (TinyFoot Studio)";

/// A user component: a declared kg CO2e value (Method::Fixed) with a user-entered source, an id
/// not yet used in `system`, and `note` when given.
Component userComponent(const System& system, const std::string& name, Block block, double kgCo2e,
                        const std::string& note);

/// `component` with its method replaced by the user's own declared value; the note says so.
Component customValueComponent(const Component& component, double kgCo2e);

/// A definition of a block found in the library's presets, with the presets that use it.
struct ComponentOption {
    Component component;
    std::vector<std::string> presets;
};

/// Whether two components are computed alike: the same block, method and quantities (ids,
/// names, notes, sources and whether they count aside).
bool sameDefinition(const Component& a, const Component& b);

/// The distinct definitions of `block` in the TinyML presets of `library` whose HSL components
/// (if any) use `hslCatalogue`, in the order first met: the calculator's option cards for blocks
/// whose options are not one HSL level's bounds (ML training DenseNet / MobileNetV1, mains power,
/// the sensing levels …).
std::vector<ComponentOption> presetOptions(const Library& library, Block block, const std::string& hslCatalogue);

/// An HSL component as the inventory (or the freight legs) of its level at its bound: the same
/// items, amounts and factors, now editable one by one; the catalogue's sources go with it.
/// Nothing for a level that is missing or mixes items with freight legs.
std::optional<Component> editableFromHsl(const Component& hslComponent, const HslCatalogue* catalogue);

} // namespace tinyfoot::studio
