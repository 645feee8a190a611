// Locale-independent number text for files and terminals, and CSV fields.
#pragma once

#include <string>

namespace tinyfoot::app {

/// Fixed notation with `decimals` digits after the point, correctly rounded from the exact
/// binary value (so 0.895, stored as 0.89499999..., prints as 0.89 at two decimals).
std::string fixed(double value, int decimals);

/// `digits` significant digits in general notation ("0.2728", "1.298e-05"), for readable detail.
std::string significant(double value, int digits);

/// Shortest text that reads back as the same double.
std::string shortest(double value);

/// A ratio for people, to three significant digits: "4.82x", "38.1x", "0.128x".
std::string ratio(double value);

/// A CSV field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma, a
/// quote or a line break.
std::string csvField(const std::string& text);

} // namespace tinyfoot::app
