#include "tinyfoot/engine/study/sensitivity.h"

#include "kernel.h"
#include "parallel_blocks.h"
#include "sampler.h"

#include <algorithm>
#include <cmath>

namespace tinyfoot::study {

using detail::kChunk;

std::vector<TornadoResult> tornado(const VectorModel& model, const std::vector<SampledInput>& inputs,
                                   const std::vector<double>& nominal, const std::vector<std::string>& outputNames) {
    const std::size_t nIn = model.inputCount(), nOut = model.outputCount();
    std::vector<TornadoResult> out(nOut);
    if (inputs.size() != nIn || nominal.size() != nIn) return out;
    const detail::Sampler groups(inputs, 0, 0);
    // Column j of sample 0 is the nominal point, sample 1 the group at low, sample 2 at high.
    std::vector<std::vector<double>> columns(nIn, std::vector<double>(3));
    std::vector<std::vector<double>> outputs(nOut, std::vector<double>(3));
    std::vector<const double*> cp(nIn);
    std::vector<double*> op(nOut);
    for (std::size_t j = 0; j < nIn; ++j) cp[j] = columns[j].data();
    for (std::size_t k = 0; k < nOut; ++k) op[k] = outputs[k].data();
    for (std::size_t k = 0; k < nOut; ++k) out[k].output = k < outputNames.size() ? outputNames[k] : "";
    bool first = true;
    for (std::size_t g = 0; g < groups.groupCount(); ++g) {
        for (std::size_t j = 0; j < nIn; ++j) columns[j] = {nominal[j], nominal[j], nominal[j]};
        for (auto j : groups.groupColumns(g)) {
            columns[j][1] = inputs[j].distribution.low();
            columns[j][2] = inputs[j].distribution.high();
        }
        model.evaluate(cp.data(), 3, op.data());
        for (std::size_t k = 0; k < nOut; ++k) {
            if (first) out[k].nominal = outputs[k][0];
            TornadoBar bar;
            bar.key = groups.groupKey(g);
            bar.outputLow = outputs[k][1];
            bar.outputHigh = outputs[k][2];
            bar.swing = std::fabs(bar.outputHigh - bar.outputLow);
            out[k].bars.push_back(std::move(bar));
        }
        first = false;
    }
    if (groups.groupCount() == 0) {
        for (std::size_t j = 0; j < nIn; ++j) columns[j] = {nominal[j], nominal[j], nominal[j]};
        model.evaluate(cp.data(), 3, op.data());
        for (std::size_t k = 0; k < nOut; ++k) out[k].nominal = outputs[k][0];
    }
    for (auto& r : out)
        std::stable_sort(r.bars.begin(), r.bars.end(),
                         [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });
    return out;
}

namespace {

constexpr std::uint64_t kSobolBlock = 1024;
constexpr std::uint64_t kSaltA = 0xA;
constexpr std::uint64_t kSaltB = 0xB;

/// Per block and output: Σ over samples of the shifted A and B values (and squares), and per
/// group the first-order and total summands (and squares, for standard errors).
struct SobolSums {
    double sumAB = 0.0, sumSquaresAB = 0.0;
    std::vector<double> first, firstSquares, total, totalSquares;
    void reset(std::size_t groups) {
        sumAB = sumSquaresAB = 0.0;
        first.assign(groups, 0.0);
        firstSquares.assign(groups, 0.0);
        total.assign(groups, 0.0);
        totalSquares.assign(groups, 0.0);
    }
};

class SobolJob {
public:
    SobolJob(const VectorModel& model, const std::vector<SampledInput>& inputs, std::uint64_t seed, unsigned threads,
             std::uint64_t samples, std::vector<double> shifts)
        : m_model(model), m_a(inputs, seed, kSaltA), m_b(inputs, seed, kSaltB), m_samples(samples),
          m_shifts(std::move(shifts)), m_outputs(model.outputCount()), m_groups(m_a.groupCount()),
          m_slots(detail::kRoundBlocks * m_outputs) {
        const std::size_t nIn = model.inputCount();
        for (unsigned t = 0; t < threads; ++t) {
            Scratch s;
            s.a.assign(nIn * kChunk, 0.0);
            s.b.assign(nIn * kChunk, 0.0);
            s.u.assign(kChunk, 0.0);
            s.fa.assign(m_outputs * kChunk, 0.0);
            s.fb.assign(m_outputs * kChunk, 0.0);
            s.fab.assign(m_outputs * kChunk, 0.0);
            for (std::size_t j = 0; j < nIn; ++j) {
                s.aPtr.push_back(s.a.data() + j * kChunk);
                s.bPtr.push_back(s.b.data() + j * kChunk);
            }
            s.mixPtr.assign(nIn, nullptr);
            for (std::size_t k = 0; k < m_outputs; ++k) {
                s.faPtr.push_back(s.fa.data() + k * kChunk);
                s.fbPtr.push_back(s.fb.data() + k * kChunk);
                s.fabPtr.push_back(s.fab.data() + k * kChunk);
            }
            m_scratch.push_back(std::move(s));
        }
        for (auto& slot : m_slots) slot.reset(m_groups);
        m_totals.resize(m_outputs);
        for (auto& t : m_totals) t.reset(m_groups);
        m_compensations.resize(m_outputs);
        for (auto& t : m_compensations) t.reset(m_groups);
    }

    std::uint64_t samplesIn(std::uint64_t block) const {
        return std::min(kSobolBlock, m_samples - block * kSobolBlock);
    }

    void work(unsigned thread, std::uint64_t block, std::size_t slot) {
        Scratch& s = m_scratch[thread];
        SobolSums* sums = &m_slots[slot * m_outputs];
        for (std::size_t k = 0; k < m_outputs; ++k) sums[k].reset(m_groups);
        const std::uint64_t first = block * kSobolBlock, end = first + samplesIn(block);
        for (std::uint64_t i = first; i < end; i += kChunk) {
            const auto len = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, end - i));
            m_a.fill(i, len, s.aPtr.data(), s.u.data());
            m_b.fill(i, len, s.bPtr.data(), s.u.data());
            m_model.evaluate(s.aPtr.data(), len, s.faPtr.data());
            m_model.evaluate(s.bPtr.data(), len, s.fbPtr.data());
            for (std::size_t k = 0; k < m_outputs; ++k) {
                for (std::size_t n = 0; n < len; ++n) {
                    const double a = s.faPtr[k][n] - m_shifts[k], b = s.fbPtr[k][n] - m_shifts[k];
                    sums[k].sumAB += a + b;
                    sums[k].sumSquaresAB += a * a + b * b;
                }
            }
            for (std::size_t g = 0; g < m_groups; ++g) {
                std::copy(s.aPtr.begin(), s.aPtr.end(), s.mixPtr.begin());
                for (auto j : m_a.groupColumns(g)) s.mixPtr[j] = s.bPtr[j];
                m_model.evaluate(s.mixPtr.data(), len, s.fabPtr.data());
                for (std::size_t k = 0; k < m_outputs; ++k) {
                    SobolSums& sk = sums[k];
                    for (std::size_t n = 0; n < len; ++n) {
                        const double fa = s.faPtr[k][n], fab = s.fabPtr[k][n];
                        const double fb = s.fbPtr[k][n] - m_shifts[k];
                        const double f1 = fb * (fab - fa);
                        const double d = fa - fab;
                        const double ft = 0.5 * d * d;
                        sk.first[g] += f1;
                        sk.firstSquares[g] += f1 * f1;
                        sk.total[g] += ft;
                        sk.totalSquares[g] += ft * ft;
                    }
                }
            }
        }
    }

    void merge(std::size_t slot, std::uint64_t) {
        const SobolSums* sums = &m_slots[slot * m_outputs];
        for (std::size_t k = 0; k < m_outputs; ++k) {
            add(m_totals[k].sumAB, m_compensations[k].sumAB, sums[k].sumAB);
            add(m_totals[k].sumSquaresAB, m_compensations[k].sumSquaresAB, sums[k].sumSquaresAB);
            for (std::size_t g = 0; g < m_groups; ++g) {
                add(m_totals[k].first[g], m_compensations[k].first[g], sums[k].first[g]);
                add(m_totals[k].firstSquares[g], m_compensations[k].firstSquares[g], sums[k].firstSquares[g]);
                add(m_totals[k].total[g], m_compensations[k].total[g], sums[k].total[g]);
                add(m_totals[k].totalSquares[g], m_compensations[k].totalSquares[g], sums[k].totalSquares[g]);
            }
        }
    }

    SobolOutput output(std::size_t k, std::uint64_t n, const std::string& name) const {
        SobolOutput o;
        o.output = name;
        if (n < 2) return o;
        const double nd = static_cast<double>(n), n2 = 2.0 * nd;
        const auto value = [&](double SobolSums::*member) { return m_totals[k].*member + m_compensations[k].*member; };
        const double s1 = value(&SobolSums::sumAB), s2 = value(&SobolSums::sumSquaresAB);
        o.mean = m_shifts[k] + s1 / n2;
        o.variance = std::max(0.0, (s2 - s1 * s1 / n2) / (n2 - 1.0));
        for (std::size_t g = 0; g < m_groups; ++g) {
            const auto at = [&](std::vector<double> SobolSums::*member) {
                return (m_totals[k].*member)[g] + (m_compensations[k].*member)[g];
            };
            SobolIndex idx;
            idx.key = m_a.groupKey(g);
            const double f = at(&SobolSums::first), ff = at(&SobolSums::firstSquares);
            const double t = at(&SobolSums::total), tt = at(&SobolSums::totalSquares);
            if (o.variance > 0.0) {
                const double meanF = f / nd, meanT = t / nd;
                const double varF = std::max(0.0, (ff - f * f / nd) / (nd - 1.0));
                const double varT = std::max(0.0, (tt - t * t / nd) / (nd - 1.0));
                idx.first = meanF / o.variance;
                idx.total = meanT / o.variance;
                idx.firstSe = std::sqrt(varF / nd) / o.variance;
                idx.totalSe = std::sqrt(varT / nd) / o.variance;
            }
            o.indices.push_back(std::move(idx));
        }
        return o;
    }

private:
    struct Scratch {
        std::vector<double> a, b, u, fa, fb, fab;
        std::vector<double*> aPtr, bPtr, mixPtr, faPtr, fbPtr, fabPtr;
    };

    /// Neumaier compensated addition into (sum, compensation).
    static void add(double& sum, double& compensation, double x) {
        const double t = sum + x;
        if (std::fabs(sum) >= std::fabs(x)) compensation += (sum - t) + x;
        else compensation += (x - t) + sum;
        sum = t;
    }

    const VectorModel& m_model;
    detail::Sampler m_a, m_b;
    std::uint64_t m_samples;
    std::vector<double> m_shifts;
    std::size_t m_outputs, m_groups;
    std::vector<Scratch> m_scratch;
    std::vector<SobolSums> m_slots;
    std::vector<SobolSums> m_totals, m_compensations;
};

} // namespace

SobolResult runSobol(const VectorModel& model, const std::vector<SampledInput>& inputs,
                     const std::vector<std::string>& outputNames, std::uint64_t baseSamples, std::uint64_t seed,
                     unsigned threads, const RunControl& control) {
    SobolResult r;
    r.samplesRequested = baseSamples;
    r.seed = seed;
    if (baseSamples < 2 || inputs.size() != model.inputCount() || model.outputCount() == 0) return r;
    // Shift: the model at the distributions' centres (any fixed value works; near the mean is best).
    std::vector<std::vector<double>> centre(inputs.size());
    std::vector<const double*> cp;
    for (std::size_t j = 0; j < inputs.size(); ++j) {
        centre[j] = {inputs[j].distribution.centre()};
        cp.push_back(centre[j].data());
    }
    std::vector<std::vector<double>> out(model.outputCount(), std::vector<double>(1));
    std::vector<double*> op;
    for (auto& o : out) op.push_back(o.data());
    model.evaluate(cp.data(), 1, op.data());
    std::vector<double> shifts;
    for (const auto& o : out) shifts.push_back(o.front());

    const std::uint64_t blocks = (baseSamples + kSobolBlock - 1) / kSobolBlock;
    const unsigned t = detail::threadCount(threads, blocks);
    SobolJob job(model, inputs, seed, t, baseSamples, shifts);
    const detail::BlocksDone done = detail::runBlocks(job, blocks, t, baseSamples, control);
    r.samples = done.samples;
    r.partial = done.blocks < blocks;
    r.threads = t;
    const detail::Sampler groups(inputs, seed, 0);
    r.modelRuns = done.samples * (groups.groupCount() + 2);
    for (std::size_t k = 0; k < model.outputCount(); ++k)
        r.outputs.push_back(job.output(k, done.samples, k < outputNames.size() ? outputNames[k] : ""));
    return r;
}

} // namespace tinyfoot::study
