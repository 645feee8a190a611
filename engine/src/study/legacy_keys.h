// Input keys of earlier TinyFoot versions (internal). Before parameter keys (param_ref.h), the
// numbers of physical models were named after result lines: `<component>/<line>/<amount>`, e.g.
// `power_supply/Li-ion, nickel-manganese-cobalt cathode (NMC)/capacity`. A study that still uses
// one fails with an error naming the key that replaced it.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/system.h"

#include <optional>
#include <string>

namespace tinyfoot::study::detail {

/// What replaced an old line-named key in `system` (calculated into `result`): the new key, or a
/// sentence when the old key named a derived number that is no longer an input. Nullopt when
/// `key` is not an old key of this system.
std::optional<std::string> replacementOfLegacyKey(const System& system, const Result& result, const std::string& key);

} // namespace tinyfoot::study::detail
