// What the sampling engines (Monte Carlo, Sobol) run: a model evaluated on whole columns of
// samples at once, and the caller's hold on a long run (progress and cancellation).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace tinyfoot::study {

/// A vectorised model: n samples of every input in, n values of every output out. Inputs and
/// outputs are plain doubles in the engine's internal units (kg CO2e for outputs): once a model is
/// compiled, the hot loop works on numbers whose units were checked when it was built.
/// evaluate() must be thread-safe (const, no shared scratch) and must not allocate per call in
/// the fast implementations.
class VectorModel {
public:
    virtual ~VectorModel() = default;
    virtual std::size_t inputCount() const = 0;
    virtual std::size_t outputCount() const = 0;
    /// columns[j][i] is input j of sample i; outputs[k][i] receives output k of sample i.
    virtual void evaluate(const double* const* columns, std::size_t n, double* const* outputs) const = 0;
    /// Bounds of each output when every input j lies in inputBounds[j]; nullopt when unknown
    /// (the engines then size their histograms from a pilot block).
    virtual std::optional<std::vector<std::pair<double, double>>>
    outputBounds(const std::vector<std::pair<double, double>>& inputBounds) const {
        (void)inputBounds;
        return std::nullopt;
    }
};

/// The caller's hold on a long run. Both members are optional.
struct RunControl {
    /// Polled between blocks of samples; when it becomes true the run stops at the next block
    /// boundary and returns what it has, marked partial.
    const std::atomic<bool>* cancel = nullptr;
    /// Called on the thread that started the run (never on a worker), between rounds of blocks:
    /// samples done so far and in total. Keep it short; a GUI posts it to its event loop.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

} // namespace tinyfoot::study
