#include "tinyfoot/engine/format/number.h"

#include "tinyfoot/engine/quantity.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tinyfoot::format {

namespace {

std::string nonFinite(double value) {
    if (std::isnan(value)) return "nan";
    return value > 0 ? "inf" : "-inf";
}

/// Thousands separators in the integer part of a plain decimal number ("-1234.5" → "-1,234.5").
std::string groupThousands(const std::string& s) {
    const std::size_t start = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    std::size_t end = s.find('.');
    if (end == std::string::npos) end = s.size();
    std::string out = s.substr(0, start);
    for (std::size_t i = start; i < end; ++i) {
        out += s[i];
        const std::size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    return out + s.substr(end);
}

std::string scientific(double value, int decimals) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, decimals);
    return std::string(buf, r.ptr);
}

} // namespace

std::string shortest(double value) {
    if (!std::isfinite(value)) return nonFinite(value);
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

double roundedToSignificant(double value, int significantDigits) {
    if (!std::isfinite(value) || value == 0.0) return value;
    const int digits = std::clamp(significantDigits, 1, 17);
    // Decimal rounding through text: to_chars rounds the exact binary value correctly, and
    // from_chars reads the rounded decimal back as the nearest double.
    const std::string text = scientific(value, digits - 1);
    double rounded = value;
    std::from_chars(text.data(), text.data() + text.size(), rounded);
    return rounded;
}

std::string shortestRounded(double value) { return shortest(roundedToSignificant(value, 15)); }

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value)) return nonFinite(value);
    // 1e308 in full with 100 decimals fits in 512 characters.
    char buf[512];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, std::clamp(decimals, 0, 100));
    if (r.ec != std::errc()) return shortest(value);
    std::string s(buf, r.ptr);
    // "-0.00" reads as a sign error in a table of emissions: print zero as zero.
    if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

std::string general(double value, int significantDigits) {
    if (!std::isfinite(value)) return nonFinite(value);
    char buf[64];
    const auto r =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, std::clamp(significantDigits, 1, 17));
    return std::string(buf, r.ptr);
}

std::string grouped(double value, int significantDigits) {
    if (value == 0.0 || !std::isfinite(value)) return shortest(value);
    const int digits = std::clamp(significantDigits, 1, 17);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    if (magnitude > 15 || magnitude < -6) return scientific(value, digits - 1);
    return groupThousands(fixed(value, std::max(0, digits - 1 - magnitude)));
}

std::string count(double value) {
    if (std::fabs(value) < 1e15 && std::floor(value) == value) return groupThousands(fixed(value, 0));
    return grouped(value, 4);
}

std::string ratio(double value) {
    if (!std::isfinite(value) || value <= 0.0) return "n/a";
    // Three significant digits: 391x, 38.1x, 4.82x, 0.128x, 0.00256x.
    const int magnitude = static_cast<int>(std::floor(std::log10(value)));
    return fixed(value, std::max(0, 2 - magnitude)) + "x";
}

std::string co2eForPeople(double kgCo2e) {
    const double tonne = findUnit("t_co2e")->toInternal;
    const double tonnes = kgCo2e / tonne;
    // SI prefixes on the tonne, for display only.
    struct Scale {
        double tonnes;
        const char* name;
    };
    // The largest unit that keeps at least one digit before the point ... up to 9,999 of the
    // next smaller one ("1,765 Mt", as the paper writes it; "44.02 Gt").
    static constexpr Scale kScales[] = {{1e9, "Gt"}, {1e6, "Mt"}, {1e3, "kt"}, {1.0, "t"}};
    if (std::fabs(kgCo2e) >= 1000.0 * tonne)
        for (const auto& s : kScales)
            if (std::fabs(tonnes) >= 10.0 * s.tonnes || s.tonnes == 1.0)
                return grouped(tonnes / s.tonnes, 4) + " " + s.name + " CO2e";
    return grouped(kgCo2e, 4) + " kg CO2e";
}

} // namespace tinyfoot::format
