// The emulated power monitor: an emulated board (QEMU, -icount) reports on a second UART when
// its timestamp pin falls and rises and when its CPU starts and stops waiting for the host, each
// with its virtual time. With a power model from a datasheet (active current per MHz, idle
// current, supply voltage) these become a power trace — an EMULATED ESTIMATE, labelled as such
// wherever it appears.
#pragma once

#include "tinyfoot/harness/monitors.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::harness {

/// A published measurement of the workload a power model's validation ran.
struct PublishedFigure {
    double microjoules = 0.0; ///< median energy per inference
    std::string citation;
};

/// How the model's emulated estimate compares with published measurements of the same workload
/// on the real board: not fitted, a check. Its range (published / emulated, lowest to highest)
/// travels with every estimate made at the same clock as the results file's spread.
struct EmulationValidation {
    double clockHz = 0.0;             ///< the emulated clock the comparison was made at
    double emulatedMicrojoules = 0.0; ///< the emulated estimate of that workload
    std::string workload;
    std::vector<PublishedFigure> published;
    double low() const;  ///< the lowest published / emulated
    double high() const; ///< the highest
    /// "published / emulated 0.303-0.602 over N measurements of <workload>: <citations>".
    std::string basis() const;
};

struct PowerModel {
    std::string id;
    double runAmpsPerHz = 0.0; ///< active current per hertz of clock
    double idleAmps = 0.0;
    double volts = 0.0;
    std::string citation;
    std::optional<EmulationValidation> validation;
    /// Active power at `clockHz`: run current per Hz x clock x supply voltage.
    double activeWatts(double clockHz) const { return runAmpsPerHz * clockHz * volts; }
    double idleWatts() const { return idleAmps * volts; }
};

/// Reads a "tinyfoot.power_model" file (data/power/); ImportError naming the file and the member.
PowerModel loadPowerModel(const std::filesystem::path& file);

/// Turns "F <us>", "R <us>", "S <us>", "W <us>" lines into samples (joules per sample at
/// `rateHz` of virtual time) and edges (at each "F").
class EmulatedMonitorParser {
public:
    EmulatedMonitorParser(StreamSink& sink, const PowerModel& model, double clockHz, double rateHz);
    void feed(std::string_view bytes);

private:
    void advance(double us);
    StreamSink& m_sink;
    double m_active, m_idle, m_periodUs;
    bool m_waiting = false;
    double m_t = 0.0, m_sampleEnd;
    double m_acc = 0.0;
    LineFramer m_framer;
};

} // namespace tinyfoot::harness
