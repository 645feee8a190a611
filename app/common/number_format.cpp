#include "number_format.h"

#include <algorithm>
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

std::string significant(double value, int digits) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, digits);
    return std::string(buf, r.ptr);
}

std::string shortest(double value) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

std::string ratio(double value) {
    if (!std::isfinite(value) || value <= 0.0) return "n/a";
    // Three significant digits: 391x, 38.1x, 4.82x, 0.128x, 0.00256x.
    const int magnitude = static_cast<int>(std::floor(std::log10(value)));
    return fixed(value, std::max(0, 2 - magnitude)) + "x";
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace tinyfoot::app
