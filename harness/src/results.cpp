#include "tinyfoot/harness/results.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <map>
#include <regex>
#include <sstream>

namespace tinyfoot::harness {

namespace fs = std::filesystem;
using Json = nlohmann::json;

ImportError::ImportError(const std::string& file, const std::string& what) : std::runtime_error(file + ": " + what) {}

namespace {

Json amount(double value, const char* unit) { return Json{{"value", value}, {"unit", unit}}; }

std::string fixed(double v, int decimals) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::fixed << std::setprecision(decimals) << v;
    return s.str();
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw ImportError(p.string(), "cannot be opened");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Drives an analyzer over samples with windows given as [start, stop) sample indices.
SessionResult replay(const std::vector<double>& joules, double rate,
                     const std::vector<std::pair<std::uint64_t, std::uint64_t>>& windows, std::uint64_t inferences) {
    SessionAnalyzer a(rate);
    std::size_t w = 0;
    for (std::uint64_t k = 0; k <= joules.size(); ++k) {
        while (w < windows.size() && windows[w].second == k && windows[w].first < k) {
            a.edge();
            a.endInfer();
            ++w;
        }
        if (w < windows.size() && windows[w].first == k) {
            a.beginInfer(inferences);
            a.edge();
        }
        if (k < joules.size()) a.sample(joules[k]);
    }
    return a.finish();
}

} // namespace

Json resultsJson(const SessionResult& r, const Provenance& p, bool complete, const AccuracyResult* accuracy) {
    Json j;
    j["format"] = "tinyfoot.measurement";
    j["version"] = 1;
    j["complete"] = complete && !r.hasErrors() && !r.windows.empty();
    j["kind"] = p.kind;
    j["tool"] = p.tool;
    if (!p.started.empty()) j["started"] = p.started;
    j["device"] = Json{{"name", p.device}, {"model", p.model}, {"profile", p.profile}};
    Json monitor{{"kind", p.monitorKind}};
    if (!p.monitorName.empty()) monitor["name"] = p.monitorName;
    if (!p.monitorSerial.empty()) monitor["serial"] = p.monitorSerial;
    j["monitor"] = monitor;
    j["mode"] = "energy";
    if (p.supplyVolts > 0) j["supply_voltage_v"] = p.supplyVolts;
    j["energy_per_inference"] = amount(r.medianJoulesPerInference * 1e6, "uJ");
    if (r.medianNetJoulesPerInference)
        j["energy_per_inference_idle_subtracted"] = amount(std::max(0.0, *r.medianNetJoulesPerInference) * 1e6, "uJ");
    j["inference_time"] = amount(r.medianInferenceSeconds, "s");
    j["throughput_per_s"] = r.medianThroughput;
    if (r.idlePowerW) j["idle_power"] = amount(*r.idlePowerW * 1e6, "uW");
    if (p.spread) j["spread"] = Json{{"low", p.spread->low}, {"high", p.spread->high}, {"basis", p.spread->basis}};
    if (accuracy) j["accuracy"] = accuracyJson(*accuracy);
    j["windows"] = Json::array();
    for (const auto& w : r.windows)
        j["windows"].push_back(Json{{"start_s", static_cast<double>(w.startSample) / r.sampleRateHz},
                                    {"end_s", static_cast<double>(w.endSample) / r.sampleRateHz},
                                    {"inferences", w.inferences},
                                    {"energy", amount(w.joules * 1e6, "uJ")},
                                    {"energy_per_inference", amount(w.joulesPerInference() * 1e6, "uJ")}});
    j["warnings"] = Json::array();
    j["errors"] = Json::array();
    for (const auto& f : r.findings)
        j[f.level == Finding::Level::Error ? "errors" : "warnings"].push_back(f.code + ": " + f.message);
    j["sources"] = Json::array(
        {Json{{"citation", "TinyFoot harness session " + p.source + ", " + p.device + ", " + p.monitorKind}}});
    return j;
}

std::string resultsText(const SessionResult& r) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    for (std::size_t i = 0; i < r.windows.size(); ++i) {
        const auto& w = r.windows[i];
        s << "Window " << (i + 1) << ": " << w.inferences << " inferences in " << fixed(w.seconds, 3) << " s, "
          << fixed(w.joules * 1e6, 3) << " uJ, " << fixed(w.joulesPerInference() * 1e6, 3) << " uJ/inf.\n";
    }
    s << "Median throughput is " << fixed(r.medianThroughput, 3) << " inf./sec.\n";
    s << "Median energy cost is " << fixed(r.medianJoulesPerInference * 1e6, 3) << " uJ/inf.\n";
    if (r.medianNetJoulesPerInference)
        s << "Median energy cost less idle power is " << fixed(*r.medianNetJoulesPerInference * 1e6, 3)
          << " uJ/inf. (idle " << fixed(*r.idlePowerW * 1e6, 3) << " uW)\n";
    for (const auto& f : r.findings)
        s << (f.level == Finding::Level::Error ? "ERROR " : "WARNING ") << f.code << ": " << f.message << "\n";
    return s.str();
}

Json accuracyJson(const AccuracyResult& a) {
    Json j{{"task", a.task}, {"windows", a.windows}};
    if (a.task == "streaming wake word") {
        j["wav_file"] = a.wavFile;
        j["length_s"] = a.lengthSeconds;
        j["detections"] = a.detections;
        j["true_positives"] = a.truePositives;
        j["false_negatives"] = a.falseNegatives;
        j["false_positives"] = a.falsePositives;
        j["false_negative_s"] = a.falseNegativeSeconds;
        j["false_positive_s"] = a.falsePositiveSeconds;
        if (a.dutyCycle) j["duty_cycle"] = *a.dutyCycle;
        if (a.periodSeconds) j["period_s"] = *a.periodSeconds;
        if (a.processingSeconds) {
            j["processing_time_s"] = *a.processingSeconds;
            j["throughput_per_s"] = 1.0 / *a.processingSeconds;
        }
    } else {
        j["inputs"] = a.inputs;
        j["scores"] = a.scores;
        if (a.top1Percent) j["top1_percent"] = *a.top1Percent;
        if (a.auc) j["auc"] = *a.auc;
    }
    return j;
}

Json accuracyFileJson(const AccuracyResult& a, const Provenance& p) {
    Json j{{"format", "tinyfoot.accuracy"}, {"version", 1}, {"kind", p.kind}, {"tool", p.tool}};
    if (!p.started.empty()) j["started"] = p.started;
    j["device"] = Json{{"name", p.device}, {"model", p.model}};
    j["accuracy"] = accuracyJson(a);
    j["warnings"] = Json::array();
    j["errors"] = Json::array();
    for (const auto& f : a.findings)
        j[f.level == Finding::Level::Error ? "errors" : "warnings"].push_back(f.code + ": " + f.message);
    j["sources"] = Json::array({Json{{"citation", "TinyFoot import of " + p.source + ", " + p.device}}});
    return j;
}

std::string accuracyText(const AccuracyResult& a) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    // The runner's own formats: Python's "{:2.1f}", "{:.3f}" and "{:1.5}" (5 significant digits).
    const auto g5 = [](double v) {
        char b[64];
        std::snprintf(b, sizeof b, "%.5g", v);
        return std::string(b);
    };
    if (a.task == "streaming wake word") {
        s << "== File " << a.wavFile << " (" << fixed(a.lengthSeconds, 1) << " s) ==\n"
          << "Accuracy: " << a.truePositives << " True positives, " << a.falseNegatives << " False negatives, "
          << a.falsePositives << " False positives\n";
        if (a.dutyCycle) s << "Average duty cycle: " << g5(*a.dutyCycle) << "\n";
        if (a.periodSeconds) s << "Average period: " << g5(*a.periodSeconds) << " s\n";
        if (a.processingSeconds) s << "Estimated throughput: " << g5(1.0 / *a.processingSeconds) << " inf./sec.\n";
    } else {
        if (a.top1Percent) s << "Top 1% = " << fixed(*a.top1Percent, 1) << "\n";
        if (a.auc) s << "AUC = " << fixed(*a.auc, 3) << "\n";
        s << "(" << a.task << ", " << a.inputs << " input files, " << a.scores << " score(s) each)\n";
    }
    for (const auto& f : a.findings)
        s << (f.level == Finding::Level::Error ? "ERROR " : "WARNING ") << f.code << ": " << f.message << "\n";
    return s.str();
}

std::optional<double> binaryAuc(const std::vector<bool>& positive, const std::vector<double>& scores) {
    const std::size_t n = std::min(positive.size(), scores.size());
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return scores[x] < scores[y]; });
    // Ranks 1..n, tied scores sharing their mean rank.
    double positiveRanks = 0.0;
    std::size_t positives = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]]) ++j;
        const double rank = 0.5 * static_cast<double>(i + 1 + j); // mean of ranks i+1 .. j
        for (std::size_t k = i; k < j; ++k)
            if (positive[order[k]]) {
                positiveRanks += rank;
                ++positives;
            }
        i = j;
    }
    const std::size_t negatives = n - positives;
    if (positives == 0 || negatives == 0) return std::nullopt;
    const double p = static_cast<double>(positives);
    return (positiveRanks - p * (p + 1) / 2) / (p * static_cast<double>(negatives));
}

nlohmann::json performanceJson(const PerformanceResult& r, bool complete, const std::string& failure) {
    Json perf{{"format", "tinyfoot.performance"},
              {"version", 1},
              {"complete", complete},
              {"iterations", r.iterations},
              {"window_seconds", r.windowSeconds},
              {"median_throughput_per_s", r.medianThroughput},
              {"median_latency", amount(r.medianLatencySeconds * 1e3, "ms")}};
    if (!failure.empty()) perf["error"] = failure;
    if (!r.findings.empty()) {
        perf["warnings"] = Json::array();
        perf["errors"] = Json::array();
        for (const auto& f : r.findings)
            perf[f.level == Finding::Level::Error ? "errors" : "warnings"].push_back(f.code + ": " + f.message);
    }
    return perf;
}

std::string performanceText(const PerformanceResult& r, const std::string& failure) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << "Median throughput is " << fixed(r.medianThroughput, 3) << " inf./sec.\n"
      << "Median latency is " << fixed(r.medianLatencySeconds * 1e3, 3) << " ms.\n";
    for (const auto& f : r.findings)
        s << (f.level == Finding::Level::Error ? "ERROR " : "WARNING ") << f.code << ": " << f.message << "\n";
    if (!failure.empty()) s << "ERROR session-stopped: " << failure << "\n";
    return s.str();
}

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

/// A count the files state, checked against the one typed: an error naming the file and field
/// when they disagree.
std::uint64_t agree(const std::optional<std::uint64_t>& typed, const char* option, std::uint64_t found,
                    const std::string& file, const std::string& field) {
    if (typed && *typed != found)
        throw ImportError(file, field + " says " + std::to_string(found) + ", but " + option + " says " +
                                    std::to_string(*typed));
    return found;
}

double agree(const std::optional<double>& typed, const char* option, double found, const std::string& file,
             const std::string& field) {
    if (typed && std::fabs(*typed - found) > 1e-6 * std::max(1.0, std::fabs(found)))
        throw ImportError(file, field + " says " + fixed(found, 6) + ", but " + option + " says " + fixed(*typed, 6));
    return found;
}

/// Every unsigned integer captured by `pattern`'s first group in `text`.
std::vector<std::uint64_t> allMatches(const std::string& text, const std::regex& pattern) {
    std::vector<std::uint64_t> values;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
        values.push_back(std::stoull((*it)[1].str()));
    return values;
}

/// The one value a file states for a setting (nothing when it states none; an error when it
/// states two different ones).
std::optional<std::uint64_t> stated(const std::string& text, const std::regex& pattern, const std::string& file,
                                    const std::string& field) {
    const auto values = allMatches(text, pattern);
    if (values.empty()) return std::nullopt;
    for (const auto v : values)
        if (v != values.front())
            throw ImportError(file, field + " differs between commands: " + std::to_string(values.front()) + " and " +
                                        std::to_string(v));
    return values.front();
}

/// A setting stated by one or two of a session's files: both must agree.
std::optional<std::uint64_t> together(const std::optional<std::uint64_t>& a, const std::string& aWhere,
                                      const std::optional<std::uint64_t>& b, const std::string& bWhere,
                                      const std::string& file, std::string& from) {
    if (a && b && *a != *b)
        throw ImportError(file,
                          aWhere + " says " + std::to_string(*a) + " but " + bWhere + " says " + std::to_string(*b));
    if (a) from = aWhere;
    else if (b) from = bWhere;
    return a ? a : b;
}

std::string readIfPresent(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) ? readFile(p) : std::string();
}

/// "script.async (io dut infer N)" -> "script.async" and "io dut infer N".
std::string fileOf(const std::string& from) { return from.substr(0, from.find(' ')); }
std::string fieldOf(const std::string& from) {
    const auto open = from.find('(');
    return open == std::string::npos ? from : from.substr(open + 1, from.size() - open - 2);
}

void appendFrom(std::string& settings, const std::string& what, const std::string& from) {
    if (!settings.empty()) settings += ", ";
    settings += what + " from " + from;
}

} // namespace

ImportedSession importEnergyRunner(const fs::path& folder, const ImportOptions& options) {
    const fs::path bin = folder / "trace1-energy.bin";
    const fs::path stamps = folder / "trace1-timestamps.json";
    const fs::path script = folder / "script.async";
    const fs::path log = folder / "log.txt";
    ImportedSession out;
    out.runner = Runner::EnergyRunner;

    // The settings, as the runner's script and log state them.
    const std::string scriptText = readIfPresent(script);
    const std::string logText = readIfPresent(log);
    const std::regex inferCommand(R"(io dut infer (\d+) \d+)"), warmupCommand(R"(io dut infer \d+ (\d+))");
    const std::regex iterKey(R"(key\[iterInfer\]-val\[(\d+)\])"), warmupKey(R"(key\[iterWarmup\]-val\[(\d+)\])");
    const std::regex voltageLog(R"(m-voltage-mv\[(\d+)\])"), voltageScript(R"(emon voltage (\d+))");
    std::string from;
    const auto iterations =
        together(stated(scriptText, inferCommand, script.string(), "io dut infer N"), "script.async (io dut infer N)",
                 stated(logText, iterKey, log.string(), "iterInfer"), "log.txt (iterInfer)", folder.string(), from);
    if (iterations) {
        out.iterations =
            agree(options.iterations, "--iterations", *iterations, (folder / fileOf(from)).string(), fieldOf(from));
        appendFrom(out.settingsFrom, "iterations", from);
    } else if (options.iterations) {
        out.iterations = *options.iterations;
        appendFrom(out.settingsFrom, "iterations", "--iterations");
    } else {
        throw ImportError(folder.string(), "no inference count: neither script.async (io dut infer N W) nor log.txt "
                                           "(iterInfer) states it; give --iterations N");
    }
    if (out.iterations == 0) throw ImportError(folder.string(), "the inference count is 0");
    const auto warmups = together(
        stated(scriptText, warmupCommand, script.string(), "io dut infer N W"), "script.async (io dut infer N W)",
        stated(logText, warmupKey, log.string(), "iterWarmup"), "log.txt (iterWarmup)", folder.string(), from);
    if (warmups) {
        out.warmups = agree(options.warmups, "--warmup", *warmups, (folder / fileOf(from)).string(), fieldOf(from));
        appendFrom(out.settingsFrom, "warm-ups", from);
    } else if (options.warmups) {
        out.warmups = options.warmups;
        appendFrom(out.settingsFrom, "warm-ups", "--warmup");
    }
    // The log has the monitor's answer to `emon voltage` (what it supplied); the script only the
    // value asked for, which the runner's own voltage setting replaces (published sessions ask
    // 3000 and report 1800). The answer wins; a differing request is a warning.
    const auto voltageLogMv = allMatches(logText, voltageLog);
    const auto voltageScriptMv = allMatches(scriptText, voltageScript);
    std::optional<Finding> voltageNote;
    if (!voltageLogMv.empty()) {
        out.volts = agree(options.volts, "--voltage", static_cast<double>(voltageLogMv.back()) / 1000.0, log.string(),
                          "m-voltage-mv");
        appendFrom(out.settingsFrom, "supply voltage", "log.txt (m-voltage-mv)");
        if (!voltageScriptMv.empty() && voltageScriptMv.front() != voltageLogMv.back())
            voltageNote = Finding{Finding::Level::Warning, "voltage-setting",
                                  "script.async asks emon voltage " + std::to_string(voltageScriptMv.front()) +
                                      " but the monitor reported " + std::to_string(voltageLogMv.back()) +
                                      " mV (log.txt); the reported value is used"};
    } else if (!voltageScriptMv.empty()) {
        out.volts = agree(options.volts, "--voltage", static_cast<double>(voltageScriptMv.front()) / 1000.0,
                          script.string(), "emon voltage");
        appendFrom(out.settingsFrom, "supply voltage", "script.async (emon voltage, as asked)");
    } else if (options.volts) {
        out.volts = options.volts;
        appendFrom(out.settingsFrom, "supply voltage", "--voltage");
    }

    const std::string data = readFile(bin);
    if (data.size() < 5) throw ImportError(bin.string(), "expected a version byte and a float32 sample rate");
    if ((data.size() - 5) % 4 != 0)
        throw ImportError(bin.string(), "expected whole float32 samples after the 5-byte header");
    float rate = 0;
    std::memcpy(&rate, data.data() + 1, 4);
    if (!(rate > 0) || !std::isfinite(rate)) throw ImportError(bin.string(), "expected a positive sample rate");
    out.sampleRateHz = agree(options.sampleRateHz, "--sample-rate", static_cast<double>(rate), bin.string(),
                             "the sample rate in the header");
    appendFrom(out.settingsFrom, "sample rate", "trace1-energy.bin");
    std::vector<double> joules((data.size() - 5) / 4);
    for (std::size_t i = 0; i < joules.size(); ++i) {
        float uj = 0;
        std::memcpy(&uj, data.data() + 5 + 4 * i, 4);
        if (!std::isfinite(uj)) throw ImportError(bin.string(), "sample " + std::to_string(i) + " is not finite");
        joules[i] = static_cast<double>(uj) * 1e-6;
    }
    Json times;
    try {
        times = Json::parse(readFile(stamps));
    } catch (const Json::exception& e) {
        throw ImportError(stamps.string(), std::string("expected a JSON array of edge times: ") + e.what());
    }
    if (!times.is_array()) throw ImportError(stamps.string(), "expected a JSON array of edge times in seconds");
    // An edge time becomes the index of the first sample whose time is at or after it, with
    // sample k's time taken as the runner takes it: 1/rate added k times in double precision
    // (the sum drifts from k/rate by up to a sample over a session; this is what reproduces the
    // EnergyRunner's per-window energies to its printed digit, where rounding t x rate does not).
    std::vector<double> edgeSeconds;
    for (const auto& t : times) {
        if (!t.is_number() || t.get<double>() < 0) throw ImportError(stamps.string(), "expected times >= 0 in seconds");
        edgeSeconds.push_back(t.get<double>());
    }
    std::vector<std::uint64_t> edges(edgeSeconds.size(), joules.size() + 1); // past the trace: refused below
    {
        const double step = 1.0 / static_cast<double>(rate);
        double tk = 0.0;
        for (std::uint64_t k = 0; k <= joules.size(); ++k, tk += step)
            for (std::size_t e = 0; e < edgeSeconds.size(); ++e)
                if (edges[e] > joules.size() && tk >= edgeSeconds[e]) edges[e] = k;
    }
    // The first edge is the device's boot; then a start and a stop per infer, as the runner pairs
    // them. A last start with no stop (a lost edge) leaves that window out, as the runner does.
    std::optional<Finding> unpaired;
    if (!edges.empty()) edges.erase(edges.begin());
    if (edges.size() % 2 == 1) {
        unpaired = Finding{Finding::Level::Warning, "unpaired-edge",
                           "trace1-timestamps.json ends with a start edge at " + fixed(edgeSeconds.back(), 3) +
                               " s and no stop edge: that window is left out"};
        edges.pop_back();
    }
    std::vector<std::pair<std::uint64_t, std::uint64_t>> windows;
    for (std::size_t i = 0; i + 1 < edges.size(); i += 2) {
        if (edges[i + 1] <= edges[i] || edges[i + 1] > joules.size())
            throw ImportError(stamps.string(),
                              "window " + std::to_string(i / 2 + 1) + " does not lie inside the trace");
        windows.emplace_back(edges[i], edges[i + 1]);
    }
    out.result = replay(joules, rate, windows, out.iterations);
    if (voltageNote) out.result.findings.push_back(*voltageNote);
    if (unpaired) out.result.findings.push_back(*unpaired);
    return out;
}

namespace {

/// The runner appends {"error": ...} objects to a session that broke its rules.
bool runnerErrorObject(const Json& w) { return w.is_object() && w.size() == 1 && w.contains("error"); }

/// A class label as the runner's truth file gives it: digits in a string ("3"; the runner's
/// int() also takes surrounding blanks, as in " 7" after a comma and a space), or a number.
std::optional<long long> classLabel(const Json& c) {
    if (c.is_number_integer()) return c.get<long long>();
    if (c.is_string()) {
        std::string t = c.get<std::string>();
        const auto first = t.find_first_not_of(" \t\r\n");
        t = first == std::string::npos ? std::string() : t.substr(first, t.find_last_not_of(" \t\r\n") - first + 1);
        if (!t.empty() && t.size() < 10 && t.find_first_not_of("0123456789") == std::string::npos) return std::stoll(t);
    }
    return std::nullopt;
}

/// Accuracy mode, as the runner's summary computes it: each window's scores (normalised by their
/// sum when there are several), averaged over the windows of one input file; top-1 from the
/// highest score (the first of equal ones), or for one anomaly score per file the best
/// (precision + recall) / 2 over 100 thresholds; AUC binary (the second score, or the anomaly
/// score; the larger label positive) or one-vs-rest averaged over the classes.
AccuracyResult accuracyOf(const Json& doc, const std::string& name) {
    struct Input {
        std::string file;
        long long label = 0;
        std::vector<std::vector<double>> results;
    };
    std::vector<Input> inputs;
    std::map<std::string, std::size_t> byFile;
    AccuracyResult a;
    std::size_t width = 0;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const Json& w = doc[i];
        if (runnerErrorObject(w)) continue;
        const std::string at = "[" + std::to_string(i) + "]";
        const auto need = [&](bool ok, const std::string& what) {
            if (!ok) throw ImportError(name, at + what);
        };
        need(w.is_object(), ": expected a window object");
        need(w.contains("file") && w["file"].is_string() && !w["file"].get<std::string>().empty(),
             ".file: expected the input file's name (a string)");
        need(w.contains("class"), ".class: expected the input's true class (digits, as the truth file gives them)");
        const auto label = classLabel(w["class"]);
        need(label.has_value(), ".class is " + w["class"].dump() +
                                    ": expected the input's true class (digits, as the truth file gives them)");
        need(w.contains("infer") && w["infer"].is_object(), ".infer: expected an object");
        const Json& infer = w["infer"];
        need(infer.contains("results") && infer["results"].is_array() && !infer["results"].empty(),
             ".infer.results: expected the model's scores for the input (a non-empty array of numbers)");
        std::vector<double> scores;
        for (std::size_t k = 0; k < infer["results"].size(); ++k) {
            const Json& v = infer["results"][k];
            need(v.is_number() && std::isfinite(v.get<double>()),
                 ".infer.results[" + std::to_string(k) + "] is " + v.dump() + ": expected a number");
            scores.push_back(v.get<double>());
        }
        if (width == 0) width = scores.size();
        need(scores.size() == width, ".infer.results has " + std::to_string(scores.size()) + " scores: expected " +
                                         std::to_string(width) + ", as the first window has");
        if (scores.size() > 1) {
            double total = 0.0; // summed in order, as the runner does
            for (const double v : scores) total += v;
            need(total != 0.0 && std::isfinite(total),
                 ".infer.results: the scores add up to 0; the runner divides them by their sum");
            for (double& v : scores) v /= total;
        }
        const std::string file = w["file"].get<std::string>();
        auto [it, fresh] = byFile.emplace(file, inputs.size());
        if (fresh) inputs.push_back({file, *label, {}});
        need(inputs[it->second].label == *label, ".class is " + std::to_string(*label) + " but an earlier window of " +
                                                     file + " says " + std::to_string(inputs[it->second].label));
        inputs[it->second].results.push_back(std::move(scores));
        ++a.windows;
    }
    if (inputs.empty())
        throw ImportError(name, "expected accuracy-mode windows (file, class, infer.results); found none");
    a.inputs = inputs.size();
    a.scores = width;
    a.task = width == 1 ? "anomaly detection" : "classification";
    std::vector<std::vector<double>> mean;
    std::vector<long long> labels;
    for (const auto& in : inputs) {
        std::vector<double> m(width, 0.0);
        for (const auto& r : in.results)
            for (std::size_t k = 0; k < width; ++k) m[k] += r[k];
        for (double& v : m) v /= static_cast<double>(in.results.size());
        mean.push_back(std::move(m));
        labels.push_back(in.label);
    }
    std::vector<long long> distinct = labels;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const auto column = [&](std::size_t k) {
        std::vector<double> c;
        for (const auto& m : mean) c.push_back(m[k]);
        return c;
    };
    const auto noAuc = [&](const std::string& why) {
        a.findings.push_back({Finding::Level::Warning, "no-auc", "no AUC: " + why});
    };
    if (width == 1) {
        const std::vector<double> y = column(0);
        const double lo = *std::min_element(y.begin(), y.end()), hi = *std::max_element(y.begin(), y.end());
        double best = 0.0;
        for (int k = 0; k < 100; ++k) {
            const double threshold = lo + (static_cast<double>(k) * 0.01) * (hi - lo);
            double tp = 0, fp = 0, fn = 0;
            for (std::size_t i = 0; i < y.size(); ++i) {
                const bool flagged = y[i] > threshold;
                if (labels[i] == 1) (flagged ? tp : fn) += 1;
                else if (labels[i] == 0 && flagged) fp += 1;
            }
            const double precision = tp / (tp + fp + 1e-8), recall = tp / (tp + fn + 1e-8);
            best = std::max(best, 100 * (precision + recall) / 2);
        }
        a.top1Percent = best;
    } else {
        std::size_t correct = 0;
        for (std::size_t i = 0; i < mean.size(); ++i) {
            const auto top = std::max_element(mean[i].begin(), mean[i].end()) - mean[i].begin();
            if (static_cast<long long>(top) == labels[i]) ++correct;
        }
        a.top1Percent = 100.0 * static_cast<double>(correct) / static_cast<double>(mean.size());
    }
    if (width <= 2) {
        if (distinct.size() != 2)
            noAuc("a binary AUC needs two classes among the inputs, found " + std::to_string(distinct.size()));
        else {
            std::vector<bool> positive;
            for (const auto l : labels) positive.push_back(l == distinct.back());
            a.auc = binaryAuc(positive, column(width - 1));
        }
    } else if (distinct.size() != width) {
        noAuc(std::to_string(distinct.size()) + " classes among the inputs but " + std::to_string(width) +
              " scores per input; the one-vs-rest AUC needs every class");
    } else {
        double sum = 0.0;
        for (std::size_t k = 0; k < width; ++k) {
            std::vector<bool> positive;
            for (const auto l : labels) positive.push_back(l == distinct[k]);
            sum += *binaryAuc(positive, column(k));
        }
        a.auc = sum / static_cast<double>(width);
    }
    return a;
}

/// A streaming wake-word window: `infer` holds `detections` (the interface board's times in ms;
/// the first marks the start of the run) and `detection_windows` ([start, stop] in s).
bool streamingWindow(const Json& w) {
    return w.is_object() && w.contains("infer") && w["infer"].is_object() &&
           (w["infer"].contains("detections") || w["infer"].contains("detection_windows"));
}

/// Detections counted as the runner counts them: a detection from the start of a word to 2 s
/// after its end is that word's true positive (the runner adds its 1 s allowance twice; its
/// README says 1 s, but its published counts need 2 s); a word with none is a false negative;
/// the remaining detections, each swallowing those up to 1 s after it, are false positives.
AccuracyResult streamingOf(const Json& doc, const std::string& name) {
    AccuracyResult a;
    a.task = "streaming wake word";
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const Json& w = doc[i];
        if (runnerErrorObject(w)) continue;
        const std::string at = "[" + std::to_string(i) + "]";
        const auto need = [&](bool ok, const std::string& what) {
            if (!ok) throw ImportError(name, at + what);
        };
        need(streamingWindow(w), ": expected a streaming window (infer.detections and infer.detection_windows)");
        const Json& infer = w["infer"];
        need(infer.contains("detections") && infer["detections"].is_array(),
             ".infer.detections: expected the detection times in ms (an array of integers)");
        need(!infer["detections"].empty(), ".infer.detections is empty: expected at least one detection (the first "
                                           "marks the start of the run, as the runner requires)");
        std::vector<long long> detections;
        for (std::size_t k = 0; k < infer["detections"].size(); ++k) {
            const Json& d = infer["detections"][k];
            need(d.is_number_integer(),
                 ".infer.detections[" + std::to_string(k) + "] is " + d.dump() + ": expected an integer (ms)");
            detections.push_back(d.get<long long>());
        }
        need(infer.contains("detection_windows") && infer["detection_windows"].is_array(),
             ".infer.detection_windows: expected [start, stop] pairs in seconds");
        std::vector<std::pair<double, double>> words;
        for (std::size_t k = 0; k < infer["detection_windows"].size(); ++k) {
            const Json& p = infer["detection_windows"][k];
            need(p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number() &&
                     p[0].get<double>() <= p[1].get<double>(),
                 ".infer.detection_windows[" + std::to_string(k) + "] is " + p.dump() +
                     ": expected [start, stop] in seconds, start <= stop");
            words.emplace_back(p[0].get<double>(), p[1].get<double>());
        }
        if (infer.contains("wav_file") && infer["wav_file"].is_string()) {
            if (!a.wavFile.empty()) a.wavFile += ", ";
            a.wavFile += infer["wav_file"].get<std::string>();
        }
        if (infer.contains("length_sec")) {
            need(infer["length_sec"].is_number() && infer["length_sec"].get<double>() >= 0,
                 ".infer.length_sec: expected the audio file's length in seconds");
            a.lengthSeconds += infer["length_sec"].get<double>();
        }
        a.detections += detections.size();
        std::vector<long long> rest;
        for (std::size_t k = 1; k < detections.size(); ++k) rest.push_back(detections[k] - detections.front());
        const double allowance = 1.0;
        for (const auto& [start, stop] : words) {
            const double last = (stop + allowance) + allowance;
            std::vector<long long> kept;
            bool hit = false;
            for (const long long t : rest) {
                const double s = static_cast<double>(t) / 1000.0;
                if (s >= start && s <= last) hit = true;
                else kept.push_back(t);
            }
            if (hit) {
                ++a.truePositives;
                rest = std::move(kept);
            } else {
                ++a.falseNegatives;
                a.falseNegativeSeconds.push_back(start);
            }
        }
        for (std::size_t k = 0; k < rest.size(); ++k) {
            const long long current = rest[k];
            std::vector<long long> kept;
            for (const long long t : rest)
                if (!(t > current && t <= current + 1000)) kept.push_back(t);
            rest = std::move(kept);
        }
        a.falsePositives += rest.size();
        for (const long long t : rest) a.falsePositiveSeconds.push_back(static_cast<double>(t) / 1000.0);
        if (w.contains("dutycycle") && w["dutycycle"].is_object()) {
            const Json& d = w["dutycycle"];
            const auto positive = [&](const char* key) -> std::optional<double> {
                if (!d.contains(key)) return std::nullopt;
                need(d[key].is_number() && d[key].get<double>() > 0,
                     std::string(".dutycycle.") + key + ": expected a number > 0");
                return d[key].get<double>();
            };
            a.dutyCycle = positive("duty_cycle");
            a.periodSeconds = positive("period");
            a.processingSeconds = positive("processing_time");
        }
        ++a.windows;
    }
    return a;
}

/// A streaming session's window is one "inference" to the runner (its median is the window's
/// energy). The use stage multiplies energy per inference by an inference rate, so the window is
/// restated per processed audio frame: frames = window seconds / the duty cycle's period (the
/// frame period the interface board measured), energy per frame = window energy / frames. The
/// window's energy itself stays in `windows`.
void perFrame(ImportedSession& s) {
    auto& r = s.result;
    if (r.windows.empty()) return;
    if (!s.accuracy || !s.accuracy->periodSeconds) {
        r.findings.push_back({Finding::Level::Warning, "no-frame-period",
                              "no dutycycle.period: energy per inference is the whole window's, as the runner "
                              "states it"});
        return;
    }
    std::vector<double> perInference, throughput, seconds;
    for (auto& w : r.windows) {
        w.inferences = static_cast<std::uint64_t>(std::llround(w.seconds / *s.accuracy->periodSeconds));
        if (w.inferences == 0) w.inferences = 1;
        perInference.push_back(w.joulesPerInference());
        throughput.push_back(w.throughput());
        seconds.push_back(w.seconds / static_cast<double>(w.inferences));
    }
    r.medianJoulesPerInference = median(perInference);
    r.medianThroughput = median(throughput);
    r.medianInferenceSeconds = median(seconds);
    r.medianNetJoulesPerInference.reset();
    if (r.idlePowerW) {
        std::vector<double> net;
        for (const auto& w : r.windows)
            net.push_back(w.joulesPerInference() - *r.idlePowerW * w.seconds / static_cast<double>(w.inferences));
        r.medianNetJoulesPerInference = median(net);
    }
    s.iterations = r.windows.front().inferences;
    s.settingsFrom += ", frames per window from dutycycle.period";
}

} // namespace

ImportedSession importMlcommons(const fs::path& file, const ImportOptions& options) {
    const std::string name = file.string();
    Json doc;
    try {
        doc = Json::parse(readFile(file));
    } catch (const Json::exception& e) {
        throw ImportError(name, std::string("expected an MLCommons runner results.json: ") + e.what());
    }
    if (doc.is_object()) doc = Json::array({doc}); // a single window
    if (!doc.is_array() || doc.empty())
        throw ImportError(name, "expected a JSON array of windows (or one window object), as the MLCommons runner "
                                "writes results.json");
    ImportedSession out;
    out.runner = Runner::Mlcommons;
    // The runner appends {"error": ...} objects to a performance session that broke its rules.
    const auto runnerError = runnerErrorObject;
    std::vector<Finding> runnerErrors;
    std::string sessionMode;
    bool streaming = false;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const Json& w = doc[i];
        const std::string at = "[" + std::to_string(i) + "]";
        if (runnerError(w)) {
            const std::string e = w["error"].is_string() ? w["error"].get<std::string>() : w["error"].dump();
            runnerErrors.push_back({Finding::Level::Error, "runner-error",
                                    at + ".error: the runner reported " + quoted(e) +
                                        (e == "error 1"   ? " (not 5 windows)"
                                         : e == "error 2" ? " (the session lasted less than 10 s)"
                                                          : "")});
            continue;
        }
        const std::string mode =
            w.is_object() && w.contains("mode") && w["mode"].is_string() ? w["mode"].get<std::string>() : "e";
        if (mode != "e" && mode != "p" && mode != "a")
            throw ImportError(name, at + ".mode is " + quoted(mode) +
                                        ": expected \"e\" (energy), \"p\" (performance) or \"a\" (accuracy)");
        if (!sessionMode.empty() && mode != sessionMode)
            throw ImportError(name, at + ".mode is " + quoted(mode) + ", unlike the windows before it (" + "\"" +
                                        sessionMode + "\")");
        sessionMode = mode;
        if (streamingWindow(w) != streaming && i > 0)
            throw ImportError(name, at + ": a streaming wake-word window (infer.detections) among windows that are "
                                         "not, or the reverse");
        streaming = streamingWindow(w);
    }
    if (streaming) {
        AccuracyResult a = streamingOf(doc, name);
        a.findings.insert(a.findings.end(), runnerErrors.begin(), runnerErrors.end());
        out.accuracy = a;
        out.iterations = 1;
        if (sessionMode != "e") {
            out.settingsFrom = "detections and detection windows from infer, duty cycle from dutycycle";
            return out;
        }
    } else if (sessionMode == "a") {
        AccuracyResult a = accuracyOf(doc, name);
        a.findings.insert(a.findings.end(), runnerErrors.begin(), runnerErrors.end());
        out.accuracy = a;
        out.iterations = 1;
        out.settingsFrom = "scores from infer.results, true classes from class, inputs from file";
        return out;
    }
    if (sessionMode == "p") {
        PerformanceResult perf;
        std::vector<double> throughput, latency;
        for (std::size_t i = 0; i < doc.size(); ++i) {
            const Json& w = doc[i];
            if (runnerError(w)) continue;
            const std::string at = "[" + std::to_string(i) + "]";
            const auto need = [&](bool ok, const std::string& what) {
                if (!ok) throw ImportError(name, "expected " + what);
            };
            need(w.contains("infer") && w["infer"].is_object(), at + ".infer, an object");
            const Json& infer = w["infer"];
            need(infer.contains("iterations") && infer["iterations"].is_number_unsigned() &&
                     infer["iterations"].get<std::uint64_t>() > 0,
                 at + ".infer.iterations, a positive integer");
            const auto n = agree(options.iterations, "--iterations", infer["iterations"].get<std::uint64_t>(), name,
                                 at + ".infer.iterations");
            if (infer.contains("warmups") && infer["warmups"].is_number_unsigned()) {
                const auto warmups = agree(options.warmups, "--warmup", infer["warmups"].get<std::uint64_t>(), name,
                                           at + ".infer.warmups");
                if (!out.warmups) out.warmups = warmups;
            }
            double us = 0;
            if (infer.contains("elapsed_time") && infer["elapsed_time"].is_number())
                us = infer["elapsed_time"].get<double>();
            else if (infer.contains("start_time") && infer["start_time"].is_number() && infer.contains("end_time") &&
                     infer["end_time"].is_number())
                us = infer["end_time"].get<double>() - infer["start_time"].get<double>();
            need(us > 0, at + ".infer.elapsed_time (or start_time and end_time), the window in microseconds > 0");
            if (perf.windowSeconds.empty()) perf.iterations = n;
            const double seconds = us * 1e-6;
            perf.windowSeconds.push_back(seconds);
            throughput.push_back(static_cast<double>(n) / seconds);
            latency.push_back(seconds / static_cast<double>(n));
            if (seconds < 10.0)
                perf.findings.push_back({Finding::Level::Warning, "short-window",
                                         at + " lasts " + fixed(seconds, 3) + " s, less than the 10 s a session asks"});
        }
        perf.medianThroughput = median(throughput);
        perf.medianLatencySeconds = median(latency);
        if (perf.windowSeconds.size() != 5)
            perf.findings.push_back(
                {Finding::Level::Warning, "window-count",
                 std::to_string(perf.windowSeconds.size()) + " window(s), 5 expected for a full session"});
        perf.findings.insert(perf.findings.end(), runnerErrors.begin(), runnerErrors.end());
        out.iterations = perf.iterations;
        out.performance = perf;
        out.settingsFrom = "iterations and warm-ups from infer, window times from infer.elapsed_time";
        return out;
    }
    // Rate: the runner sets its monitor to 1 kHz and computes with 1000 Hz; a file may say otherwise.
    std::optional<double> fileRate;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const Json& w = doc[i];
        const std::string at = "[" + std::to_string(i) + "]";
        if (w.is_object() && w.contains("power") && w["power"].is_object() && w["power"].contains("sample_rate")) {
            const Json& r = w["power"]["sample_rate"];
            if (!r.is_number() || !(r.get<double>() > 0))
                throw ImportError(name, at + ".power.sample_rate: expected a rate in Hz > 0");
            if (fileRate && *fileRate != r.get<double>())
                throw ImportError(name, at + ".power.sample_rate differs from the first window's");
            fileRate = agree(options.sampleRateHz, "--sample-rate", r.get<double>(), name, at + ".power.sample_rate");
        }
    }
    out.sampleRateHz = fileRate ? *fileRate : options.sampleRateHz ? *options.sampleRateHz : 1000.0;
    appendFrom(out.settingsFrom, "sample rate",
               fileRate               ? "power.sample_rate"
               : options.sampleRateHz ? "--sample-rate"
                                      : "the runner's fixed 1 kHz");

    const std::size_t windows =
        static_cast<std::size_t>(std::count_if(doc.begin(), doc.end(), [&](const Json& w) { return !runnerError(w); }));
    SessionAnalyzer a(out.sampleRateHz, EdgeRule::LastTwo, 10.0, streaming ? windows : 5);
    std::optional<long long> lastCounter; // the monitor's event counter runs through the session
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const Json& w = doc[i];
        if (runnerError(w)) continue;
        const std::string at = "[" + std::to_string(i) + "]";
        const std::string which =
            "window " + std::to_string(i + 1) +
            (w.is_object() && w.contains("file") && w["file"].is_string() ? " (" + w["file"].get<std::string>() + ")"
                                                                          : std::string());
        const auto need = [&](bool ok, const std::string& what) {
            if (!ok) throw ImportError(name, which + ": expected " + what);
        };
        need(w.is_object(), at + " to be a window object");
        need(w.contains("infer") && w["infer"].is_object(), at + ".infer, an object");
        const Json& infer = w["infer"];
        need(infer.contains("iterations") && infer["iterations"].is_number_unsigned() &&
                 infer["iterations"].get<std::uint64_t>() > 0,
             at + ".infer.iterations, a positive integer");
        const auto iterations = agree(options.iterations, "--iterations", infer["iterations"].get<std::uint64_t>(),
                                      name, which + ": " + at + ".infer.iterations");
        if (i == 0) out.iterations = iterations;
        if (infer.contains("warmups")) {
            need(infer["warmups"].is_number_unsigned(), at + ".infer.warmups, an integer >= 0");
            const auto warmups = agree(options.warmups, "--warmup", infer["warmups"].get<std::uint64_t>(), name,
                                       which + ": " + at + ".infer.warmups");
            if (i == 0) out.warmups = warmups;
        }
        need(w.contains("power") && w["power"].is_object(),
             at + ".power, an object (the runner writes it in energy mode)");
        const Json& power = w["power"];
        if (power.contains("voltage") && !power["voltage"].is_null()) {
            need(power["voltage"].is_number() && power["voltage"].get<double>() > 0, at + ".power.voltage, in V");
            const double v = agree(options.volts, "--voltage", power["voltage"].get<double>(), name,
                                   which + ": " + at + ".power.voltage");
            if (out.volts && *out.volts != v)
                throw ImportError(name, which + ": " + at + ".power.voltage differs from the first window's");
            out.volts = v;
        }
        need(power.contains("samples") && power["samples"].is_array(),
             at + ".power.samples, an array of joules per sample");
        need(power.contains("timestamps") && power["timestamps"].is_array(),
             at + ".power.timestamps, [event counter, sample index] pairs");
        const Json& samples = power["samples"];
        std::vector<std::uint64_t> edges;
        for (const auto& t : power["timestamps"]) {
            need(t.is_array() && t.size() == 2 && t[1].is_number_unsigned() &&
                     t[1].get<std::uint64_t>() <= samples.size(),
                 at + ".power.timestamps: [event counter, sample index] pairs with indices within the " +
                     std::to_string(samples.size()) + " samples");
            need(edges.empty() || t[1].get<std::uint64_t>() >= edges.back(),
                 at + ".power.timestamps in increasing sample order");
            long long counter = -1;
            if (t[0].is_number_integer()) counter = t[0].get<long long>();
            else if (t[0].is_string() && !t[0].get<std::string>().empty() &&
                     t[0].get<std::string>().find_first_not_of("0123456789") == std::string::npos)
                counter = std::stoll(t[0].get<std::string>());
            need(counter >= 0, at + ".power.timestamps: an event counter (a number, or digits in a string)");
            if (lastCounter && counter != *lastCounter + 1)
                a.fault("edge-counter", which + ": timestamp event " + std::to_string(counter) + " follows " +
                                            std::to_string(*lastCounter) + ": an edge was lost");
            lastCounter = counter;
            edges.push_back(t[1].get<std::uint64_t>());
        }
        // The first window's odd edge is the boot edge (the runner's capture starts before it).
        std::size_t e = (i == 0 && edges.size() % 2 == 1) ? 1 : 0;
        a.beginInfer(iterations);
        for (std::size_t k = 0; k <= samples.size(); ++k) {
            for (; e < edges.size() && edges[e] == k; ++e) a.edge();
            if (k == samples.size()) break;
            need(samples[k].is_number() && std::isfinite(samples[k].get<double>()),
                 at + ".power.samples[" + std::to_string(k) + "], a number of joules");
            a.sample(samples[k].get<double>());
        }
        a.endInfer();
    }
    if (out.volts) appendFrom(out.settingsFrom, "supply voltage", "power.voltage");
    else if (options.volts) {
        out.volts = options.volts;
        appendFrom(out.settingsFrom, "supply voltage", "--voltage");
    }
    out.settingsFrom = "iterations and warm-ups from infer, " + out.settingsFrom;
    out.result = a.finish();
    if (streaming)
        out.result.findings.insert(out.result.findings.end(), out.accuracy->findings.begin(),
                                   out.accuracy->findings.end());
    else out.result.findings.insert(out.result.findings.end(), runnerErrors.begin(), runnerErrors.end());
    if (streaming) perFrame(out);
    return out;
}

Runner detectRunner(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        if (fs::exists(path / "trace1-energy.bin", ec)) return Runner::EnergyRunner;
        if (fs::exists(path / "results.json", ec)) return Runner::Mlcommons;
        throw ImportError(path.string(), "expected a runner's session folder: trace1-energy.bin (EnergyRunner) or "
                                         "results.json (MLCommons runner), found neither");
    }
    if (!fs::exists(path, ec)) throw ImportError(path.string(), "does not exist");
    const std::string leaf = path.filename().string();
    if (leaf == "trace1-energy.bin" || leaf == "trace1-timestamps.json") return Runner::EnergyRunner;
    if (path.extension() == ".json") return Runner::Mlcommons;
    throw ImportError(path.string(), "expected an EnergyRunner session folder or an MLCommons runner results.json");
}

ImportedSession importSession(const fs::path& path, const ImportOptions& options) {
    const Runner runner = detectRunner(path);
    std::error_code ec;
    const bool folder = fs::is_directory(path, ec);
    if (runner == Runner::EnergyRunner) return importEnergyRunner(folder ? path : path.parent_path(), options);
    return importMlcommons(folder ? path / "results.json" : path, options);
}

void writeAtomically(const fs::path& file, const std::string& text) {
    const fs::path tmp = file.parent_path() / ("." + file.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw ImportError(tmp.string(), "could not be written");
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) throw ImportError(file.string(), "could not be replaced: " + ec.message());
}

} // namespace tinyfoot::harness
