// The five inputs that must give the reference networks different answers (docs/harness.md,
// "The reference workload"): all zeros, all 0x7f, all 0x80, a ramp and pseudo-random bytes; with
// the protocol script that loads one and runs one inference, and readers of the m-results line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace tinyfoot::test {

struct ReferenceInput {
    std::string name;
    std::vector<std::uint8_t> bytes;
};

inline std::vector<ReferenceInput> referenceInputs(std::size_t size) {
    std::vector<ReferenceInput> inputs{{"zeros", std::vector<std::uint8_t>(size, 0x00)},
                                       {"0x7f", std::vector<std::uint8_t>(size, 0x7f)},
                                       {"0x80", std::vector<std::uint8_t>(size, 0x80)},
                                       {"ramp", {}},
                                       {"pseudo-random", {}}};
    std::uint32_t state = 12345u;
    for (std::size_t i = 0; i < size; ++i) {
        inputs[3].bytes.push_back(static_cast<std::uint8_t>(i & 0xFFu));
        state = state * 1664525u + 1013904223u;
        inputs[4].bytes.push_back(static_cast<std::uint8_t>(state >> 24));
    }
    return inputs;
}

/// "db load N%", the bytes in 31-byte "db" lines, then "infer 1 0%".
inline std::string inferScript(const std::vector<std::uint8_t>& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string script = "db load " + std::to_string(bytes.size()) + "%";
    for (std::size_t i = 0; i < bytes.size(); i += 31) {
        script += "db ";
        for (std::size_t j = i; j < i + 31 && j < bytes.size(); ++j) {
            script += digits[bytes[j] >> 4];
            script += digits[bytes[j] & 15];
        }
        script += "%";
    }
    return script + "infer 1 0%";
}

/// Every "m-results-[...]" line of a transcript, in order.
inline std::vector<std::string> resultsLines(const std::string& transcript) {
    std::vector<std::string> lines;
    for (std::size_t at = transcript.find("m-results-["); at != std::string::npos;
         at = transcript.find("m-results-[", at + 1))
        lines.push_back(transcript.substr(at, transcript.find(']', at) + 1 - at));
    return lines;
}

/// The scores of an m-results line.
inline std::vector<double> scores(const std::string& line) {
    std::vector<double> v;
    std::size_t at = line.find('[') + 1;
    while (at < line.size() && line[at] != ']') {
        std::size_t end = at;
        v.push_back(std::stod(line.substr(at), &end));
        at += end;
        if (line[at] == ',') ++at;
    }
    return v;
}

/// The index of the highest score (the first of equal ones, as an argmax).
inline std::size_t topClass(const std::string& line) {
    const auto v = scores(line);
    std::size_t best = 0;
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i] > v[best]) best = i;
    return best;
}

/// How many different top classes the lines give.
inline std::size_t distinctTopClasses(const std::vector<std::string>& lines) {
    std::set<std::size_t> classes;
    for (const auto& l : lines) classes.insert(topClass(l));
    return classes.size();
}

} // namespace tinyfoot::test
