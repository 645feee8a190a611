#include "tinyfoot/engine/error.h"

namespace tinyfoot {

namespace {
std::string compose(const std::string& source, const std::string& path, const std::string& expected,
                    const std::string& found) {
    std::string msg = source.empty() ? std::string("<input>") : source;
    msg += ": ";
    if (!path.empty()) msg += "at " + path + ": ";
    msg += "expected " + expected;
    if (!found.empty()) msg += ", found " + found;
    return msg;
}
} // namespace

Error::Error(std::string source, std::string path, std::string expected, std::string found)
    : std::runtime_error(compose(source, path, expected, found)), m_source(std::move(source)), m_path(std::move(path)),
      m_expected(std::move(expected)), m_found(std::move(found)) {}

} // namespace tinyfoot
