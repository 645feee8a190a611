#include "tinyfoot/harness/energy.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace tinyfoot::harness {

bool SessionResult::hasErrors() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.level == Finding::Level::Error; });
}

double median(std::vector<double> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

SessionAnalyzer::SessionAnalyzer(double sampleRateHz, EdgeRule rule, double minimumWindowSeconds,
                                 std::size_t expectedWindows)
    : m_rate(sampleRateHz), m_rule(rule), m_minimumSeconds(minimumWindowSeconds), m_expectedWindows(expectedWindows) {}

void SessionAnalyzer::sample(double joules) {
    if (m_inCommand) {
        m_segment.add(joules);
    } else {
        m_idle.add(joules);
        ++m_idleSamples;
    }
    ++m_index;
}

void SessionAnalyzer::lost(std::uint64_t count) {
    m_lost += count;
    if (m_inCommand) m_lostInSegment += count;
    m_index += count;
}

void SessionAnalyzer::edge() {
    if (!m_inCommand) {
        // The boot edge and "timestamp" commands outside an infer: not a window.
        return;
    }
    if (m_edgesInCommand > 0) {
        m_lastStart = m_segmentStart;
        m_lastEnd = m_index;
        m_lastJoules = m_segment.value();
        m_lastLost = m_lostInSegment;
    }
    ++m_edgesInCommand;
    m_segmentStart = m_index;
    m_segment = CompensatedSum();
    m_lostInSegment = 0;
}

void SessionAnalyzer::beginInfer(std::uint64_t inferences) {
    m_inCommand = true;
    m_inferences = inferences;
    m_edgesInCommand = 0;
    m_segment = CompensatedSum();
    m_segmentStart = m_index;
    m_lostInSegment = 0;
}

void SessionAnalyzer::endInfer() {
    if (!m_inCommand) return;
    m_inCommand = false; // samples inside the command but outside its window (warm-up, replies) are neither
    const std::string which = "window " + std::to_string(m_windows.size() + 1);
    if (m_edgesInCommand < 2 || (m_rule == EdgeRule::Strict && m_edgesInCommand != 2)) {
        m_findings.push_back(
            {Finding::Level::Error, "edges",
             which + ": " + std::to_string(m_edgesInCommand) + " timestamp edge(s) during the infer, " +
                 (m_rule == EdgeRule::Strict ? "exactly 2 expected (strict)" : "at least 2 expected")});
        return;
    }
    if (m_edgesInCommand > 2)
        m_findings.push_back({Finding::Level::Warning, "extra-edges",
                              which + ": " + std::to_string(m_edgesInCommand) +
                                  " edges during the infer; the last two delimit the window"});
    Window w;
    w.inferences = m_inferences;
    w.startSample = m_lastStart;
    w.endSample = m_lastEnd;
    w.seconds = static_cast<double>(m_lastEnd - m_lastStart) / m_rate;
    w.joules = m_lastJoules;
    if (m_lastLost > 0)
        m_findings.push_back({Finding::Level::Error, "lost-samples",
                              which + ": the monitor lost " + std::to_string(m_lastLost) +
                                  " sample(s) inside the window; its energy is too low"});
    if (w.seconds < m_minimumSeconds) {
        char text[128];
        std::snprintf(text, sizeof text, " lasts %.3f s, less than the %.3g s a session asks", w.seconds,
                      m_minimumSeconds);
        m_findings.push_back({Finding::Level::Warning, "short-window", which + text});
    }
    m_windows.push_back(w);
}

void SessionAnalyzer::fault(const std::string& code, const std::string& message) {
    m_findings.push_back({Finding::Level::Error, code, message});
}

SessionResult SessionAnalyzer::finish() const {
    SessionResult r;
    r.windows = m_windows;
    r.sampleRateHz = m_rate;
    r.samples = m_index;
    r.lostSamples = m_lost;
    r.findings = m_findings;
    if (m_inCommand)
        r.findings.push_back({Finding::Level::Error, "unfinished", "the session ended inside an infer command"});
    if (m_windows.size() != m_expectedWindows)
        r.findings.push_back({Finding::Level::Warning, "window-count",
                              std::to_string(m_windows.size()) + " window(s), " + std::to_string(m_expectedWindows) +
                                  " expected for a full session"});
    if (m_lost > 0)
        r.findings.push_back({Finding::Level::Warning, "lost-samples-total",
                              "the monitor lost " + std::to_string(m_lost) + " sample(s) in the session"});
    if (m_idleSamples > 0) r.idlePowerW = m_idle.value() / (static_cast<double>(m_idleSamples) / m_rate);
    std::vector<double> perInference, throughput, seconds, net;
    for (const auto& w : m_windows) {
        perInference.push_back(w.joulesPerInference());
        throughput.push_back(w.throughput());
        const double t = w.inferences ? w.seconds / static_cast<double>(w.inferences) : 0.0;
        seconds.push_back(t);
        if (r.idlePowerW) net.push_back(w.joulesPerInference() - *r.idlePowerW * t);
    }
    r.medianJoulesPerInference = median(perInference);
    r.medianThroughput = median(throughput);
    r.medianInferenceSeconds = median(seconds);
    if (r.idlePowerW && !net.empty()) r.medianNetJoulesPerInference = median(net);
    return r;
}

} // namespace tinyfoot::harness
