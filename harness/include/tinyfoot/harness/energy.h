// Energy per inference from a power monitor's sample stream and the device's timestamp edges,
// as the MLPerf Tiny runners compute it: integrate the samples between the last two edges of
// each `infer`, divide by its inference count, take the median over the session's windows.
//
// Streaming: samples are consumed one at a time and nothing grows with the capture's length
// (a window keeps its sums, not its samples). Sums are compensated (Neumaier).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::harness {

/// A compensated (Neumaier) sum: exact to the last bits for millions of small terms.
class CompensatedSum {
public:
    void add(double x) {
        const double t = m_sum + x;
        if ((m_sum >= 0 ? m_sum : -m_sum) >= (x >= 0 ? x : -x)) m_c += (m_sum - t) + x;
        else m_c += (x - t) + m_sum;
        m_sum = t;
    }
    double value() const { return m_sum + m_c; }

private:
    double m_sum = 0.0;
    double m_c = 0.0;
};

/// How the window of an `infer` is taken from its edges.
enum class EdgeRule {
    LastTwo, ///< the last two edges seen during the command (MLPerf's runners; extra early edges happen)
    Strict,  ///< exactly two edges, anything else is an error
};

struct Window {
    std::uint64_t inferences = 0;
    std::uint64_t startSample = 0; ///< index of the first sample inside the window
    std::uint64_t endSample = 0;   ///< one past the last
    double seconds = 0.0;
    double joules = 0.0;
    double joulesPerInference() const { return inferences ? joules / static_cast<double>(inferences) : 0.0; }
    double throughput() const { return seconds > 0 ? static_cast<double>(inferences) / seconds : 0.0; }
};

struct Finding {
    enum class Level { Warning, Error };
    Level level = Level::Warning;
    std::string code;    ///< stable: "short-window", "window-count", "lost-samples", "edges", "overcurrent" ...
    std::string message; ///< readable
};

/// The outcome of a session.
struct SessionResult {
    std::vector<Window> windows;
    double sampleRateHz = 0.0;
    std::uint64_t samples = 0;
    std::uint64_t lostSamples = 0;
    std::optional<double> idlePowerW;                  ///< mean power outside every infer command
    double medianJoulesPerInference = 0.0;             ///< gross
    std::optional<double> medianNetJoulesPerInference; ///< less the idle power over the inference time
    double medianThroughput = 0.0;                     ///< inferences per second
    double medianInferenceSeconds = 0.0;
    std::vector<Finding> findings;
    bool hasErrors() const;
};

/// Consumes a session as it happens: samples (energy per sample, in joules), edges, and the
/// beginning and end of each `infer N` command.
class SessionAnalyzer {
public:
    explicit SessionAnalyzer(double sampleRateHz, EdgeRule rule = EdgeRule::LastTwo, double minimumWindowSeconds = 10.0,
                             std::size_t expectedWindows = 5);

    void sample(double joules);
    /// A timestamp edge at the current position (between the last sample and the next).
    void edge();
    /// Samples the monitor lost here (counter gaps, missing TimeStamp cadence): counted as time.
    void lost(std::uint64_t count);
    void beginInfer(std::uint64_t inferences);
    void endInfer();
    /// An error the stream reported (e.g. overcurrent).
    void fault(const std::string& code, const std::string& message);

    /// The result so far; call at the end of the session.
    SessionResult finish() const;

private:
    double m_rate;
    EdgeRule m_rule;
    double m_minimumSeconds;
    std::size_t m_expectedWindows;
    std::uint64_t m_index = 0;
    std::uint64_t m_lost = 0;
    bool m_inCommand = false;
    std::uint64_t m_inferences = 0;
    // Edges of the current command: the segment since the last edge and the one closed by it.
    std::size_t m_edgesInCommand = 0;
    std::uint64_t m_segmentStart = 0;
    CompensatedSum m_segment;
    std::uint64_t m_lastStart = 0, m_lastEnd = 0;
    double m_lastJoules = 0.0;
    std::uint64_t m_lostInSegment = 0, m_lastLost = 0;
    // Idle: everything outside infer commands.
    CompensatedSum m_idle;
    std::uint64_t m_idleSamples = 0;
    std::vector<Window> m_windows;
    std::vector<Finding> m_findings;
};

/// The median of a list (the mean of the two middle values for an even count).
double median(std::vector<double> values);

} // namespace tinyfoot::harness
