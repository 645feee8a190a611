// The expression compiler (internal): writes each line of a physical-model component (ic,
// battery, training, and a use stage beyond power × duration × grid factor) as an expression of
// the model's inputs, mirroring calculate() operation by operation (see expression.h).
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/study/expression.h"
#include "tinyfoot/engine/system.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::study::detail {

/// How the compiler finds the model inputs behind a component's numbers.
struct InputLookup {
    /// The input registered under `key` (a parameter key, param_ref.h) for component `component`
    /// of the system, or nullopt: that number is then a constant.
    std::function<std::optional<std::uint32_t>(std::size_t component, const std::string& key)> find;
    /// The input of a factor of the set (registering it), or nullopt when the set lacks it.
    std::function<std::optional<std::uint32_t>(std::size_t component, const std::string& id)> factor;
    std::uint32_t lifetime = 0; ///< the system's lifetime input
};

/// One line of a component as an expression: in calculate()'s order of lines.
struct LineExpression {
    ExpressionGraph::Id node = 0;
};

class MethodExpressions {
public:
    MethodExpressions(ExpressionGraph& graph, const System& system, const FactorSet& factors, InputLookup lookup);

    /// The lines of component `ci` (ic, battery, training or use_power), in calculate()'s order;
    /// nullopt when the method has nothing to compile (a missing factor, table or chemistry:
    /// calculate() leaves those lines out or at 0).
    std::optional<std::vector<LineExpression>> lines(std::size_t ci);

private:
    using Id = ExpressionGraph::Id;

    Id number(std::size_t ci, const std::string& path, double value);
    Id cell(std::size_t ci, const std::string& path, double value);
    Id k(double value) { return m_g.constant(value); }

    std::optional<Id> averagePower(std::size_t ci);
    Id duration(std::size_t ci);
    Id deviceEnergy();

    std::optional<std::vector<LineExpression>> ic(std::size_t ci);
    std::optional<std::vector<LineExpression>> battery(std::size_t ci);
    std::optional<std::vector<LineExpression>> training(std::size_t ci);
    std::optional<std::vector<LineExpression>> use(std::size_t ci);

    ExpressionGraph& m_g;
    const System& m_system;
    const FactorSet& m_factors;
    InputLookup m_lookup;
    std::optional<Id> m_deviceEnergy;
};

} // namespace tinyfoot::study::detail
