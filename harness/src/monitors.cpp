#include "tinyfoot/harness/monitors.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace tinyfoot::harness {

namespace {

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The text after the first `n` characters (empty when there are fewer).
std::string after(const std::string& s, std::size_t n) { return n < s.size() ? s.substr(n) : std::string(); }

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<double> number(std::string_view s) {
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t j = s.find(' ', i);
        const std::size_t end = j == std::string_view::npos ? s.size() : j;
        if (end > i) out.push_back(s.substr(i, end - i));
        i = end;
    }
    return out;
}

/// Counts samples between once-a-second stamps and reports the missing ones.
void stamp(StreamSink& sink, double rate, bool& stamped, std::uint64_t& since) {
    if (stamped) {
        const auto expected = static_cast<std::uint64_t>(std::llround(rate));
        if (since < expected) sink.lost(expected - since);
    }
    stamped = true;
    since = 0;
}

} // namespace

std::vector<std::string> LineFramer::feed(std::string_view bytes) {
    std::vector<std::string> lines;
    for (char c : bytes) {
        if (c == '\n') {
            while (!m_pending.empty() && m_pending.back() == '\r') m_pending.pop_back();
            lines.push_back(std::move(m_pending));
            m_pending.clear();
        } else {
            m_pending += c;
            if (m_pending.size() > 65536) { // a line that never ends is garbage, not memory to keep
                lines.push_back(std::move(m_pending));
                m_pending.clear();
            }
        }
    }
    return lines;
}

std::optional<double> Lpm01aAsciiParser::parseValue(std::string_view t) {
    // dddd then a signed two-digit exponent: "6409-07" = 6409e-07.
    if (t.size() != 7 || !digits(t.substr(0, 4)) || (t[4] != '-' && t[4] != '+') || !digits(t.substr(5, 2)))
        return std::nullopt;
    const int mantissa = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    const int exponent = ((t[5] - '0') * 10 + (t[6] - '0')) * (t[4] == '-' ? -1 : 1);
    return mantissa * std::pow(10.0, exponent);
}

void Lpm01aAsciiParser::feed(std::string_view bytes) {
    for (const auto& l : m_framer.feed(bytes)) line(l);
}

void Lpm01aAsciiParser::line(const std::string& l) {
    if (l.empty()) return;
    if (auto v = parseValue(l)) {
        m_sink.sample(*v);
        ++m_sinceStamp;
        return;
    }
    if (startsWith(l, "TimeStamp:")) {
        stamp(m_sink, m_rate, m_stamped, m_sinceStamp);
        return;
    }
    if (startsWith(l, "event ")) {
        const auto parts = split(l);
        if (parts.size() >= 2 && digits(parts[1]) && parts[1].size() <= 9) {
            const long n = std::strtol(std::string(parts[1]).c_str(), nullptr, 10);
            if (m_lastEvent && n != *m_lastEvent + 1)
                m_sink.message("events", "event " + std::to_string(n) + " follows event " +
                                             std::to_string(*m_lastEvent) + " (not consecutive)");
            m_lastEvent = n;
            m_sink.edge();
            return;
        }
    }
    if (startsWith(l, "PowerShield > ack")) {
        m_sink.message("ack", after(l, 18));
        return;
    }
    if (startsWith(l, "PowerShield > error")) {
        m_sink.message("error", after(l, 14));
        return;
    }
    if (startsWith(l, "Acquisition completed")) {
        m_sink.message("end", l);
        return;
    }
    if (l.find("overcurrent") != std::string::npos || l.find("Overcurrent") != std::string::npos) {
        m_sink.message("overcurrent", l);
        return;
    }
    if (startsWith(l, "PowerShield >")) {
        m_sink.message("info", l);
        return;
    }
    m_sink.message("unexpected", l.substr(0, 80));
}

double Lpm01aBinaryParser::decodeWord(std::uint16_t word) {
    const int e = word >> 12;
    const int m = word & 0x0FFF;
    return m * std::pow(16.0, -e);
}

void Lpm01aBinaryParser::feed(std::string_view bytes) {
    m_buf.insert(m_buf.end(), bytes.begin(), bytes.end());
    std::size_t i = 0;
    const std::size_t n = m_buf.size();
    while (i + 1 < n) {
        if (m_buf[i] != 0xF0) {
            const auto w = static_cast<std::uint16_t>((m_buf[i] << 8) | m_buf[i + 1]);
            m_sink.sample(decodeWord(w));
            ++m_sinceStamp;
            i += 2;
            continue;
        }
        const std::uint8_t type = m_buf[i + 1];
        if (type == 0xF1 || type == 0xF2) {
            std::size_t j = i + 2;
            while (j < n && m_buf[j] != 0) ++j;
            if (j >= n) {
                if (n - i > 4096) { // no terminator in sight: drop the block as garbage
                    m_sink.message("unexpected", "unterminated text block");
                    i = n;
                }
                break;
            }
            const std::string text(m_buf.begin() + static_cast<std::ptrdiff_t>(i + 2),
                                   m_buf.begin() + static_cast<std::ptrdiff_t>(j));
            if (type == 0xF1) m_sink.message("error", text);
            else if (startsWith(text, "event")) m_sink.edge();
            else m_sink.message("info", text);
            i = j + 1;
        } else if (type == 0xF3) {
            if (n - i < 9) break;
            stamp(m_sink, m_rate, m_stamped, m_sinceStamp);
            i += 9;
        } else if (type == 0xF4) {
            m_sink.message("end", "end of acquisition");
            i += 2;
        } else if (type == 0xF5) {
            m_sink.message("overcurrent", "overcurrent");
            i += 2;
        } else {
            m_sink.message("unexpected", "metadata block of unknown type " + std::to_string(type));
            i += 2;
        }
    }
    m_buf.erase(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(std::min(i, n)));
}

Ppk2Calibration Ppk2Calibration::parse(std::string_view metadata) {
    Ppk2Calibration c;
    LineFramer f;
    auto lines = f.feed(metadata);
    if (!f.pending().empty()) lines.push_back(f.pending());
    for (const auto& l : lines) {
        if (l == "END") break;
        const auto colon = l.find(':');
        if (colon == std::string::npos) continue;
        std::string key = l.substr(0, colon);
        std::string_view value(l);
        value.remove_prefix(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        const auto v = number(value);
        if (!v || key.empty()) continue;
        const char last = key.back();
        if (last < '0' || last > '4') continue;
        const auto r = static_cast<std::size_t>(last - '0');
        key.pop_back();
        if (key == "R") c.r[r] = *v;
        else if (key == "GS") c.gs[r] = *v;
        else if (key == "GI") c.gi[r] = *v;
        else if (key == "O") c.o[r] = *v;
        else if (key == "S") c.s[r] = *v;
        else if (key == "I") c.i[r] = *v;
        else if (key == "UG") c.ug[r] = *v;
    }
    return c;
}

double Ppk2Parser::current(std::uint32_t word) const {
    const double adc = static_cast<double>(word & 0x3FFFu) * 4.0;
    const auto r = std::min<std::size_t>((word >> 14) & 7u, 4);
    const double x = (adc - m_cal.o[r]) * (1.8 / 163840.0) / m_cal.r[r];
    return m_cal.ug[r] * (x * (m_cal.gs[r] * x + m_cal.gi[r]) + m_cal.s[r] * m_volts + m_cal.i[r]);
}

void Ppk2Parser::feed(std::string_view bytes) {
    m_buf.insert(m_buf.end(), bytes.begin(), bytes.end());
    std::size_t i = 0;
    for (; i + 4 <= m_buf.size(); i += 4) {
        const std::uint32_t w = static_cast<std::uint32_t>(m_buf[i]) | (static_cast<std::uint32_t>(m_buf[i + 1]) << 8) |
                                (static_cast<std::uint32_t>(m_buf[i + 2]) << 16) |
                                (static_cast<std::uint32_t>(m_buf[i + 3]) << 24);
        const unsigned counter = (w >> 18) & 0x3Fu;
        if (m_counter) {
            const unsigned gap = (counter - *m_counter - 1u) & 0x3Fu;
            if (gap) m_sink.lost(gap);
        }
        m_counter = counter;
        const bool d0 = (w >> 24) & 1u;
        if (m_d0 && *m_d0 && !d0) m_sink.edge(); // falling edge on D0
        m_d0 = d0;
        m_sink.sample(current(w));
    }
    m_buf.erase(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(i));
}

void Ina226Parser::feed(std::string_view bytes) {
    for (const auto& l : m_framer.feed(bytes)) line(l);
}

void Ina226Parser::line(const std::string& l) {
    if (l.empty()) return;
    if (startsWith(l, "# tinyfoot-ina226 ")) {
        for (auto part : split(l)) {
            if (startsWith(part, "rate_hz=")) m_rate = number(part.substr(8));
            if (startsWith(part, "shunt_ohm=")) {
                if (auto v = number(part.substr(10))) m_shuntOhm = *v;
            }
        }
        if (!m_rate || *m_rate <= 0 || m_shuntOhm <= 0) {
            m_sink.message("error", "INA226 header without a positive rate_hz and shunt_ohm: " + l);
            m_rate.reset();
        }
        return;
    }
    if (startsWith(l, "! ")) {
        m_sink.message(l.find("overcurrent") != std::string::npos ? "overcurrent" : "error", after(l, 2));
        return;
    }
    const auto parts = split(l);
    if (parts.size() != 4 || !digits(parts[0]) || !digits(parts[2]) || (parts[3] != "0" && parts[3] != "1")) {
        m_sink.message("unexpected", l.substr(0, 80));
        return;
    }
    const auto shunt = number(parts[1]);
    if (!shunt || !m_rate) {
        m_sink.message(m_rate ? "unexpected" : "error", m_rate ? l.substr(0, 80) : "a sample before the header");
        return;
    }
    const auto seq = static_cast<unsigned>(std::strtoul(std::string(parts[0]).c_str(), nullptr, 10)) & 0xFFFFu;
    if (m_seq) {
        const unsigned gap = (seq - *m_seq - 1u) & 0xFFFFu;
        if (gap) m_sink.lost(gap);
    }
    m_seq = seq;
    const int pin = parts[3] == "1" ? 1 : 0;
    if (m_pin && *m_pin == 1 && pin == 0) m_sink.edge();
    m_pin = pin;
    const double amps = *shunt * 2.5e-6 / m_shuntOhm;
    const double volts = static_cast<double>(std::strtoul(std::string(parts[2]).c_str(), nullptr, 10)) * 1.25e-3;
    m_sink.sample(amps * volts / *m_rate);
}

} // namespace tinyfoot::harness
