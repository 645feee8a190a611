// Text tables for people: columns aligned with spaces, widths counted in characters (UTF-8 code
// points), so that "×" or "µ" do not break the alignment.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot::report {

/// How many characters `text` shows: its UTF-8 code points ("×" counts one).
std::size_t displayWidth(std::string_view text);

/// `text` followed by spaces up to `width` characters (as it is when it is that wide already).
std::string padRight(std::string_view text, std::size_t width);

/// Spaces up to `width` characters, then `text` (as it is when it is that wide already).
std::string padLeft(std::string_view text, std::size_t width);

/// Rows as column-aligned text, a line each: each column as wide as its widest cell, columns two
/// spaces apart, the first `leftAligned` columns aligned left and the others right, trailing
/// spaces trimmed. Rows may have fewer cells than others.
std::string alignedTable(const std::vector<std::vector<std::string>>& rows, std::size_t leftAligned = 1);

} // namespace tinyfoot::report
