// Strict JSON loaders. Each takes the text and a source name (a file name) used in messages, and
// throws tinyfoot::Error naming the source, the JSON path, what was expected and what was found.
// An unknown key, a missing or wrong unit, a negative, NaN or infinite quantity, a wrong type or a
// truncated document is an error; nothing is silently defaulted.
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/system.h"

#include <istream>
#include <string>

namespace tinyfoot {

/// The current version of every TinyFoot file format.
inline constexpr int kFormatVersion = 1;

FactorSet loadFactorSet(std::istream& in, const std::string& sourceName);
HslCatalogue loadHslCatalogue(std::istream& in, const std::string& sourceName);
System loadSystem(std::istream& in, const std::string& sourceName);
/// Loads a study; `{"preset": id}` entries are resolved from the library.
Study loadStudy(std::istream& in, const std::string& sourceName, const Library& library);

/// Loads a harness results file ("tinyfoot.measurement"): the median energy per inference, the
/// idle-subtracted energy, inference time and idle power when present, and the provenance. The
/// session's windows, warnings and errors are checked for shape, not kept.
Measurement loadMeasurement(std::istream& in, const std::string& sourceName);

/// What kind of TinyFoot document a text is ("tinyfoot.system", "tinyfoot.study" ...), read
/// from its "format" member. Throws Error when it is not JSON or has no such member.
std::string peekFormat(std::istream& in, const std::string& sourceName);

} // namespace tinyfoot
