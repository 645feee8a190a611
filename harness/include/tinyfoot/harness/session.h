// A live energy-mode session: drive the device through its windows while a reader thread
// parses the monitor's stream into the session analysis, and keep everything on disk as it
// comes (metadata, the device log with host times, the raw trace, the edges, the results).
#pragma once

#include "tinyfoot/harness/emulated.h"
#include "tinyfoot/harness/energy.h"
#include "tinyfoot/harness/results.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::harness {

struct SessionOptions {
    std::string device; ///< serial path, "tcp:HOST:PORT", "unix:PATH" or "exec:PROGRAM ARGS..."
    unsigned deviceBaud = 115200;
    std::string monitorKind; ///< "lpm01a", "ppk2", "ina226" or "emulated"
    std::string monitor;     ///< its serial path ("emulated": unix:PATH or tcp:HOST:PORT of the board's UART1)
    std::optional<PowerModel> powerModel; ///< "emulated" only
    double emulatedClockHz = 125e6;       ///< "emulated": 1 / virtual time per instruction (QEMU -icount shift=3)
    double emulatedRateHz = 10000.0;      ///< "emulated": samples per second of virtual time
    double volts = 3.0;                   ///< supply voltage the monitor sets and currents are multiplied by
    double lpm01aRateHz = 1000.0;
    std::uint64_t iterations = 1000;
    std::uint64_t warmup = 1;
    std::vector<std::filesystem::path> inputs; ///< one input file per window (5 for MLPerf)
    bool ioManager = false;
    EdgeRule rule = EdgeRule::LastTwo;
    double minimumWindowSeconds = 10.0;
    std::chrono::milliseconds timeout{120000}; ///< per infer command
    std::filesystem::path folder;              ///< the session folder (created)
    std::string toolVersion;
    std::function<void(const std::string&)> progress;
};

struct SessionOutcome {
    SessionResult result;
    bool complete = false;
    std::string failure; ///< why the session stopped early, when it did
};

/// Performance mode: no monitor; the device times each window itself (`m-lap-us`). Writes
/// metadata.json, device.log, performance.json (per-window and median throughput and latency)
/// and results.txt ("Median throughput is X inf./sec.").
struct PerformanceOutcome {
    std::vector<double> windowSeconds;
    double medianThroughput = 0.0;
    double medianLatencySeconds = 0.0;
    bool complete = false;
    std::string failure;
};
PerformanceOutcome runPerformanceSession(const SessionOptions& options);

/// Runs the session and writes the folder: metadata.json, device.log, trace.bin (float64 LE,
/// joules per sample, appended as it streams), edges.json, results.json, results.txt. A fault
/// (a link lost, a device error, a timeout) ends the session with what was captured, marked
/// incomplete; nothing already written is lost.
SessionOutcome runSession(const SessionOptions& options);

} // namespace tinyfoot::harness
