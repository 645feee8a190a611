// CSV as every TinyFoot file writes it (RFC 4180, "\n" line ends): field quoting and lines. The
// numbers in a CSV come from the number formatter (tinyfoot/engine/format/number.h), usually
// format::shortest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot::report {

/// A CSV field: the text as it is, or quoted (with its quotes doubled) when it holds a comma, a
/// quote or a line break.
std::string csvField(std::string_view text);

/// A CSV field that is always quoted (with its quotes doubled), for free-text columns a file
/// keeps quoted whatever they hold.
std::string csvQuoted(std::string_view text);

/// One CSV line: `cells`, which are already fields (from csvField, csvQuoted, a number or an id
/// that needs no quoting), joined by commas and ended by "\n".
std::string csvLine(const std::vector<std::string>& cells);

} // namespace tinyfoot::report
