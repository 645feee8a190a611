// Fills sample columns from counter-based streams (internal to the study layer).
#pragma once

#include "kernel.h"
#include "tinyfoot/engine/study/monte_carlo.h"
#include "tinyfoot/engine/study/random.h"

#include <cmath>
#include <map>

namespace tinyfoot::study::detail {

/// Groups the columns that share a key (one stream each) and fills them chunk by chunk.
class Sampler {
public:
    Sampler(const std::vector<SampledInput>& inputs, std::uint64_t seed, std::uint64_t salt) {
        std::map<std::string, std::size_t> byKey;
        for (std::size_t j = 0; j < inputs.size(); ++j) {
            m_distributions.push_back(inputs[j].distribution);
            auto it = byKey.find(inputs[j].key);
            if (it == byKey.end()) {
                it = byKey.emplace(inputs[j].key, m_groups.size()).first;
                m_groups.push_back({streamFor(seed, inputs[j].key, salt), {}, inputs[j].key});
            }
            m_groups[it->second].columns.push_back(j);
        }
    }

    std::size_t groupCount() const { return m_groups.size(); }
    const std::vector<std::size_t>& groupColumns(std::size_t g) const { return m_groups[g].columns; }
    const std::string& groupKey(std::size_t g) const { return m_groups[g].key; }

    /// columns[j][0 .. len) = samples first .. first + len of column j (len <= kChunk); `u` is
    /// scratch of kChunk doubles.
    void fill(std::uint64_t first, std::size_t len, double* const* columns, double* u) const {
        for (const auto& g : m_groups) {
            bool random = false;
            for (auto j : g.columns) random = random || m_distributions[j].kind() != DistributionKind::Fixed;
            if (random) fillUniforms(g.stream, first, len, u);
            for (auto j : g.columns) fillQuantiles(m_distributions[j], u, len, columns[j]);
        }
    }

private:
    struct Group {
        std::uint64_t stream;
        std::vector<std::size_t> columns;
        std::string key;
    };
    std::vector<Distribution> m_distributions;
    std::vector<Group> m_groups;
};

/// Neumaier's compensated sum: merging block sums in block order stays accurate over 1e9 samples.
struct CompensatedSum {
    double sum = 0.0;
    double compensation = 0.0;
    void add(double x) {
        const double t = sum + x;
        if (std::fabs(sum) >= std::fabs(x)) compensation += (sum - t) + x;
        else compensation += (x - t) + sum;
        sum = t;
    }
    double value() const { return sum + compensation; }
};

} // namespace tinyfoot::study::detail
