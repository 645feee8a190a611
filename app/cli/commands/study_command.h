// What the study commands (fleet, sweep, uncertainty, sensitivity) share: reading systems and a
// study's analysis from the command line, loading the study data (data/sectors, data/growth),
// progress on standard error and a Ctrl-C that stops a run cleanly. Header-only, included by
// those four command files.
#pragma once

#include "../cli.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/study/analysis_reader.h"
#include "tinyfoot/engine/study/study.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace tinyfoot::cli::studycmd {

namespace fs = std::filesystem;

inline study::StudyData loadStudyData(Environment& env) { return app::loadStudyData(env.loaded().root, env.library()); }

/// The systems named on the command line (presets, system files, study files) and the analysis
/// of the study among them (at most one may have one).
struct Inputs {
    std::vector<System> systems;
    std::string sourceName;
    std::string factorSet; ///< from a study
    study::Analysis analysis;
};

/// With `use` (--use-from), every TinyML system's use stage takes the measurement.
inline Inputs readInputs(const std::vector<std::string>& arguments, Environment& env,
                         const UseOverride* use = nullptr) {
    Inputs in;
    bool haveAnalysis = false;
    for (const auto& arg : arguments) {
        const app::Document doc = app::readDocumentArgument(arg, env.library());
        if (const Study* st = std::get_if<Study>(&doc)) {
            if (!st->factorSet.empty()) in.factorSet = st->factorSet;
            if (!st->analysisJson.empty()) {
                if (haveAnalysis) throw UsageError("only one study with an \"analysis\" can be given");
                haveAnalysis = true;
                in.analysis = study::parseAnalysis(*st);
                in.sourceName = st->sourceName;
            }
        }
        for (auto& s : app::systemsOf(doc)) {
            if (use) applyUseOverride(s, *use);
            in.systems.push_back(std::move(s));
        }
    }
    if (in.systems.empty()) throw UsageError("no systems: give preset ids, system files or a study file");
    if (in.sourceName.empty()) in.sourceName = arguments.size() == 1 ? arguments.front() : "command line";
    if (in.analysis.sourceName.empty()) in.analysis.sourceName = in.sourceName;
    return in;
}

/// The systems and analysis of the command line, with --use-from, --inference-rate and
/// --idle-power applied.
inline Inputs readInputs(const Args& args, Environment& env) {
    const auto use = useOverride(args);
    return readInputs(args.positional(), env, use ? &*use : nullptr);
}

inline study::StudyContext prepare(Inputs in, Environment& env, const std::string& requestedSet) {
    const FactorSet& set = env.factorSet(requestedSet, in.factorSet);
    for (const auto& s : in.systems) checkReferences(s, env.library(), &set);
    return study::prepareStudy(in.systems, env.library(), set, std::move(in.analysis), loadStudyData(env),
                               in.sourceName);
}

/// Warnings and errors found while calculating and compiling, on standard error.
inline void reportDiagnostics(const study::StudyContext& ctx) {
    for (const auto& d : ctx.diagnostics)
        if (d.severity != Severity::Note)
            std::cerr << "tinyfoot: " << severityId(d.severity) << ": " << d.message
                      << (d.where.empty() ? "" : " [" + d.where + "]") << "\n";
}

inline bool allComplete(const study::StudyContext& ctx) {
    return std::all_of(ctx.results.begin(), ctx.results.end(), [](const Result& r) { return r.complete; });
}

/// --impact CATEGORY (and --impact-set) of uncertainty and sensitivity: nullopt for CO2e.
inline std::optional<study::CategoryChoice> categoryOption(const Args& args, Environment& env) {
    const auto id = args.value("--impact");
    if (!id || *id == "co2e") return std::nullopt;
    if (*id == "single-score")
        return study::CategoryChoice{&impactSetOption(args, env.library()), ImpactCategory::Adpe,
                                     &weightingOption(args, env.library())};
    return study::CategoryChoice{&impactSetOption(args, env.library()), impactCategoryOption(*id)};
}

/// Whether a run's metrics cover every component: the CO2e results complete and, in another
/// category, no component without a figure.
inline bool runComplete(const study::StudyContext& ctx, const std::vector<Diagnostic>& diagnostics) {
    return allComplete(ctx) && std::none_of(diagnostics.begin(), diagnostics.end(),
                                            [](const Diagnostic& d) { return d.code == "missing-category"; });
}

inline constexpr const char* kImpactHelp =
    R"(  --impact CATEGORY        an impact category instead of kg CO2e (default co2e): adpe, adpf,
                           pe, wu, fw, ap, pm, ir, lu, odp, pocp, ctue, ctuh_c, ctuh_nc, epf,
                           epm, ept (docs/method.md section 7), or single-score (every
                           category normalised and weighted, Pt; --weighting SET, default
                           ef-3.1); every sample recalculates the
                           systems, so runs are slower than in CO2e; components without a
                           figure are left out and named (missing-category, exit code 5)
  --impact-set SET         impact set id in data/impacts (default: tide-boavizta)
)";

// ---------------------------------------------------------------------------------------------
// Numbers and lists on the command line

inline double parseNumber(const std::string& option, const std::string& text) {
    double v = 0.0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
        throw UsageError(option + " expects numbers, not '" + text + "'");
    return v;
}

inline std::vector<std::string> splitList(const std::string& text, char sep = ',') {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, sep))
        if (!item.empty()) out.push_back(item);
    return out;
}

inline std::vector<double> parseNumbers(const std::string& option, const std::string& text) {
    std::vector<double> out;
    for (const auto& s : splitList(text)) out.push_back(parseNumber(option, s));
    if (out.empty()) throw UsageError(option + " expects a list of numbers");
    return out;
}

/// A whole-number option that may be written like 1e9.
inline std::uint64_t count(const Args& args, const std::string& name, std::uint64_t fallback, double min, double max) {
    const double v = args.number(name, static_cast<double>(fallback), min, max);
    if (std::floor(v) != v) throw UsageError(name + " expects a whole number");
    return static_cast<std::uint64_t>(v);
}

/// The uncertainty spec of the study (or the defaults) with the command line's overrides.
inline study::UncertaintySpec uncertaintySpec(const study::StudyContext& ctx, const Args& args) {
    study::UncertaintySpec u = ctx.analysis.uncertainty.value_or(study::UncertaintySpec{});
    if (!ctx.analysis.uncertainty) u.path = "/analysis/uncertainty";
    if (auto h = args.value("--hsl-distribution")) {
        if (*h == "triangular") u.hsl = study::HslDefault::Triangular;
        else if (*h == "triangular_at_bound") u.hsl = study::HslDefault::TriangularAtBound;
        else if (*h == "fixed") u.hsl = study::HslDefault::Fixed;
        else throw UsageError("--hsl-distribution expects triangular, triangular_at_bound or fixed, not '" + *h + "'");
    }
    if (auto f = args.value("--factor-distribution")) {
        const std::vector<std::pair<std::string, study::FactorDefault>> kinds{
            {"uniform", study::FactorDefault::Uniform},
            {"triangular", study::FactorDefault::Triangular},
            {"normal", study::FactorDefault::Normal},
            {"lognormal", study::FactorDefault::Lognormal},
            {"fixed", study::FactorDefault::Fixed}};
        bool ok = false;
        for (const auto& [name, kind] : kinds)
            if (name == *f) {
                u.factors = kind;
                ok = true;
            }
        if (!ok)
            throw UsageError("--factor-distribution expects uniform, triangular, normal, lognormal or fixed, not '" +
                             *f + "'");
    }
    if (auto d = args.value("--differences")) {
        u.differences.clear();
        u.differencePaths.clear();
        for (const auto& pair : splitList(*d)) {
            const auto colon = pair.find(':');
            if (colon == std::string::npos) throw UsageError("--differences expects A:B pairs, not '" + pair + "'");
            const std::string a = pair.substr(0, colon), b = pair.substr(colon + 1);
            for (const auto& id : {a, b})
                if (!ctx.model.findSystem(id)) throw UsageError("--differences: no system '" + id + "' in this run");
            u.differences.emplace_back(a, b);
            u.differencePaths.push_back("--differences");
        }
    }
    return u;
}

/// --samples, --seed and --percentiles on top of a study's uncertainty spec.
inline void applyRunOptions(study::UncertaintySpec& spec, const Args& args) {
    spec.samples = count(args, "--samples", spec.samples, 1, 1e12);
    spec.seed = count(args, "--seed", spec.seed, 0, 9007199254740992.0);
    if (auto p = args.value("--percentiles")) {
        spec.percentiles = parseNumbers("--percentiles", *p);
        for (double q : spec.percentiles)
            if (!(q >= 0.0 && q <= 100.0)) throw UsageError("--percentiles expects numbers from 0 to 100");
    }
}

// ---------------------------------------------------------------------------------------------
// Ctrl-C and progress

/// While alive, Ctrl-C (SIGINT) sets a flag the run polls instead of killing the process; a second
/// Ctrl-C kills it as usual.
class InterruptGuard {
public:
    InterruptGuard() {
        flag().store(false);
        m_previous = std::signal(SIGINT, &InterruptGuard::handle);
    }
    ~InterruptGuard() { std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    static std::atomic<bool>& flag() {
        static std::atomic<bool> f{false};
        static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");
        return f;
    }
    bool interrupted() const { return flag().load(); }

private:
    static void handle(int) {
        flag().store(true);
        std::signal(SIGINT, SIG_DFL);
    }
    void (*m_previous)(int) = SIG_DFL;
};

/// A progress line on standard error, at most five times a second: shown when --progress is
/// given, or when standard error is a terminal and --quiet is not.
class ProgressLine {
public:
    ProgressLine(std::string what, const Args& args)
        : m_what(std::move(what)),
          m_enabled(args.flag("--progress") || (!args.flag("--quiet") && ::isatty(STDERR_FILENO))),
          m_start(std::chrono::steady_clock::now()) {}
    ~ProgressLine() {
        if (m_shown) std::cerr << "\n";
    }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    std::function<void(std::uint64_t, std::uint64_t)> callback() {
        if (!m_enabled) return {};
        return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
    }

private:
    void update(std::uint64_t done, std::uint64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - m_last < std::chrono::milliseconds(200)) return;
        m_last = now;
        const double seconds = std::chrono::duration<double>(now - m_start).count();
        const double rate = seconds > 0.0 ? static_cast<double>(done) / seconds : 0.0;
        const auto percent = total ? 100 * done / total : 100;
        std::cerr << "\r" << m_what << ": " << percent << " % (" << done << " of " << total << ", "
                  << static_cast<std::uint64_t>(rate) << " a second)   " << std::flush;
        m_shown = true;
    }

    std::string m_what;
    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_start, m_last{};
};

inline const char* kProgressHelp =
    R"(  --progress               show progress on standard error even when it is not a terminal
  --quiet                  never show progress
)";

} // namespace tinyfoot::cli::studycmd
