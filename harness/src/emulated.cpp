#include "tinyfoot/harness/emulated.h"

#include "tinyfoot/harness/results.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
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
    if (j.contains("validation")) {
        const auto& v = j["validation"];
        const auto fail = [&](const std::string& what) {
            throw ImportError(file.string(), "validation: expected " + what);
        };
        const auto positive = [&](const nlohmann::json& o, const char* key, const std::string& at) {
            if (!o.is_object() || !o.contains(key) || !o[key].is_number() || !(o[key].get<double>() > 0))
                fail(at + "\"" + key + "\", a number > 0");
            return o[key].get<double>();
        };
        EmulationValidation val;
        val.clockHz = positive(v, "emulated_clock_hz", "");
        val.emulatedMicrojoules = positive(v, "emulated_uj_per_inference", "");
        if (!v.contains("workload") || !v["workload"].is_string()) fail("\"workload\", a string");
        val.workload = v["workload"].get<std::string>();
        if (!v.contains("published") || !v["published"].is_array() || v["published"].empty())
            fail("\"published\", a non-empty array");
        for (std::size_t i = 0; i < v["published"].size(); ++i) {
            const auto& p = v["published"][i];
            const std::string at = "published[" + std::to_string(i) + "].";
            PublishedFigure f;
            f.microjoules = positive(p, "uj_per_inference", at);
            if (!p.contains("citation") || !p["citation"].is_string()) fail(at + "\"citation\", a string");
            f.citation = p["citation"].get<std::string>();
            val.published.push_back(std::move(f));
        }
        m.validation = std::move(val);
    }
    return m;
}

double EmulationValidation::low() const {
    double r = published.front().microjoules;
    for (const auto& p : published) r = std::min(r, p.microjoules);
    return r / emulatedMicrojoules;
}

double EmulationValidation::high() const {
    double r = published.front().microjoules;
    for (const auto& p : published) r = std::max(r, p.microjoules);
    return r / emulatedMicrojoules;
}

std::string EmulationValidation::basis() const {
    char head[160];
    std::snprintf(head, sizeof head, "published / emulated %.3f-%.3f over %zu measurements of ", low(), high(),
                  published.size());
    char tail[96];
    std::snprintf(tail, sizeof tail, " (emulated %.6g uJ at %.6g MHz):", emulatedMicrojoules, clockHz / 1e6);
    std::string s = head + workload + tail;
    for (const auto& p : published) s += " " + p.citation + ";";
    s.pop_back();
    return s;
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
