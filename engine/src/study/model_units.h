// The size of a unit symbol in internal (SI) units, for the study layer's models (internal).
#pragma once

#include "tinyfoot/engine/quantity.h"

#include <string>

namespace tinyfoot::study::detail {

/// Internal units per one `unit` (1 for a symbol the unit table does not know).
inline double unitSize(const std::string& unit) {
    if (const auto u = findUnit(unit)) return u->toInternal;
    return 1.0;
}

} // namespace tinyfoot::study::detail
