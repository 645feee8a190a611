#include "tinyfoot/harness/results.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
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

Json resultsJson(const SessionResult& r, const Provenance& p, bool complete) {
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

SessionResult importEnergyRunner(const fs::path& folder, std::uint64_t inferences) {
    const fs::path bin = folder / "trace1-energy.bin";
    const fs::path stamps = folder / "trace1-timestamps.json";
    const std::string data = readFile(bin);
    if (data.size() < 5) throw ImportError(bin.string(), "expected a version byte and a float32 sample rate");
    if ((data.size() - 5) % 4 != 0)
        throw ImportError(bin.string(), "expected whole float32 samples after the 5-byte header");
    float rate = 0;
    std::memcpy(&rate, data.data() + 1, 4);
    if (!(rate > 0) || !std::isfinite(rate)) throw ImportError(bin.string(), "expected a positive sample rate");
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
    std::vector<std::uint64_t> edges;
    for (const auto& t : times) {
        if (!t.is_number() || t.get<double>() < 0) throw ImportError(stamps.string(), "expected times >= 0 in seconds");
        edges.push_back(static_cast<std::uint64_t>(std::llround(t.get<double>() * rate)));
    }
    if (edges.size() % 2 == 1) edges.erase(edges.begin()); // the boot edge
    std::vector<std::pair<std::uint64_t, std::uint64_t>> windows;
    for (std::size_t i = 0; i + 1 < edges.size(); i += 2) {
        if (edges[i + 1] <= edges[i] || edges[i + 1] > joules.size())
            throw ImportError(stamps.string(),
                              "window " + std::to_string(i / 2 + 1) + " does not lie inside the trace");
        windows.emplace_back(edges[i], edges[i + 1]);
    }
    return replay(joules, rate, windows, inferences);
}

SessionResult importMlcommons(const fs::path& file, Provenance& p) {
    Json j;
    try {
        j = Json::parse(readFile(file));
    } catch (const Json::exception& e) {
        throw ImportError(file.string(), std::string("expected an MLCommons runner results.json: ") + e.what());
    }
    const auto need = [&](bool ok, const std::string& what) {
        if (!ok) throw ImportError(file.string(), "expected " + what);
    };
    need(j.is_object() && j.contains("power") && j["power"].is_object(), "a \"power\" object");
    const Json& power = j["power"];
    need(power.contains("samples") && power["samples"].is_array(), "power.samples, an array of joules per sample");
    need(power.contains("timestamps") && power["timestamps"].is_array(),
         "power.timestamps, [event, sample index] pairs");
    need(j.contains("infer") && j["infer"].is_object() && j["infer"].contains("iterations") &&
             j["infer"]["iterations"].is_number_unsigned(),
         "infer.iterations, a positive integer");
    const auto iterations = j["infer"]["iterations"].get<std::uint64_t>();
    need(iterations > 0, "infer.iterations > 0");
    std::vector<double> joules;
    joules.reserve(power["samples"].size());
    for (const auto& s : power["samples"]) {
        need(s.is_number() && std::isfinite(s.get<double>()), "numbers in power.samples");
        joules.push_back(s.get<double>());
    }
    double rate = 1000.0;
    bool assumedRate = true;
    if (power.contains("sample_rate")) {
        need(power["sample_rate"].is_number() && power["sample_rate"].get<double>() > 0, "power.sample_rate > 0");
        rate = power["sample_rate"].get<double>();
        assumedRate = false;
    }
    if (power.contains("voltage") && power["voltage"].is_number()) p.supplyVolts = power["voltage"].get<double>();
    std::vector<std::uint64_t> edges;
    for (const auto& t : power["timestamps"]) {
        need(t.is_array() && t.size() == 2 && t[1].is_number_unsigned(),
             "[event, sample index] pairs in power.timestamps");
        edges.push_back(t[1].get<std::uint64_t>());
    }
    if (edges.size() % 2 == 1) edges.erase(edges.begin());
    std::vector<std::pair<std::uint64_t, std::uint64_t>> windows;
    for (std::size_t i = 0; i + 1 < edges.size(); i += 2) {
        need(edges[i + 1] > edges[i] && edges[i + 1] <= joules.size(),
             "window " + std::to_string(i / 2 + 1) + " inside the samples");
        windows.emplace_back(edges[i], edges[i + 1]);
    }
    SessionResult r = replay(joules, rate, windows, iterations);
    if (assumedRate)
        r.findings.push_back(
            {Finding::Level::Warning, "assumed-rate",
             "no power.sample_rate: 1000 Hz assumed (the reference set-up); throughput depends on it"});
    return r;
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
