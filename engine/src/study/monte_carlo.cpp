#include "tinyfoot/engine/study/monte_carlo.h"

#include "kernel.h"
#include "parallel_blocks.h"
#include "sampler.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyfoot::study {

using detail::kChunk;

Histogram Histogram::coarsened(std::size_t bins) const {
    Histogram h;
    h.below = below;
    h.above = above;
    if (counts.empty() || bins == 0) return h;
    std::size_t first = counts.size(), last = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (!counts[i]) continue;
        first = std::min(first, i);
        last = i;
    }
    if (first > last) {
        h.lower = lower;
        h.upper = upper;
        h.counts.assign(bins, 0);
        return h;
    }
    const std::size_t span = last - first + 1;
    const std::size_t group = (span + bins - 1) / bins;
    const double w = binWidth();
    h.lower = lower + static_cast<double>(first) * w;
    h.upper = h.lower + static_cast<double>(group * bins) * w;
    h.counts.assign(bins, 0);
    for (std::size_t i = first; i <= last; ++i) h.counts[(i - first) / group] += counts[i];
    return h;
}

double Histogram::percentile(double p) const {
    std::uint64_t total = below + above;
    for (auto c : counts) total += c;
    if (total == 0 || counts.empty()) return lower;
    const double target = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(total);
    double cum = static_cast<double>(below);
    if (target <= cum) return lower;
    const double w = binWidth();
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double c = static_cast<double>(counts[i]);
        if (c > 0.0 && cum + c >= target) return lower + w * (static_cast<double>(i) + (target - cum) / c);
        cum += c;
    }
    return upper;
}

namespace {

struct BlockMoments {
    double sum = 0.0, sumSquares = 0.0;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
};

class MonteCarloJob {
public:
    MonteCarloJob(const VectorModel& model, const detail::Sampler& sampler, std::size_t outputs, unsigned threads,
                  std::uint64_t samples, std::vector<double> shifts,
                  const std::vector<std::pair<double, double>>& ranges, std::size_t bins)
        : m_model(model), m_sampler(sampler), m_outputs(outputs), m_samples(samples), m_shifts(std::move(shifts)),
          m_ranges(ranges), m_bins(bins), m_slots(detail::kRoundBlocks * outputs), m_sums(outputs),
          m_sumSquares(outputs), m_lo(outputs, std::numeric_limits<double>::infinity()),
          m_hi(outputs, -std::numeric_limits<double>::infinity()) {
        for (unsigned t = 0; t < threads; ++t) {
            Scratch s;
            s.columns.assign(m_model.inputCount() * kChunk, 0.0);
            s.outputs.assign(outputs * kChunk, 0.0);
            s.u.assign(kChunk, 0.0);
            for (std::size_t j = 0; j < m_model.inputCount(); ++j) s.columnPtr.push_back(s.columns.data() + j * kChunk);
            for (std::size_t k = 0; k < outputs; ++k) s.outputPtr.push_back(s.outputs.data() + k * kChunk);
            s.counts.assign(outputs * bins, 0);
            s.below.assign(outputs, 0);
            s.above.assign(outputs, 0);
            m_scratch.push_back(std::move(s));
        }
        for (const auto& r : m_ranges) {
            const double width = r.second - r.first;
            m_invWidth.push_back(width > 0.0 ? static_cast<double>(bins) / width : 0.0);
        }
    }

    std::uint64_t samplesIn(std::uint64_t block) const {
        const std::uint64_t first = block * kMonteCarloBlock;
        return std::min(kMonteCarloBlock, m_samples - first);
    }

    void work(unsigned thread, std::uint64_t block, std::size_t slot) {
        Scratch& s = m_scratch[thread];
        BlockMoments* moments = &m_slots[slot * m_outputs];
        for (std::size_t k = 0; k < m_outputs; ++k) moments[k] = BlockMoments{};
        const std::uint64_t first = block * kMonteCarloBlock;
        const std::uint64_t end = first + samplesIn(block);
        for (std::uint64_t i = first; i < end; i += kChunk) {
            const auto len = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, end - i));
            m_sampler.fill(i, len, s.columnPtr.data(), s.u.data());
            m_model.evaluate(s.columnPtr.data(), len, s.outputPtr.data());
            for (std::size_t k = 0; k < m_outputs; ++k) {
                const double* x = s.outputPtr[k];
                detail::accumulateMoments(x, len, m_shifts[k], moments[k].sum, moments[k].sumSquares, moments[k].lo,
                                          moments[k].hi);
                count(s, k, x, len);
            }
        }
    }

    void merge(std::size_t slot, std::uint64_t) {
        const BlockMoments* moments = &m_slots[slot * m_outputs];
        for (std::size_t k = 0; k < m_outputs; ++k) {
            m_sums[k].add(moments[k].sum);
            m_sumSquares[k].add(moments[k].sumSquares);
            m_lo[k] = std::min(m_lo[k], moments[k].lo);
            m_hi[k] = std::max(m_hi[k], moments[k].hi);
        }
    }

    MetricSummary summary(std::size_t k, std::uint64_t n, const std::string& name,
                          const std::vector<double>& percentiles) const {
        MetricSummary m;
        m.name = name;
        m.samples = n;
        if (n == 0) return m;
        const double nd = static_cast<double>(n);
        const double s1 = m_sums[k].value(), s2 = m_sumSquares[k].value();
        m.mean = m_shifts[k] + s1 / nd;
        const double var = n > 1 ? std::max(0.0, (s2 - s1 * s1 / nd) / (nd - 1.0)) : 0.0;
        m.sd = std::sqrt(var);
        m.standardError = m.sd / std::sqrt(nd);
        m.min = m_lo[k];
        m.max = m_hi[k];
        Histogram h;
        h.lower = m_ranges[k].first;
        h.upper = m_ranges[k].second;
        h.counts.assign(m_bins, 0);
        for (const auto& s : m_scratch) {
            for (std::size_t b = 0; b < m_bins; ++b) h.counts[b] += s.counts[k * m_bins + b];
            h.below += s.below[k];
            h.above += s.above[k];
        }
        for (double p : percentiles) m.percentiles.emplace_back(p, std::clamp(h.percentile(p), m.min, m.max));
        m.percentileResolution = h.binWidth();
        m.histogram = std::move(h);
        return m;
    }

private:
    struct Scratch {
        std::vector<double> columns, outputs, u;
        std::vector<double*> columnPtr, outputPtr;
        std::vector<std::uint64_t> counts, below, above;
    };

    void count(Scratch& s, std::size_t k, const double* x, std::size_t len) const {
        const double lo = m_ranges[k].first, hi = m_ranges[k].second, inv = m_invWidth[k];
        std::uint64_t* counts = s.counts.data() + k * m_bins;
        const double last = static_cast<double>(m_bins - 1);
        for (std::size_t i = 0; i < len; ++i) {
            if (x[i] < lo) {
                ++s.below[k];
            } else if (x[i] > hi) {
                ++s.above[k];
            } else {
                const double b = std::min((x[i] - lo) * inv, last);
                ++counts[static_cast<std::size_t>(b)];
            }
        }
    }

    const VectorModel& m_model;
    const detail::Sampler& m_sampler;
    std::size_t m_outputs;
    std::uint64_t m_samples;
    std::vector<double> m_shifts;
    std::vector<std::pair<double, double>> m_ranges;
    std::vector<double> m_invWidth;
    std::size_t m_bins;
    std::vector<Scratch> m_scratch;
    std::vector<BlockMoments> m_slots;
    std::vector<detail::CompensatedSum> m_sums, m_sumSquares;
    std::vector<double> m_lo, m_hi;
};

/// Evaluates samples [first, first + n) into per-output vectors (for shifts and pilot ranges).
std::vector<std::vector<double>> evaluateSamples(const VectorModel& model, const detail::Sampler& sampler,
                                                 std::uint64_t first, std::uint64_t n) {
    const std::size_t inputs = model.inputCount(), outputs = model.outputCount();
    std::vector<std::vector<double>> out(outputs);
    std::vector<double> columns(inputs * kChunk), results(outputs * kChunk), u(kChunk);
    std::vector<double*> cp, op;
    for (std::size_t j = 0; j < inputs; ++j) cp.push_back(columns.data() + j * kChunk);
    for (std::size_t k = 0; k < outputs; ++k) op.push_back(results.data() + k * kChunk);
    for (std::uint64_t i = first; i < first + n; i += kChunk) {
        const auto len = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, first + n - i));
        sampler.fill(i, len, cp.data(), u.data());
        model.evaluate(cp.data(), len, op.data());
        for (std::size_t k = 0; k < outputs; ++k) out[k].insert(out[k].end(), op[k], op[k] + len);
    }
    return out;
}

/// Widens a range a little so that rounding in a different summation order stays inside.
std::pair<double, double> padded(std::pair<double, double> r) {
    const double pad = 1e-9 * std::max({std::fabs(r.first), std::fabs(r.second), r.second - r.first}) + 1e-300;
    return {r.first - pad, r.second + pad};
}

} // namespace

MonteCarloResult runMonteCarlo(const VectorModel& model, const std::vector<SampledInput>& inputs,
                               const std::vector<std::string>& outputNames, const MonteCarloOptions& options,
                               const RunControl& control) {
    MonteCarloResult result;
    result.samplesRequested = options.samples;
    result.seed = options.seed;
    const std::size_t outputs = model.outputCount();
    if (options.samples == 0 || outputs == 0 || inputs.size() != model.inputCount()) return result;
    const detail::Sampler sampler(inputs, options.seed, 0);

    // The shift of the streamed sums: the model's value at sample 0.
    const auto first = evaluateSamples(model, sampler, 0, 1);
    std::vector<double> shifts;
    for (const auto& v : first) shifts.push_back(v.front());

    // Histogram ranges: every value the model can produce, else a generous pilot range.
    std::vector<std::pair<double, double>> inputBounds;
    for (const auto& in : inputs) inputBounds.push_back(in.distribution.sampleBounds());
    // An output whose bounds are not finite (a ratio whose denominator's bounds reach zero) takes
    // the pilot range alone; the others keep theirs.
    std::vector<std::pair<double, double>> ranges;
    const auto bounds = model.outputBounds(inputBounds);
    bool needPilot = !bounds || bounds->size() != outputs;
    if (!needPilot)
        for (const auto& r : *bounds) needPilot = needPilot || !std::isfinite(r.first) || !std::isfinite(r.second);
    std::vector<std::vector<double>> pilot;
    if (needPilot)
        pilot = evaluateSamples(model, sampler, 0, std::min<std::uint64_t>(options.samples, kMonteCarloBlock));
    for (std::size_t k = 0; k < outputs; ++k) {
        if (bounds && bounds->size() == outputs && std::isfinite((*bounds)[k].first) &&
            std::isfinite((*bounds)[k].second)) {
            ranges.push_back(padded((*bounds)[k]));
            continue;
        }
        const auto& v = pilot[k];
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        const double spread = std::max(*hi - *lo, 1e-9 * std::max(std::fabs(*lo), std::fabs(*hi)) + 1e-12);
        ranges.emplace_back(*lo - 0.5 * spread, *hi + 0.5 * spread);
    }

    const std::uint64_t blocks = (options.samples + kMonteCarloBlock - 1) / kMonteCarloBlock;
    const unsigned threads = detail::threadCount(options.threads, blocks);
    const std::size_t bins = std::max<std::size_t>(1, options.histogramBins);
    MonteCarloJob job(model, sampler, outputs, threads, options.samples, shifts, ranges, bins);
    const detail::BlocksDone done = detail::runBlocks(job, blocks, threads, options.samples, control);

    result.samples = done.samples;
    result.partial = done.blocks < blocks;
    result.threads = threads;
    for (std::size_t k = 0; k < outputs; ++k)
        result.metrics.push_back(job.summary(k, done.samples,
                                             k < outputNames.size() ? outputNames[k] : "output " + std::to_string(k),
                                             options.percentiles));
    return result;
}

} // namespace tinyfoot::study
