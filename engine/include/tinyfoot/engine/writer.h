// Writing systems and studies back to their JSON formats (the loaders' counterpart). What is
// written loads back to the same model: tests/engine/writer_test.cpp round-trips every preset.
#pragma once

#include "tinyfoot/engine/system.h"

#include <string>

namespace tinyfoot {

/// A system as a "tinyfoot.system" document (2-space indented JSON, ending in a newline).
std::string systemToJson(const System& system);

/// A study as a "tinyfoot.study" document. Systems with a `presetId` are written as
/// {"preset": id}; all others inline.
std::string studyToJson(const Study& study);

} // namespace tinyfoot
