// The study inputs that are a duty-cycle state's time fraction (internal): the compiled model and
// the recalculating oracle both draw them together, by model_math::profileFractions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace tinyfoot::study::detail {

/// The state index of a field path "profile/<i>/fraction", nothing for any other path.
inline std::optional<std::size_t> profileFractionState(const std::string& path) {
    constexpr std::string_view head = "profile/";
    constexpr std::string_view tail = "/fraction";
    if (path.size() <= head.size() + tail.size() || path.compare(0, head.size(), head) != 0 ||
        path.compare(path.size() - tail.size(), tail.size(), tail) != 0)
        return std::nullopt;
    const std::string digits = path.substr(head.size(), path.size() - head.size() - tail.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return static_cast<std::size_t>(std::stoul(digits));
}

} // namespace tinyfoot::study::detail
