// A session's results on disk (results.json, "tinyfoot.measurement"; results.txt in the MLPerf
// wording) and importers of sessions recorded by other runners.
#pragma once

#include "tinyfoot/harness/energy.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::harness {

/// Who and what produced a session.
/// How far the true energy per inference may lie from the figure, as multiples of it (written as
/// the results file's "spread"; an emulated estimate's validation).
struct ResultSpread {
    double low = 1.0, high = 1.0;
    std::string basis;
};

struct Provenance {
    std::string kind = "measured"; ///< "measured", "imported" or "emulated estimate"
    std::string tool = "tinyfoot";
    std::string started; ///< ISO 8601, UTC
    std::string device, model, profile;
    std::string monitorKind, monitorName, monitorSerial;
    double supplyVolts = 0.0;
    std::string source; ///< the session folder or imported files, for the citation
    std::optional<ResultSpread> spread;
};

struct AccuracyResult;

/// The results file the engine's use stage reads (docs/file-format.md); `accuracy`, when given,
/// becomes its `accuracy` member.
nlohmann::json resultsJson(const SessionResult& result, const Provenance& provenance, bool complete,
                           const AccuracyResult* accuracy = nullptr);

/// "Median energy cost is X uJ/inf." and "Median throughput is X inf./sec.", one block per window.
std::string resultsText(const SessionResult& result);

/// A performance-mode session (no monitor: each window timed by the device, m-lap-us).
struct PerformanceResult {
    std::uint64_t iterations = 0;      ///< per window (the first window's, when windows differ)
    std::vector<double> windowSeconds; ///< each window's duration
    double medianThroughput = 0.0;     ///< inferences per second: the median of the windows'
    double medianLatencySeconds = 0.0; ///< the median of the windows' seconds per inference
    std::vector<Finding> findings;
};

/// performance.json ("tinyfoot.performance"): `failure` non-empty when the session stopped early.
nlohmann::json performanceJson(const PerformanceResult& result, bool complete, const std::string& failure);

/// "Median throughput is X inf./sec." and "Median latency is X ms.", then findings and `failure`.
std::string performanceText(const PerformanceResult& result, const std::string& failure);

/// What an MLCommons runner session says about the model's answers, computed as the runner
/// computes it: accuracy mode (top-1 and AUC over the input files) or a streaming wake-word
/// session (true and false detections over the audio file, the duty cycle).
struct AccuracyResult {
    std::string task;        ///< "classification", "anomaly detection" or "streaming wake word"
    std::size_t windows = 0; ///< result objects read
    // Accuracy mode.
    std::size_t inputs = 0;            ///< input files (a file's windows are averaged, as the runner does)
    std::size_t scores = 0;            ///< scores per result: the classes, or 1 (anomaly score)
    std::optional<double> top1Percent; ///< "Top 1% = X" (anomaly detection: the runner's best (precision + recall) / 2)
    std::optional<double> auc;         ///< "AUC = X": binary, or one-vs-rest macro average
    // Streaming wake word.
    std::string wavFile;
    double lengthSeconds = 0.0;
    std::size_t detections = 0; ///< as the interface board recorded them (the first marks the start)
    std::size_t truePositives = 0, falseNegatives = 0, falsePositives = 0;
    std::vector<double> falseNegativeSeconds, falsePositiveSeconds;
    std::optional<double> dutyCycle, periodSeconds, processingSeconds;
    std::vector<Finding> findings;
};

/// The `accuracy` object of results.json, and the body of accuracy.json ("tinyfoot.accuracy").
nlohmann::json accuracyJson(const AccuracyResult& result);

/// accuracy.json: the figures of an accuracy-mode (or streaming, no power) import on their own.
nlohmann::json accuracyFileJson(const AccuracyResult& result, const Provenance& provenance);

/// In the runner's words: "Top 1% = X" and "AUC = X", or "Accuracy: N True positives, ..." and
/// the duty cycle.
std::string accuracyText(const AccuracyResult& result);

/// The area under the ROC curve of `scores` for telling `positive` from the rest: the
/// Mann-Whitney statistic, tied scores counting one half (what sklearn's roc_auc_score gives).
/// Nothing when either side is empty.
std::optional<double> binaryAuc(const std::vector<bool>& positive, const std::vector<double>& scores);

/// A problem with an imported file: which file, what was expected, what was found.
struct ImportError : std::runtime_error {
    ImportError(const std::string& file, const std::string& what);
};

/// What the user typed for an import. Each setting the files also state is checked against
/// them (an ImportError naming the file and the field when they disagree); a setting the files
/// do not state is taken from here.
struct ImportOptions {
    std::optional<std::uint64_t> iterations; ///< inferences of each window
    std::optional<std::uint64_t> warmups;    ///< warm-up inferences before each window
    std::optional<double> volts;             ///< the supply voltage
    std::optional<double> sampleRateHz;      ///< the monitor's sample rate
};

/// The runners whose sessions import.
enum class Runner {
    EnergyRunner, ///< EEMBC EnergyRunner: a folder with trace1-energy.bin and trace1-timestamps.json
    Mlcommons,    ///< MLCommons runner (mlcommons/tiny benchmark/runner): results.json
};

/// An imported session and the settings it was run with, each with the file that said it.
struct ImportedSession {
    Runner runner = Runner::EnergyRunner;
    SessionResult result;                         ///< energy mode
    std::optional<PerformanceResult> performance; ///< performance mode (then `result` is empty)
    std::optional<AccuracyResult> accuracy;       ///< accuracy mode, or a streaming wake-word session
    std::uint64_t iterations = 0;                 ///< per window (the first window's, when windows differ)
    std::optional<std::uint64_t> warmups;
    std::optional<double> volts;
    double sampleRateHz = 0.0;
    std::string settingsFrom; ///< e.g. "iterations from script.async, volts from log.txt"
};

/// Which runner wrote PATH: a folder holding trace1-energy.bin (EnergyRunner) or results.json
/// (MLCommons runner), one of the EnergyRunner's trace files, or a results.json file (an array
/// of windows or a single window object). Throws ImportError when it is none of them.
Runner detectRunner(const std::filesystem::path& path);

/// Imports whatever detectRunner finds at PATH.
ImportedSession importSession(const std::filesystem::path& path, const ImportOptions& options);

/// EnergyRunner session folder: trace1-energy.bin (a version byte, float32-LE sample rate,
/// float32-LE samples in µJ) and trace1-timestamps.json (edge times in seconds: the boot edge,
/// then a start and a stop per infer; a window holds the samples whose time, 1/rate summed in
/// double precision as the runner sums it, lies in [start, stop)). Iterations and warm-ups come
/// from script.async (`io dut infer N W`) and log.txt (`key[iterInfer]-val[N]`,
/// `key[iterWarmup]-val[W]`), the supply voltage from the monitor's answer in log.txt
/// (`m-voltage-mv[V]`), else from script.async's request (`emon voltage V`).
ImportedSession importEnergyRunner(const std::filesystem::path& folder, const ImportOptions& options);

/// MLCommons runner results.json: a JSON array with one object per window (input file), or one
/// such object. Accuracy mode (`mode` "a"): each window's `infer.results` (scores, normalised by
/// their sum when there are several), `class` and `file` give top-1 and AUC (`accuracy`).
/// Streaming wake word (`infer` with `detections` and `detection_windows`): the detection counts
/// and duty cycle (`accuracy`), and in energy mode the energy over the window, per processed frame.
/// Performance mode (`mode` "p"): each window's `infer.iterations` over its
/// `infer.elapsed_time` (µs) gives its throughput. Energy mode (`mode` "e"): `infer` (`iterations`, `warmups`, ...) and
/// `power` (`samples`, J per sample; `timestamps`, [event counter, sample index] pairs, the
/// window being the samples between the last two; `voltage`, V). The runner sets its LPM01A to
/// 1 kHz and computes with 1000 Hz; a `power.sample_rate` member, when present, says otherwise.
ImportedSession importMlcommons(const std::filesystem::path& file, const ImportOptions& options);

/// Writes `text` to `file` atomically (a temporary file beside it, then a rename).
void writeAtomically(const std::filesystem::path& file, const std::string& text);

} // namespace tinyfoot::harness
