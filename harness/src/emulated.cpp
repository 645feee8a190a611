#include "tinyfoot/harness/emulated.h"

#include "tinyfoot/harness/results.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <fstream>

namespace tinyfoot::harness {

PowerModel loadPowerModel(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw ImportError(file.string(), "cannot be opened");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw ImportError(file.string(), std::string("expected a JSON power model: ") + e.what());
    }
    const auto number = [&](const char* key) {
        if (!j.contains(key) || !j[key].is_number() || !(j[key].get<double>() >= 0))
            throw ImportError(file.string(), std::string("expected the member \"") + key + "\", a number >= 0");
        return j[key].get<double>();
    };
    if (!j.is_object() || j.value("format", "") != "tinyfoot.power_model")
        throw ImportError(file.string(), "expected \"format\": \"tinyfoot.power_model\"");
    PowerModel m;
    m.id = j.value("id", "");
    m.runAmpsPerHz = number("run_ua_per_mhz") * 1e-6 / 1e6;
    m.idleAmps = number("idle_ua") * 1e-6;
    m.volts = number("supply_v");
    if (!j.contains("sources") || !j["sources"].is_array() || j["sources"].empty() ||
        !j["sources"][0].contains("citation"))
        throw ImportError(file.string(), "expected \"sources\" with at least one citation");
    m.citation = j["sources"][0]["citation"].get<std::string>();
    return m;
}

EmulatedMonitorParser::EmulatedMonitorParser(StreamSink& sink, const PowerModel& model, double clockHz, double rateHz)
    : m_sink(sink), m_active(model.activeWatts(clockHz)), m_idle(model.idleWatts()), m_periodUs(1e6 / rateHz),
      m_sampleEnd(1e6 / rateHz) {}

void EmulatedMonitorParser::advance(double us) {
    if (us < m_t) return; // a clock that went back is ignored
    const double watts = m_waiting ? m_idle : m_active;
    while (m_sampleEnd <= us) {
        m_acc += watts * (m_sampleEnd - m_t) * 1e-6;
        m_sink.sample(m_acc);
        m_acc = 0.0;
        m_t = m_sampleEnd;
        m_sampleEnd += m_periodUs;
    }
    m_acc += watts * (us - m_t) * 1e-6;
    m_t = us;
}

void EmulatedMonitorParser::feed(std::string_view bytes) {
    for (const auto& line : m_framer.feed(bytes)) {
        if (line.size() < 3 || line[1] != ' ') {
            if (!line.empty()) m_sink.message("unexpected", line.substr(0, 80));
            continue;
        }
        double us = 0;
        const auto r = std::from_chars(line.data() + 2, line.data() + line.size(), us);
        if (r.ec != std::errc() || r.ptr != line.data() + line.size()) {
            m_sink.message("unexpected", line.substr(0, 80));
            continue;
        }
        advance(us);
        switch (line[0]) {
        case 'F': m_sink.edge(); break;
        case 'R': break;
        case 'S': m_waiting = true; break;
        case 'W': m_waiting = false; break;
        default: m_sink.message("unexpected", line.substr(0, 80));
        }
    }
}

} // namespace tinyfoot::harness
