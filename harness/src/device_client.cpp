#include "tinyfoot/harness/device_client.h"

#include <algorithm>
#include <charconv>

namespace tinyfoot::harness {

double InferReply::seconds() const {
    if (lapsUs.size() < 2) return 0.0;
    return static_cast<double>(static_cast<std::uint32_t>(lapsUs[1] - lapsUs[0])) * 1e-6;
}

std::string bracketed(const std::string& line) {
    const auto a = line.find('[');
    const auto b = line.rfind(']');
    if (a == std::string::npos || b == std::string::npos || b < a) return {};
    return line.substr(a + 1, b - a - 1);
}

DeviceClient::DeviceClient(Link& link, bool ioManager, std::chrono::milliseconds timeout)
    : m_link(link), m_reader(link), m_ioManager(ioManager), m_timeout(timeout),
      m_start(std::chrono::steady_clock::now()) {}

std::vector<std::string> DeviceClient::waitReady(std::chrono::milliseconds timeout) {
    std::vector<std::string> lines;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            throw DeviceError(m_link.name() + ": no m-ready within " + std::to_string(timeout.count()) + " ms" +
                              (lines.empty() ? " (nothing received)" : " (last line: " + lines.back() + ")"));
        auto line = m_reader.next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
        if (!line) continue;
        if (onLine) onLine(std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count(), *line);
        std::string l = *line;
        if (m_ioManager && l.rfind("[dut]: ", 0) == 0) l = l.substr(7);
        if (l.empty()) continue;
        if (l == "m-ready") return lines;
        lines.push_back(l);
    }
}

std::vector<std::string> DeviceClient::command(const std::string& text, std::chrono::milliseconds timeout) {
    m_link.write((m_ioManager ? "dut " : "") + text + "%");
    std::vector<std::string> lines = waitReady(timeout);
    for (const auto& l : lines)
        if (l.rfind("e-", 0) == 0) throw DeviceError(m_link.name() + ": '" + text + "' failed: " + l);
    return lines;
}

std::string DeviceClient::name() {
    for (const auto& l : command("name"))
        if (l.rfind("m-name-dut-", 0) == 0) return bracketed(l);
    throw DeviceError(m_link.name() + ": 'name' gave no m-name-dut line");
}

std::pair<std::string, std::string> DeviceClient::profile() {
    std::pair<std::string, std::string> p;
    for (const auto& l : command("profile")) {
        if (l.rfind("m-profile-", 0) == 0) p.first = bracketed(l);
        if (l.rfind("m-model-", 0) == 0) p.second = bracketed(l);
    }
    if (p.second.empty()) throw DeviceError(m_link.name() + ": 'profile' gave no m-model line");
    return p;
}

void DeviceClient::load(const std::vector<std::uint8_t>& bytes) {
    static const char* digits = "0123456789abcdef";
    command("db load " + std::to_string(bytes.size()));
    const std::size_t chunk = m_ioManager ? 26 : 31;
    bool done = false;
    for (std::size_t i = 0; i < bytes.size(); i += chunk) {
        std::string hex;
        for (std::size_t j = i; j < std::min(bytes.size(), i + chunk); ++j) {
            hex += digits[bytes[j] >> 4];
            hex += digits[bytes[j] & 15];
        }
        for (const auto& l : command("db " + hex))
            if (l == "m-load-done") done = true;
    }
    if (!done) throw DeviceError(m_link.name() + ": the device did not confirm m-load-done");
}

InferReply DeviceClient::infer(std::uint64_t iterations, std::uint64_t warmup, std::chrono::milliseconds timeout) {
    InferReply r;
    for (const auto& l : command("infer " + std::to_string(iterations) + " " + std::to_string(warmup), timeout)) {
        if (l.rfind("m-lap-us-", 0) == 0) {
            std::uint32_t v = 0;
            std::from_chars(l.data() + 9, l.data() + l.size(), v);
            r.lapsUs.push_back(v);
        } else if (l.rfind("m-results-[", 0) == 0) {
            const std::string list = bracketed(l);
            std::size_t start = 0;
            while (start < list.size()) {
                const auto comma = list.find(',', start);
                const std::string item =
                    list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                r.results.push_back(std::stod(item));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
    }
    return r;
}

} // namespace tinyfoot::harness
