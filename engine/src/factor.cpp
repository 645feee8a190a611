#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"

namespace tinyfoot {

std::string_view derivationId(Derivation d) {
    switch (d) {
    case Derivation::Published: return "published";
    case Derivation::Derived: return "derived";
    case Derivation::BackSolved: return "back-solved";
    }
    return "unknown";
}

std::optional<Derivation> derivationFromId(std::string_view id) {
    for (auto d : {Derivation::Published, Derivation::Derived, Derivation::BackSolved})
        if (derivationId(d) == id) return d;
    return std::nullopt;
}

std::string_view flagId(Flag f) {
    switch (f) {
    case Flag::Extrapolated: return "extrapolated";
    case Flag::ConflictingSources: return "conflicting-sources";
    case Flag::Inherited: return "inherited";
    }
    return "unknown";
}

std::optional<Flag> flagFromId(std::string_view id) {
    for (auto f : {Flag::Extrapolated, Flag::ConflictingSources, Flag::Inherited})
        if (flagId(f) == id) return f;
    return std::nullopt;
}

bool Factor::hasFlag(Flag f) const {
    for (auto g : flags)
        if (g == f) return true;
    return false;
}

const Factor* FactorSet::find(std::string_view factorId) const {
    for (const auto& f : factors)
        if (f.id == factorId) return &f;
    return nullptr;
}

const BatteryChemistry* FactorSet::battery(std::string_view chemistryId) const {
    for (const auto& b : batteries)
        if (b.id == chemistryId) return &b;
    return nullptr;
}

const MemoryTechnology* MemoryTable::find(std::string_view id) const {
    for (const auto& m : rows)
        if (m.id == id) return &m;
    return nullptr;
}

std::string_view boundId(Bound b) {
    switch (b) {
    case Bound::Lower: return "lower";
    case Bound::Typical: return "typical";
    case Bound::Upper: return "upper";
    }
    return "unknown";
}

std::optional<Bound> boundFromId(std::string_view id) {
    for (auto b : {Bound::Lower, Bound::Typical, Bound::Upper})
        if (boundId(b) == id) return b;
    return std::nullopt;
}

const Amount& RangedAmount::at(Bound b) const {
    switch (b) {
    case Bound::Lower: return lower;
    case Bound::Upper: return upper;
    case Bound::Typical: break;
    }
    return typical;
}

const HslLevel* HslCatalogue::find(Block block, int level) const {
    for (const auto& b : blocks) {
        if (b.block != block) continue;
        for (const auto& l : b.levels)
            if (l.level == level) return &l;
    }
    return nullptr;
}

} // namespace tinyfoot
