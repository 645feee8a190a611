// The footprint calculation: pure, deterministic, never prints and never throws.
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/model.h"
#include "tinyfoot/engine/system.h"
#include "tinyfoot/engine/units.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot {

enum class Severity { Note, Warning, Error };
std::string_view severityId(Severity s);

/// A problem or remark found while calculating: what, where, how serious.
struct Diagnostic {
    Severity severity = Severity::Note;
    std::string code;    ///< stable machine-readable code, e.g. "missing-factor"
    std::string message; ///< readable
    std::string where;   ///< component id (and item) it concerns
};

/// One amount × factor line of a component's result: the bottom-up quantities, visible.
///
/// The line's factor is factorValue in factorUnit, and its provenance says where that number is
/// from, in one of two ways that never mix:
/// - written: `factorId` names an entry of the factor set (a factor id; a table row
///   "battery:<chemistry>", "ic package"; or the component's own number "user grid", "grid
///   trajectory"), and factorValue and factorUnit are that entry's own value and unit;
/// - derived: the factor is computed on the line (an IC die's kg CO2e per mm² from the fab grid and
///   the process-node table, a memory row over the yield, a grid factor scaled by its trajectory),
///   `factorId` is empty, `derivation` says how and `derivedFrom` names the entries it used.
/// A declared value (Method::Fixed) has no factor: no id, no derivation, factorUnit empty.
struct LineResult {
    std::string name;
    std::string quantity;                                ///< readable: "5 mm2", "0.1 kg × (100 km) [truck]", ...
    std::vector<std::pair<std::string, Amount>> amounts; ///< the physical amounts used
    std::string factorId;                                ///< written: the entry the factor is
    double factorValue = 0.0;
    std::string factorUnit;
    std::string derivation;               ///< derived: how the factor was computed
    std::vector<std::string> derivedFrom; ///< derived: the entries it was computed from
    units::Co2e co2e;

    /// Whether the factor was computed on the line rather than written in the factor set.
    bool derived() const { return !derivedFrom.empty(); }
    /// The entry the line's value depends on first: factorId, else the first of derivedFrom ("" for
    /// a declared value).
    const std::string& factorBehind() const { return derivedFrom.empty() ? factorId : derivedFrom.front(); }
};

struct ComponentResult {
    std::string id;
    std::string name;
    Block block = Block::Others;
    Stage stage = Stage::Production;
    Method method = Method::Fixed;
    std::string methodDetail; ///< e.g. "HSL-1 typical"
    units::Co2e co2e;
    std::vector<LineResult> lines;
    bool complete = true; ///< false when a factor was missing
    bool enabled = true;
    std::vector<Flag> flags;                ///< caveats of the numbers it used (extrapolated, conflicting ...)
    std::optional<Measurement> measurement; ///< the harness measurement its use stage came from
};

struct Result {
    std::string systemId;
    std::string systemName;
    std::string systemLabel; ///< the system's label for figures, its id when it has none
    std::string systemKind;
    std::string factorSet;
    std::vector<ComponentResult> components;
    std::map<Block, units::Co2e> byBlock;
    std::map<Stage, units::Co2e> byStage;
    units::Co2e total;
    units::Co2e embodied;        ///< production + transport + end of life
    units::Co2e operational;     ///< use
    bool stageSplitKnown = true; ///< false when part of the total is an unsplit declared figure
    bool complete = true;
    double lifetimeYears = 0.0;
    /// Inferences over the lifetime, when the use stage is given per inference (functional unit).
    std::optional<double> inferences;
    std::vector<const Factor*> factorsUsed; ///< in first-use order, each once
    std::vector<Diagnostic> diagnostics;

    units::Co2e block(Block b) const;
    units::Co2e stage(Stage s) const;
};

/// Computes a system's footprint with a factor set. `hsl` may be null when the system has no
/// HSL components. The factor set and catalogue must outlive the result (it points into them).
Result calculate(const System& system, const FactorSet& factors, const HslCatalogue* hsl);

} // namespace tinyfoot
