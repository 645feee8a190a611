// The command-line framework of `tinyfoot`: named exit codes, argument parsing, the lazily loaded
// data library, atomic output, and self-registering commands (one file per command under
// commands/, so a new command touches no shared file).
#pragma once

#include "data_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/library.h"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinyfoot::cli {

/// Named exit codes: scripts can tell a usage slip from a bad file from an incomplete result.
enum ExitCode : int {
    kOk = 0,
    kUnexpected = 1,  ///< a bug or an unforeseen failure
    kUsage = 2,       ///< wrong command line
    kBadInput = 3,    ///< an input file (or the data library) is invalid
    kOutputError = 4, ///< the output could not be written
    kIncomplete = 5,  ///< a result was printed but some factors were missing
    kInterrupted = 6, ///< stopped by the user (Ctrl-C); partial results are marked as partial
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Command arguments: positional words and `--name value` / `--flag` options. Each command
/// declares which options it takes; anything else is a usage error.
class Args {
public:
    Args(std::vector<std::string> words, const std::set<std::string>& valueOptions,
         const std::set<std::string>& flagOptions);

    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback) const;
    /// A number option; usage error when it does not parse or lies outside [min, max].
    double number(const std::string& name, double fallback, double min, double max) const;
    long long integer(const std::string& name, long long fallback, long long min, long long max) const;
    /// The --format value, checked against the allowed list.
    std::string format(const std::vector<std::string>& allowed) const;

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

/// What every command gets: the data library (loaded on first use) and output helpers.
class Environment {
public:
    explicit Environment(std::optional<std::filesystem::path> dataRoot) : m_dataRoot(std::move(dataRoot)) {}

    /// Loads the library on first call; throws tinyfoot::Error when it does not load.
    const app::LoadedLibrary& loaded();
    const Library& library() { return loaded().library; }
    /// The factor set: `requested`, else `fromStudy`, else the library's default. Usage error if unknown.
    const FactorSet& factorSet(const std::string& requested, const std::string& fromStudy = {});

private:
    std::optional<std::filesystem::path> m_dataRoot;
    std::optional<app::LoadedLibrary> m_loaded;
};

/// Writes `text` to standard output, or atomically to `out` when given. Returns an exit code.
int emit(const std::optional<std::string>& out, const std::string& text);

struct Command {
    std::string name;
    std::string summary; ///< one line for the command list
    std::string help;    ///< the full help text, starting "Usage: tinyfoot NAME"
    std::function<int(const std::vector<std::string>& words, Environment& env)> run;
};

/// Registers a command at static-initialisation time: `static const Registration r{Command{...}};`
struct Registration {
    explicit Registration(Command command);
};

const std::map<std::string, Command>& commands();

} // namespace tinyfoot::cli

namespace tinyfoot::cli {

/// A harness measurement that replaces the use stage of every TinyML system (--use-from).
struct UseOverride {
    Measurement measurement;
    std::optional<Amount> rate;      ///< --inference-rate; else the system's own inference rate
    std::optional<Amount> idlePower; ///< --idle-power; else the measurement's
};

/// Reads --use-from FILE, --inference-rate R and --idle-power P; nothing when --use-from is absent.
std::optional<UseOverride> useOverride(const Args& args);

/// Turns every use stage of a TinyML system into "measured energy per inference x rate + idle".
/// Usage error when a rate or an idle power is needed and not given.
void applyUseOverride(System& system, const UseOverride& use);

/// The impact category of --impact (an id of impact.h; not "co2e"): UsageError naming the ids.
ImpactCategory impactCategoryOption(const std::string& id);
/// --weighting SET: the weighting set of single scores (default: the library's ef-3.1).
const WeightingSet& weightingOption(const Args& args, const Library& library);
/// The impact set of --impact-set, else the library's default (Library::defaultImpacts).
const ImpactSet& impactSetOption(const Args& args, const Library& library);

/// A system as calculated, with the catalogue it was calculated with.
struct Calculated {
    System system;
    Result result;
    const HslCatalogue* hsl = nullptr;
    const FactorSet* factors = nullptr;
};

/// Lays out an HTML document as a PDF at `path` (A4), atomically; returns an error message or "".
/// Set by the Qt part of the command line (commands_qt/pdf.cpp); empty when it is not built.
using HtmlToPdf = std::function<std::string(const std::string& html, const std::filesystem::path& path)>;
HtmlToPdf& htmlToPdf();

/// Computes every system named by `arguments` (preset ids, system files, study files) with the
/// requested factor set (else each study's, else the default).
std::vector<Calculated> computeSystems(const std::vector<std::string>& arguments, Environment& env,
                                       const std::string& requestedSet, const UseOverride* use = nullptr);
/// computeSystems' results only.
std::vector<Result> computeResults(const std::vector<std::string>& arguments, Environment& env,
                                   const std::string& requestedSet, const UseOverride* use = nullptr);

/// Parses an amount written on the command line, "VALUE UNIT" or "VALUEUNIT" ("2/s" and "2 1/s"
/// are inference rates, "150uW" a power), checked against `dimension`.
Amount parseAmountOption(const std::string& option, const std::string& text, Dimension dimension);

} // namespace tinyfoot::cli
