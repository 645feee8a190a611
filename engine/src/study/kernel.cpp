#include "kernel.h"

#include "expression_ops.h"
#include "fast_math.h"
#include "tinyfoot/engine/study/random.h"

#include <cmath>

// Function multi-versioning (GCC on x86-64 with glibc's ifunc): one body compiled for several
// instruction-set levels, chosen at load time. "fp-contract=off" keeps a * b + c as two rounded
// operations in every version (no fused multiply-add), so all versions give identical numbers;
// "flatten" inlines the helpers into each version (a helper left out of line would be compiled
// for the baseline only).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TINYFOOT_KERNEL                                                                                                \
    __attribute__((optimize("fp-contract=off"), flatten, target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
#define TINYFOOT_KERNEL
#endif

namespace tinyfoot::study::detail {

namespace {

/// One term's product over a chunk: tmp = coefficient × Π columns.
template <std::size_t N>
inline void termProduct(const PlanView& p, std::size_t t, const double* const* columns, std::size_t start,
                        double* tmp) {
    const double c = p.coefficients[t];
    const std::uint32_t first = p.columnStart[t], last = p.columnStart[t + 1];
    const double* col = columns[p.columns[first]] + start;
    for (std::size_t i = 0; i < N; ++i) tmp[i] = c * col[i];
    for (std::uint32_t k = first + 1; k < last; ++k) {
        const double* next = columns[p.columns[k]] + start;
        for (std::size_t i = 0; i < N; ++i) tmp[i] *= next[i];
    }
}

template <std::size_t N>
inline void planChunk(const PlanView& p, const double* const* columns, std::size_t start, double* const* outputs) {
    for (std::size_t k = 0; k < p.metrics; ++k) {
        double* __restrict o = outputs[k] + start;
        const double c = p.constants[k];
        for (std::size_t i = 0; i < N; ++i) o[i] = c;
    }
    double tmp[N];
    for (std::size_t t = 0; t < p.terms; ++t) {
        termProduct<N>(p, t, columns, start, tmp);
        for (std::uint32_t j = p.targetStart[t]; j < p.targetStart[t + 1]; ++j) {
            double* __restrict o = outputs[p.targets[j]] + start;
            const double w = p.weights[j];
            for (std::size_t i = 0; i < N; ++i) o[i] += w * tmp[i];
        }
    }
}

} // namespace

TINYFOOT_KERNEL
void evaluatePlanChunk(const PlanView& plan, const double* const* columns, std::size_t start, std::size_t len,
                       double* const* outputs) {
    if (len == kChunk) {
        planChunk<kChunk>(plan, columns, start, outputs);
        return;
    }
    // A short last chunk: one sample at a time.
    for (std::size_t i = 0; i < len; ++i) planChunk<1>(plan, columns, start + i, outputs);
}

namespace {

/// Where each sample's x falls in a table's rows, found once for every interpolation at the same x
/// (a die's node reads EPA, GPA and MPA from the same rows): value = y[lo] + (y[hi] - y[lo]) × w,
/// which is model_math::interpolate's arithmetic (lo = hi, w = 0 at a row or outside the table).
struct Segments {
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    std::uint32_t slot = kNone; ///< the slot of x they were found for
    const ExprTable* table = nullptr;
    std::uint8_t lo[kChunk];
    std::uint8_t hi[kChunk];
    double w[kChunk];

    bool holds(std::uint32_t x, const ExprTable& t) const { return slot == x && table && table->xs == t.xs; }

    void find(std::uint32_t x, const ExprTable& t, const double* xv, std::size_t N) {
        slot = x;
        table = &t;
        const double* xs = t.xs.data();
        const std::size_t n = t.xs.size();
        for (std::size_t i = 0; i < N; ++i) {
            const double v = xv[i];
            std::size_t l = 0, h = 0;
            double f = 0.0;
            if (v <= xs[0]) {
            } else if (v >= xs[n - 1]) {
                l = h = n - 1;
            } else {
                for (std::size_t r = 1; r < n; ++r) {
                    if (v > xs[r]) continue;
                    if (v == xs[r]) l = h = r;
                    else {
                        l = r - 1;
                        h = r;
                        f = (v - xs[r - 1]) / (xs[r] - xs[r - 1]);
                    }
                    break;
                }
            }
            lo[i] = static_cast<std::uint8_t>(l);
            hi[i] = static_cast<std::uint8_t>(h);
            w[i] = f;
        }
    }
};

inline void runProgram(const ProgramView& p, double* const* slots, const std::size_t N) {
    Segments segments;
    for (std::size_t k = 0; k < p.instructions; ++k) {
        const Instruction& in = p.code[k];
        double* __restrict o = slots[in.out];
        const double* a = slots[in.a];
        const double* b = slots[in.b];
        if (in.out == segments.slot) segments.slot = Segments::kNone; // x overwritten
        switch (in.op) {
        case ExprOp::Add:
            for (std::size_t i = 0; i < N; ++i) o[i] = a[i] + b[i];
            break;
        case ExprOp::Sub:
            for (std::size_t i = 0; i < N; ++i) o[i] = a[i] - b[i];
            break;
        case ExprOp::Mul:
            for (std::size_t i = 0; i < N; ++i) o[i] = a[i] * b[i];
            break;
        case ExprOp::Div:
            for (std::size_t i = 0; i < N; ++i) o[i] = a[i] / b[i];
            break;
        case ExprOp::Max:
            for (std::size_t i = 0; i < N; ++i) o[i] = a[i] < b[i] ? b[i] : a[i];
            break;
        case ExprOp::Neg:
            for (std::size_t i = 0; i < N; ++i) o[i] = -a[i];
            break;
        case ExprOp::SelectPos: {
            const double* c = slots[in.c];
            for (std::size_t i = 0; i < N; ++i) o[i] = applySelect(a[i], b[i], c[i]);
            break;
        }
        case ExprOp::Exp:
        case ExprOp::CeilSteps:
        case ExprOp::MurphyYield:
            for (std::size_t i = 0; i < N; ++i) o[i] = applyUnary(in.op, a[i]);
            break;
        case ExprOp::GrowthMean:
            for (std::size_t i = 0; i < N; ++i) o[i] = applyBinary(in.op, a[i], b[i]);
            break;
        case ExprOp::Interpolate:
        case ExprOp::TrajectoryMean: {
            const ProgramTable& t = p.tables[in.table];
            const ExprTable& table = p.exprTables[t.table];
            const std::uint32_t* rows = p.tableSlots + t.firstSlot;
            if (in.op == ExprOp::Interpolate && !table.xs.empty() && table.xs.size() <= 255) {
                if (!segments.holds(in.a, table)) segments.find(in.a, table, a, N);
                for (std::size_t i = 0; i < N; ++i) {
                    const double lo = slots[rows[segments.lo[i]]][i];
                    o[i] = lo + (slots[rows[segments.hi[i]]][i] - lo) * segments.w[i];
                }
                break;
            }
            for (std::size_t i = 0; i < N; ++i)
                o[i] = applyTable(in.op, table, a[i], [&](std::size_t r) { return slots[rows[r]][i]; });
            break;
        }
        case ExprOp::Input:
        case ExprOp::Constant: break; // never an instruction: slots hold them
        }
    }
}

} // namespace

TINYFOOT_KERNEL
void evaluateProgramChunk(const ProgramView& program, double* const* slots, std::size_t start, std::size_t len,
                          double* const* outputs) {
    if (len == kChunk) runProgram(program, slots, kChunk); // a constant length, unrolled and vectorised
    else runProgram(program, slots, len);
    for (std::size_t j = 0; j < program.outputs; ++j) {
        double* __restrict o = outputs[program.outputMetric[j]] + start;
        const double* x = slots[program.outputSlot[j]];
        const double w = program.outputWeight[j];
        for (std::size_t i = 0; i < len; ++i) o[i] += w * x[i];
    }
}

TINYFOOT_KERNEL
void fillUniforms(std::uint64_t stream, std::uint64_t first, std::size_t len, double* u) {
    if (len == kChunk) {
        for (std::size_t i = 0; i < kChunk; ++i) u[i] = counterUniform(stream, first + i);
        return;
    }
    for (std::size_t i = 0; i < len; ++i) u[i] = counterUniform(stream, first + i);
}

TINYFOOT_KERNEL
void fillQuantiles(const Distribution& d, const double* u, std::size_t len, double* out) {
    switch (d.kind()) {
    case DistributionKind::Fixed: {
        const double v = d.p0();
        for (std::size_t i = 0; i < len; ++i) out[i] = v;
        return;
    }
    case DistributionKind::Uniform: {
        const double a = d.p0(), w = d.p1();
        if (len == kChunk) {
            for (std::size_t i = 0; i < kChunk; ++i) out[i] = a + u[i] * w;
            return;
        }
        for (std::size_t i = 0; i < len; ++i) out[i] = a + u[i] * w;
        return;
    }
    case DistributionKind::Triangular: {
        const double a = d.p0(), b = d.p1(), fc = d.p3(), kl = d.p4(), kr = d.p5();
        if (len == kChunk) {
            for (std::size_t i = 0; i < kChunk; ++i) out[i] = triangularQuantile(u[i], a, b, fc, kl, kr);
            return;
        }
        for (std::size_t i = 0; i < len; ++i) out[i] = triangularQuantile(u[i], a, b, fc, kl, kr);
        return;
    }
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
        for (std::size_t i = 0; i < len; ++i) out[i] = d.quantile(u[i]);
        return;
    }
}

TINYFOOT_KERNEL
void accumulateMoments(const double* x, std::size_t len, double shift, double& sum, double& sumSquares, double& lo,
                       double& hi) {
    // Eight interleaved partial sums, added in a fixed order: vectorisable and still the same
    // sequence of roundings in every code path (no reassociation is asked of the compiler).
    constexpr std::size_t kLanes = 8;
    double s[kLanes] = {}, s2[kLanes] = {};
    double mn = lo, mx = hi;
    std::size_t i = 0;
    for (; i + kLanes <= len; i += kLanes) {
        for (std::size_t j = 0; j < kLanes; ++j) {
            const double d = x[i + j] - shift;
            s[j] += d;
            s2[j] += d * d;
        }
    }
    for (std::size_t j = 0; i + j < len; ++j) {
        const double d = x[i + j] - shift;
        s[j] += d;
        s2[j] += d * d;
    }
    for (std::size_t k = 0; k < len; ++k) {
        mn = x[k] < mn ? x[k] : mn;
        mx = x[k] > mx ? x[k] : mx;
    }
    double ts = 0.0, ts2 = 0.0;
    for (std::size_t j = 0; j < kLanes; ++j) {
        ts += s[j];
        ts2 += s2[j];
    }
    sum += ts;
    sumSquares += ts2;
    lo = mn;
    hi = mx;
}

} // namespace tinyfoot::study::detail
