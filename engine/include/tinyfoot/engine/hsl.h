// Hardware Specification Levels (Pirson & Bol 2021): for each functional block, levels 0..3,
// each a list of inventory items whose quantities have a lower, typical and upper value.
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/model.h"
#include "tinyfoot/engine/quantity.h"

#include <optional>
#include <string>
#include <vector>

namespace tinyfoot {

enum class Bound { Lower, Typical, Upper };
std::string_view boundId(Bound b);
std::optional<Bound> boundFromId(std::string_view id);

/// A quantity given as lower / typical / upper.
struct RangedAmount {
    Amount lower, typical, upper;
    const Amount& at(Bound b) const;
};

/// An inventory item of an HSL: an amount of something times one factor.
struct HslItem {
    std::string name;
    std::string factor; ///< factor id
    RangedAmount amount;
};

/// A freight leg of the transport block.
struct HslLeg {
    std::string mode;
    std::string factor;
    RangedAmount distance;
};

struct HslLevel {
    int level = 0;
    std::string description;
    std::vector<HslItem> items;
    // Transport block only: the device mass moved and the legs.
    std::optional<RangedAmount> transportMass;
    std::vector<HslLeg> legs;
};

struct HslBlock {
    Block block = Block::Others;
    std::vector<HslLevel> levels;
};

struct HslCatalogue {
    std::string id;
    std::string name;
    std::vector<Source> sources;
    std::vector<HslBlock> blocks;

    const HslLevel* find(Block block, int level) const;
};

} // namespace tinyfoot
