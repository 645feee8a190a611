// A session's results on disk (results.json, "tinyfoot.measurement"; results.txt in the MLPerf
// wording) and importers of sessions recorded by other runners.
#pragma once

#include "tinyfoot/harness/energy.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace tinyfoot::harness {

/// Who and what produced a session.
struct Provenance {
    std::string kind = "measured"; ///< "measured", "imported" or "emulated estimate"
    std::string tool = "tinyfoot";
    std::string started; ///< ISO 8601, UTC
    std::string device, model, profile;
    std::string monitorKind, monitorName, monitorSerial;
    double supplyVolts = 0.0;
    std::string source; ///< the session folder or imported files, for the citation
};

/// The results file the engine's use stage reads (docs/file-format.md).
nlohmann::json resultsJson(const SessionResult& result, const Provenance& provenance, bool complete);

/// "Median energy cost is X uJ/inf." and "Median throughput is X inf./sec.", one block per window.
std::string resultsText(const SessionResult& result);

/// A problem with an imported file: which file, what was expected, what was found.
struct ImportError : std::runtime_error {
    ImportError(const std::string& file, const std::string& what);
};

/// EnergyRunner session: trace1-energy.bin (a version byte, float32-LE sample rate, float32-LE
/// samples in µJ) and trace1-timestamps.json (edge times in seconds: the boot edge, then a start
/// and a stop per infer). `inferences`: the iterations of each infer (the runner's setting).
SessionResult importEnergyRunner(const std::filesystem::path& folder, std::uint64_t inferences);

/// MLCommons runner results.json: power.samples (J per sample), power.timestamps ([event,
/// sample index] pairs: a start and a stop per infer, after an optional boot event),
/// power.voltage, infer.iterations, and power.sample_rate (Hz; 1000 when absent, the reference
/// set-up, reported as a warning).
SessionResult importMlcommons(const std::filesystem::path& file, Provenance& provenance);

/// Writes `text` to `file` atomically (a temporary file beside it, then a rename).
void writeAtomically(const std::filesystem::path& file, const std::string& text);

} // namespace tinyfoot::harness
