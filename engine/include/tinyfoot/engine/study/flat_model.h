// A study's systems compiled into a flat model: every line of every result is a coefficient times
// a product of indexed inputs (amounts and factors), or an expression of inputs (expression.h), so
// a sample costs a few operations and no allocation instead of a full calculate().
//
// The model is built from calculate()'s Result, line by line, from the component's method: the
// table methods are products (HSL item × factor, inventory amount × factor, mass × distance ×
// freight factor, power × duration × grid, declared × share); the physical models (ic, battery,
// training, the use stage from profiles, inference energy, supply losses, own grids and
// trajectories) are expressions that mirror calculate() operation by operation. Every line is
// checked against calculate() at the nominal values; a line that does not match is kept as a
// constant ("opaque") and reported: that is a defect of the compiler, and RecalculatingModel
// (recalculating_model.h, a full calculate() per sample) handles it exactly.
//
// The rooms: this header and flat_model.cpp hold the model (inputs, terms, metrics);
// flat_model_compiler.cpp builds it from results, with method_expressions.cpp writing the physical
// models' expressions; compiled_plan.h specialises it for sampling; recalculating_model.h is the
// exact, slow oracle the tests hold it to.
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/study/expression.h"
#include "tinyfoot/engine/system.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tinyfoot::study {

enum class InputKind {
    Factor,      ///< an emission factor of the study's factor set ("factor:<id>")
    HslQuantity, ///< a quantity of an HSL level ("hsl:<block>/<level>/<item>")
    Amount,      ///< an amount written in a system ("<component>/<item>", "use_stage/power")
    Lifetime,    ///< a system's lifetime ("lifetime")
    Parameter,   ///< a field of a component's physical model ("processing/dies/0/area"; param_ref.h)
    TableCell,   ///< a cell of a model table ("table:batteries/li_ion_nmc/kg_co2e_per_kwh")
};
std::string_view inputKindId(InputKind kind);

/// Where an input sits in a system, so that a copy of the system can be changed.
enum class InputSite {
    Factor,
    HslItem,
    HslTransportMass,
    HslLegDistance,
    InventoryItem,
    TransportMass,
    LegDistance,
    UsePower,
    UseDuration,
    Lifetime,
    Declared,
    LineAmount, ///< an amount of a line of a method this layer does not know (not settable)
    Parameter,  ///< a field of a component's physical model, by ModelInput::path
    TableCell,  ///< a model-table cell of the factor set, by ModelInput::path
};

struct InputUse {
    std::size_t system = 0;
    InputSite site = InputSite::Factor;
    std::size_t component = 0; ///< index in System::components
    std::size_t index = 0;     ///< item or leg index (in the HSL level for HSL sites)
};

/// One input of the model. Inputs with the same key are the same quantity wherever it appears:
/// a factor in every system, an HSL quantity in every system that uses that level, the power of
/// a component with that id in every system. They are one input when their nominal value and
/// range agree, and separate inputs sharing the key (and, when sampled, the random stream)
/// otherwise (e.g. an HSL quantity taken at its typical value in one system, upper in another).
struct ModelInput {
    std::string key;
    std::string label; ///< readable
    InputKind kind = InputKind::Amount;
    Dimension dimension = Dimension::Count; ///< of the amount; for a factor, of what it is per
    std::string unit;                       ///< as written in its file
    double toInternal = 1.0;                ///< written unit -> internal unit
    double nominal = 0.0;                   ///< internal unit
    /// Internal units: an HSL quantity's lower..upper, a factor's feasible range.
    std::optional<std::pair<double, double>> range;
    /// Internal units: an HSL quantity's typical value (whatever bound the system takes).
    std::optional<double> typical;
    std::string factorId; ///< for factors
    std::string path;     ///< Parameter: the field path in its component; TableCell: the cell's path
    std::vector<InputUse> uses;
    std::vector<std::size_t> systems; ///< the systems that use it, ascending
};

/// The parts of a system's footprint a metric can weigh.
enum class Part {
    Total,
    Embodied,    ///< production + transport + end of life (ML training included)
    Operational, ///< use
    Training,    ///< the ML-training block alone (a part of embodied)
    Unsplit,     ///< declared whole-life-cycle figures not split by stage
};
std::string_view partId(Part part);

/// One system's parts at some input values, kg CO2e.
struct SystemParts {
    double total = 0.0;
    double embodied = 0.0;
    double operational = 0.0;
    double training = 0.0;
    double unsplit = 0.0;
    double of(Part part) const;
};

/// One line: coefficient × Π inputs, or the value of an expression node.
struct ModelTerm {
    double coefficient = 1.0;
    std::vector<std::uint32_t> inputs;
    /// The line's expression in FlatModel::expressions() (physical models); coefficient and
    /// inputs are then 1 and empty.
    std::optional<std::uint32_t> expression;
    std::size_t system = 0;
    Stage stage = Stage::Production;
    bool training = false;
    bool opaque = false;  ///< a constant standing for a line that is not a product of inputs
    std::string factorId; ///< the line's factor (opaque lines: what the fallback can still vary)
    std::string where;    ///< "component/line"
};

/// A linear combination of system parts (plus a constant), the quantity a study reports:
/// a system's total, the difference of two systems, a fleet's cumulative footprint ...
struct MetricPart {
    std::size_t system = 0;
    Part part = Part::Total;
    double weight = 1.0;
};
struct Metric {
    std::string name; ///< "image-worst total", "image-worst - kws-best" ...
    std::string unit = "kg_co2e";
    std::vector<MetricPart> parts;
    double constant = 0.0;
};

class FlatModel {
public:
    /// systems[i] must have been calculated into results[i] with `factors` and hsl[i] (null when
    /// the system has no HSL component). The model keeps copies of all of them (for the
    /// recalculation fallback).
    static FlatModel compile(const std::vector<System>& systems, const std::vector<Result>& results,
                             const FactorSet& factors, const std::vector<const HslCatalogue*>& hsl);

    std::size_t systemCount() const { return m_systems.size(); }
    const System& system(std::size_t i) const { return m_systems[i]; }
    const FactorSet& factorSet() const { return m_factors; }
    const std::vector<std::optional<HslCatalogue>>& catalogues() const { return m_hsl; }
    bool stageSplitKnown(std::size_t system) const { return m_splitKnown[system]; }
    /// The index of a system by id, or nullopt.
    std::optional<std::size_t> findSystem(std::string_view id) const;

    const std::vector<ModelInput>& inputs() const { return m_inputs; }
    const std::vector<ModelTerm>& terms() const { return m_terms; }
    const ExpressionGraph& expressions() const { return m_graph; }
    /// Every input with this key (several when systems hold it at different values).
    std::vector<std::size_t> findInputs(std::string_view key) const;
    std::size_t lifetimeInput(std::size_t system) const { return m_lifetimeInput[system]; }

    std::vector<double> nominalValues() const;
    /// One system's parts at the given input values (one per input, internal units).
    SystemParts evaluate(std::size_t system, const std::vector<double>& values) const;
    double evaluate(const Metric& metric, const std::vector<double>& values) const;

    /// True when every line is a product or an expression of inputs (no opaque line).
    bool exact() const;
    /// Notes and warnings found while compiling (opaque lines, incomplete results ...).
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

private:
    std::uint32_t addInput(ModelInput input, const InputUse& use);
    /// The expression nodes' values at `values` (empty when no line is an expression).
    std::vector<double> nodeValues(const std::vector<double>& values) const;
    SystemParts evaluate(std::size_t system, const std::vector<double>& values, const std::vector<double>& nodes) const;

    std::vector<System> m_systems;
    FactorSet m_factors;
    std::vector<std::optional<HslCatalogue>> m_hsl;
    std::vector<bool> m_splitKnown;
    std::vector<ModelInput> m_inputs;
    std::vector<ModelTerm> m_terms;
    ExpressionGraph m_graph;
    std::vector<std::size_t> m_lifetimeInput;
    std::vector<Diagnostic> m_diagnostics;
};

/// Metrics every study offers: a system's total, embodied and operational footprints, and the
/// difference of two systems' totals.
Metric totalMetric(const FlatModel& model, std::size_t system);
Metric partMetric(const FlatModel& model, std::size_t system, Part part);
Metric differenceMetric(const FlatModel& model, std::size_t a, std::size_t b);

/// A metric's value from every system's parts (indexed by system): its constant plus the
/// weighted parts it names.
double metricValue(const Metric& metric, const std::vector<SystemParts>& parts);

/// Whether a line of the model counts in a metric part (embodied, operational, training …).
bool feeds(Part part, const ModelTerm& term);

/// The parts of a calculated Result (what the flat model reproduces).
SystemParts partsOf(const Result& result);

} // namespace tinyfoot::study
