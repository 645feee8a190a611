// A device or TinyML system: a bill of components, each computed by a named method from
// physical quantities, or declared as a fixed value with its source.
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/model.h"
#include "tinyfoot/engine/quantity.h"

#include <optional>
#include <string>
#include <vector>

namespace tinyfoot {

/// How a component's emissions are computed.
enum class Method {
    Hsl,       ///< inventory taken from an HSL level at a bound (lower / typical / upper)
    Inventory, ///< explicit items: amount × factor (die mm², PCB cm², grams, parts, devices)
    Transport, ///< device mass × leg distance × freight factor, summed over legs
    UsePower,  ///< average power × duration × grid intensity
    Fixed,     ///< a declared value with its source (custom values, manufacturer reports)
};
std::string_view methodId(Method m);

/// One line of a bill of materials: an amount and the factor that turns it into CO2e.
struct InventoryItem {
    std::string name;
    Amount amount;
    std::string factor; ///< factor id
    std::string path;   ///< JSON pointer of the item in its file, for messages
};

/// One freight leg.
struct TransportLeg {
    std::string mode;
    Amount distance;
    std::string factor;
    std::string path;
};

struct HslReference {
    int level = 0;
    Bound bound = Bound::Typical;
};

struct Component {
    std::string id;
    std::string name;
    Block block = Block::Others;
    Stage stage = Stage::Production;
    bool enabled = true;
    Method method = Method::Fixed;
    std::string path; ///< JSON pointer of the component in its file

    HslReference hsl;                 // Method::Hsl
    std::vector<InventoryItem> items; // Method::Inventory
    Amount transportMass;             // Method::Transport
    std::vector<TransportLeg> legs;   // Method::Transport
    Amount power;                     // Method::UsePower
    std::optional<Amount> duration;   // Method::UsePower; default: the system's lifetime
    std::string grid;                 // Method::UsePower: factor id of the grid intensity
    Amount fixed;                     // Method::Fixed: the declared total it is a share of
    double sharePercent = 100.0;      // Method::Fixed: the share of `fixed` this component is
    std::vector<Source> sources;
    std::string note;
};

struct System {
    std::string id;
    std::string name;
    std::string kind; ///< "tinyml" or "reference"
    std::string description;
    std::vector<Source> sources;
    Amount lifetime;
    std::string hslCatalogue; ///< id of the HSL catalogue used by Method::Hsl components
    std::vector<Component> components;
    std::string sourceName; ///< where it was loaded from, for messages
    /// Set when a study named this system by preset id ({"preset": id}) and it was not edited
    /// since: a study is then saved with the reference, not a copy.
    std::string presetId;
};

/// A study: several systems compared under one factor set.
struct Study {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    std::string factorSet; ///< empty: the library's default
    std::vector<System> systems;
    std::string sourceName;
    /// The study's optional "analysis" member (fleet, growth, sweeps, uncertainty ...), kept as
    /// JSON text; the study layer parses it strictly. Empty when absent.
    std::string analysisJson;
};

} // namespace tinyfoot
