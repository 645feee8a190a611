#include "tinyfoot/engine/report/text_table.h"

#include <algorithm>

namespace tinyfoot::report {

std::size_t displayWidth(std::string_view text) {
    // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a character.
    std::size_t points = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++points;
    return points;
}

std::string padRight(std::string_view text, std::size_t width) {
    const std::size_t shown = displayWidth(text);
    std::string out(text);
    if (shown < width) out.append(width - shown, ' ');
    return out;
}

std::string padLeft(std::string_view text, std::size_t width) {
    const std::size_t shown = displayWidth(text);
    return (shown < width ? std::string(width - shown, ' ') : std::string()).append(text);
}

std::string alignedTable(const std::vector<std::vector<std::string>>& rows, std::size_t leftAligned) {
    std::vector<std::size_t> width;
    for (const auto& r : rows) {
        if (width.size() < r.size()) width.resize(r.size(), 0);
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], displayWidth(r[c]));
    }
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t c = 0; c < r.size(); ++c) {
            if (c) line += "  ";
            line += c < leftAligned ? padRight(r[c], width[c]) : padLeft(r[c], width[c]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

} // namespace tinyfoot::report
