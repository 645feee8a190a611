// tinyfoot measure import: a session recorded by another runner, turned into TinyFoot's results
// files (results.json for the use stage, results.txt in the MLPerf wording).
#include "../cli.h"

#include "tinyfoot/harness/results.h"
#include "tinyfoot/harness/session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>

namespace tinyfoot::cli {
namespace {

namespace fs = std::filesystem;

std::string nowUtc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int measureImport(const Args& args) {
    const auto energyRunner = args.value("--energyrunner");
    const auto mlcommons = args.value("--mlcommons");
    const auto& positional = args.positional();
    if (positional.size() + energyRunner.has_value() + mlcommons.has_value() != 1)
        throw UsageError("measure import expects one session: PATH (a runner's folder or results.json), "
                         "--energyrunner FOLDER or --mlcommons RESULTS.json");
    const auto out = args.value("--out");
    if (!out) throw UsageError("measure import expects --out FOLDER for results.json and results.txt");
    // Settings the user types are checked against what the files say.
    harness::ImportOptions o;
    if (args.value("--iterations"))
        o.iterations = static_cast<std::uint64_t>(args.integer("--iterations", 0, 1, 1000000000));
    if (args.value("--warmup")) o.warmups = static_cast<std::uint64_t>(args.integer("--warmup", 0, 0, 1000000000));
    if (args.value("--voltage")) o.volts = args.number("--voltage", 0.0, 0.5, 10.0);
    if (args.value("--sample-rate")) o.sampleRateHz = args.number("--sample-rate", 0.0, 1.0, 1e7);
    harness::Provenance p;
    p.kind = "imported";
    p.tool = "tinyfoot " + std::string(TINYFOOT_VERSION);
    p.started = nowUtc();
    p.device = args.value("--device", "unknown device");
    p.model = args.value("--model", "");
    harness::ImportedSession s;
    try {
        if (energyRunner) {
            p.source = *energyRunner;
            s = harness::importEnergyRunner(*energyRunner, o);
        } else if (mlcommons) {
            p.source = *mlcommons;
            s = harness::importMlcommons(*mlcommons, o);
        } else {
            p.source = positional.front();
            s = harness::importSession(positional.front(), o);
        }
        p.monitorKind = s.runner == harness::Runner::EnergyRunner ? "energyrunner" : "mlcommons";
        if (s.volts) p.supplyVolts = *s.volts;
        const bool powered = !s.performance && !s.result.windows.empty();
        const bool accuracyOnly = s.accuracy && !s.performance && s.result.windows.empty();
        // An accuracy-mode session of the same model, for the energy session's results.json.
        std::optional<harness::AccuracyResult> accuracy = s.accuracy;
        if (const auto extra = args.value("--accuracy")) {
            if (!powered)
                throw harness::ImportError(p.source, "--accuracy adds accuracy figures to an energy-mode session; "
                                                     "this one has no power samples");
            if (s.accuracy)
                throw harness::ImportError(p.source, "--accuracy: this streaming session carries its own detection "
                                                     "counts, which the accuracy figures would replace");
            const harness::ImportedSession a = harness::importSession(*extra, {});
            if (!a.accuracy || !a.result.windows.empty() || a.accuracy->task == "streaming wake word")
                throw harness::ImportError(*extra, "expected an accuracy-mode results.json (every window \"mode\": "
                                                   "\"a\") for --accuracy");
            accuracy = a.accuracy;
        }
        char volts[32] = "";
        if (s.volts) std::snprintf(volts, sizeof volts, ", %.3f V", *s.volts);
        std::cerr << "tinyfoot: " << (s.runner == harness::Runner::EnergyRunner ? "EnergyRunner" : "MLCommons runner")
                  << " session, ";
        if (accuracyOnly)
            std::cerr << (s.accuracy->task == "streaming wake word"
                              ? "streaming wake word, no power samples"
                              : "accuracy mode, " + std::to_string(s.accuracy->inputs) + " input files")
                      << " (" << s.settingsFrom << ")\n";
        else
            std::cerr << s.iterations << " inferences per window"
                      << (s.warmups ? " after " + std::to_string(*s.warmups) + " warm-up(s)" : std::string()) << volts
                      << (s.performance ? std::string(", performance mode")
                                        : ", " + std::to_string(static_cast<long long>(s.sampleRateHz)) + " Hz")
                      << " (" << s.settingsFrom << ")\n";
        std::error_code ec;
        fs::create_directories(*out, ec);
        if (ec) throw harness::ImportError(*out, "cannot be created: " + ec.message());
        if (accuracyOnly) {
            // Accuracy mode, or a streaming session without power: figures, no energy for the use stage.
            const bool errors = std::any_of(s.accuracy->findings.begin(), s.accuracy->findings.end(),
                                            [](const auto& f) { return f.level == harness::Finding::Level::Error; });
            harness::writeAtomically(fs::path(*out) / "accuracy.json",
                                     harness::accuracyFileJson(*s.accuracy, p).dump(2) + "\n");
            const std::string text = harness::accuracyText(*s.accuracy);
            harness::writeAtomically(fs::path(*out) / "results.txt", text);
            std::cout << text;
            return errors ? kIncomplete : kOk;
        }
        if (s.performance) {
            // Performance mode: timings only, no energy for the use stage.
            const bool errors = std::any_of(s.performance->findings.begin(), s.performance->findings.end(),
                                            [](const auto& f) { return f.level == harness::Finding::Level::Error; });
            harness::writeAtomically(fs::path(*out) / "performance.json",
                                     harness::performanceJson(*s.performance, !errors, "").dump(2) + "\n");
            const std::string text = harness::performanceText(*s.performance, "");
            harness::writeAtomically(fs::path(*out) / "results.txt", text);
            std::cout << text;
            return errors ? kIncomplete : kOk;
        }
        harness::writeAtomically(fs::path(*out) / "results.json",
                                 harness::resultsJson(s.result, p, true, accuracy ? &*accuracy : nullptr).dump(2) +
                                     "\n");
        std::string text = harness::resultsText(s.result);
        if (s.accuracy && s.accuracy->task == "streaming wake word")
            for (const auto& w : s.result.windows) {
                char line[160];
                std::snprintf(line, sizeof line,
                              "Energy over the window is %.3f uJ in %.3f s (the runner's median: one window, one "
                              "inference)\n",
                              w.joules * 1e6, w.seconds);
                text += line;
            }
        if (accuracy) text += harness::accuracyText(*accuracy);
        harness::writeAtomically(fs::path(*out) / "results.txt", text);
        std::cout << text;
    } catch (const harness::ImportError& e) {
        std::cerr << "tinyfoot: " << e.what() << "\n";
        return kBadInput;
    }
    return s.result.hasErrors() || s.result.windows.empty() ? kIncomplete : kOk;
}

int measureLive(const std::vector<std::string>& words) {
    const Args args(words,
                    {"--device", "--device-baud", "--monitor", "--voltage", "--iterations", "--warmup", "--inputs",
                     "--min-window-s", "--timeout-s", "--out", "--lpm01a-rate", "--power-model", "--emulated-clock-hz",
                     "--mode"},
                    {"--io-manager", "--strict"});
    if (!args.positional().empty()) throw UsageError("measure takes options only (see 'tinyfoot help measure')");
    harness::SessionOptions o;
    const auto device = args.value("--device");
    const std::string mode = args.value("--mode", "energy");
    if (mode != "energy" && mode != "performance") throw UsageError("--mode expects energy or performance");
    const bool performance = mode == "performance";
    const auto monitor = performance ? std::optional<std::string>("none:") : args.value("--monitor");
    const auto inputs = args.value("--inputs");
    const auto out = args.value("--out");
    if (!device || !monitor || !inputs || !out)
        throw UsageError("measure expects --device, --monitor KIND:PATH (energy mode), --inputs and --out");
    o.device = *device;
    o.deviceBaud = static_cast<unsigned>(args.integer("--device-baud", 115200, 300, 4000000));
    const auto colon = monitor->find(':');
    if (colon == std::string::npos) throw UsageError("--monitor expects KIND:PATH, e.g. lpm01a:/dev/ttyACM0");
    o.monitorKind = monitor->substr(0, colon);
    o.monitor = monitor->substr(colon + 1);
    if (!performance && o.monitorKind != "lpm01a" && o.monitorKind != "ppk2" && o.monitorKind != "ina226" &&
        o.monitorKind != "emulated")
        throw UsageError("--monitor kind must be lpm01a, ppk2, ina226 or emulated, not '" + o.monitorKind + "'");
    if (o.monitorKind == "emulated") {
        const auto model = args.value("--power-model");
        if (!model) throw UsageError("--monitor emulated:... needs --power-model FILE (e.g. data/power/stm32l4.json)");
        try {
            o.powerModel = harness::loadPowerModel(*model);
        } catch (const harness::ImportError& e) {
            std::cerr << "tinyfoot: " << e.what() << "\n";
            return kBadInput;
        }
        o.emulatedClockHz = args.number("--emulated-clock-hz", 125e6, 1e3, 1e10);
    }
    o.volts = args.number("--voltage", 3.0, 0.8, 5.0);
    o.lpm01aRateHz = args.number("--lpm01a-rate", 1000.0, 1.0, 100000.0);
    o.iterations = static_cast<std::uint64_t>(args.integer("--iterations", 1000, 1, 100000000));
    o.warmup = static_cast<std::uint64_t>(args.integer("--warmup", 1, 0, 100000000));
    o.minimumWindowSeconds = args.number("--min-window-s", 10.0, 0.0, 3600.0);
    o.timeout =
        std::chrono::milliseconds(static_cast<long long>(args.number("--timeout-s", 120.0, 1.0, 86400.0) * 1000));
    o.ioManager = args.flag("--io-manager");
    o.rule = args.flag("--strict") ? harness::EdgeRule::Strict : harness::EdgeRule::LastTwo;
    o.folder = *out;
    o.toolVersion = TINYFOOT_VERSION;
    // Inputs: a folder (every file in it, sorted: one window each) or a comma-separated list.
    std::error_code ec;
    if (fs::is_directory(*inputs, ec)) {
        for (const auto& e : fs::directory_iterator(*inputs))
            if (e.is_regular_file()) o.inputs.push_back(e.path());
        std::sort(o.inputs.begin(), o.inputs.end());
    } else {
        std::size_t start = 0;
        while (start <= inputs->size()) {
            const auto comma = inputs->find(',', start);
            const std::string f = inputs->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!f.empty()) o.inputs.emplace_back(f);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    if (o.inputs.empty()) throw UsageError("--inputs names no input file");
    o.progress = [](const std::string& s) { std::cerr << "tinyfoot: " << s << "\n"; };
    if (performance) {
        const harness::PerformanceOutcome p = harness::runPerformanceSession(o);
        std::cout << "Median throughput is " << p.medianThroughput << " inf./sec.\nMedian latency is "
                  << p.medianLatencySeconds * 1e3 << " ms.\nsession folder: " << o.folder.string()
                  << (p.complete ? "" : " (incomplete)") << "\n";
        if (!p.failure.empty()) std::cerr << "tinyfoot: the session stopped early: " << p.failure << "\n";
        return p.complete ? kOk : kIncomplete;
    }
    const harness::SessionOutcome r = harness::runSession(o);
    std::cout << harness::resultsText(r.result);
    std::cout << "session folder: " << o.folder.string() << (r.complete ? "" : " (incomplete)") << "\n";
    if (!r.failure.empty()) std::cerr << "tinyfoot: the session stopped early: " << r.failure << "\n";
    return r.complete && !r.result.hasErrors() ? kOk : kIncomplete;
}

int measure(const std::vector<std::string>& words, Environment&) {
    if (!words.empty() && words.front() == "import") {
        const std::vector<std::string> rest(words.begin() + 1, words.end());
        const Args args(rest,
                        {"--energyrunner", "--mlcommons", "--iterations", "--warmup", "--voltage", "--sample-rate",
                         "--out", "--device", "--model", "--accuracy"},
                        {});
        return measureImport(args);
    }
    return measureLive(words);
}

const Registration measureCommand{
    Command{"measure", "energy per inference: a live session, or a recorded one",
            R"(Usage: tinyfoot measure --device DEV --monitor KIND:PATH --inputs FILES --out FOLDER [--mode energy]
                        [--voltage V] [--iterations N] [--warmup W] [--io-manager] [--strict]
                        [--min-window-s S] [--timeout-s S] [--device-baud B] [--lpm01a-rate HZ]
       tinyfoot measure import PATH --out FOLDER [--iterations N] [--warmup W]
                              [--voltage V] [--sample-rate HZ] [--device NAME] [--model NAME]
                              [--accuracy RESULTS.json]

A live session (energy mode): starts the power monitor (KIND lpm01a, ppk2 or ina226 on a serial
PATH), waits for the device (DEV: a serial path, tcp:HOST:PORT, unix:PATH or "exec:PROGRAM
ARGS"), then for each input file (a folder of them, or a comma-separated list; 5 for MLPerf)
loads it and runs "infer N W", integrating the monitor's samples between the last two timestamp
edges of each infer (--strict: exactly two). KIND emulated reads an emulated board's activity
UART (unix:PATH or tcp:HOST:PORT) and needs --power-model FILE; its results are labelled
"emulated estimate" (--emulated-clock-hz: 1 / virtual time per instruction, default 125e6 for
QEMU -icount shift=3). Writes FOLDER/metadata.json, device.log, trace.bin
(float64 joules per sample, appended as it streams), edges.json, results.json and results.txt;
progress goes to stderr. A fault keeps what was captured and marks the session incomplete
(exit 5).

--mode performance times each window on the device itself (m-lap-us) with no monitor and
writes performance.json and results.txt ("Median throughput is X inf./sec.").

measure import replays a session recorded by another runner. PATH is an EEMBC EnergyRunner
session folder (trace1-energy.bin, trace1-timestamps.json, script.async, log.txt) or an MLCommons
runner results.json (or the folder holding it); --energyrunner FOLDER and --mlcommons FILE name
the runner instead of detecting it. Iterations, warm-ups, supply voltage and sample rate come from
the files (the runner's script and log, or each window's infer and power members); an option the
files also state must agree with them (exit 3 names the file and field when it does not). The
energy between the last two edges of each window, per inference, is written to
FOLDER/results.json (for 'tinyfoot report --use-from') and FOLDER/results.txt ("Median energy
cost is X uJ/inf."); a performance-mode results.json gives FOLDER/performance.json and
"Median throughput is X inf./sec.". An accuracy-mode results.json gives FOLDER/accuracy.json
and "Top 1% = X" / "AUC = X" as the runner computes them; a streaming wake-word session gives its
detection counts ("Accuracy: N True positives, ...") and duty cycle, and in energy mode the
energy over the window, restated per audio frame in results.json. --accuracy RESULTS.json adds
an accuracy-mode session's figures to an energy session's results.json. The settings found go
to stderr. Exit 5 when the session has errors (its results are still written, marked
incomplete).
)",
            measure}};

} // namespace
} // namespace tinyfoot::cli
