#include "number_format.h"

#include <charconv>
#include <cmath>

namespace tinyfoot::app {

std::string fixed(double value, int decimals) {
    char buf[128];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    std::string s(buf, r.ptr);
    // "-0.00" reads as a sign error in a table of emissions: print zero as zero.
    if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

std::string shortest(double value) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

std::string ratio(double value) {
    if (!std::isfinite(value)) return "n/a";
    return fixed(value, value >= 100.0 ? 0 : (value >= 10.0 ? 1 : 2)) + "x";
}

} // namespace tinyfoot::app
