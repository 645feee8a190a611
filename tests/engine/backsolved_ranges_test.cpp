// The stored range of every back-solved factor recomputed by its definition (docs/method.md §3):
// the interval over which that factor alone, every other factor fixed, still reproduces each
// printed cell it enters.
//
// Printed cells: the 75 cells of the calculator's per-system table (TinyML CO2 Footprint
// Calculator accompanying Prakash et al., "Is TinyML Sustainable?", CACM 66(11), 2023; as
// transcribed in shared/reference/paper.md §1) and the calculator's printed option values that
// its application presets reproduce (paper.md §4; the electret microphone's 0.2 g -> 0.04 is the
// only one that constrains a factor beyond the table). A cell c printed at two decimals holds an
// exact value in [c - 0.005, c + 0.005). Every line is linear in each factor, so each cell bounds
// the factor by a linear inequality; the range is their intersection, clipped at 0.
//
// Tolerance: a stored bound is the computed one rounded to 4 significant digits, inwards (so the
// stored range never admits a value that breaks a cell): it lies on the inner side of the computed
// bound, by less than one unit of the 4th significant digit; a computed lower bound below 0 is
// stored as 0.
#include "test_library.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/quantity.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace tinyfoot;
using units::inKgCo2e;

namespace {

struct Cell {
    const char* preset;
    Block block;
    double printed;
};

// Rows of paper.md §1 for each of the five systems (blocks that can hold a non-zero line).
std::vector<Cell> printedCells() {
    struct Column {
        const char* preset;
        std::array<double, 15> cells;
    };
    // ML training, actuators, casing, connectivity, memory, others, PCB, power supply,
    // processing, security, sensing, transport, user interface, use stage, end of life.
    const std::array<Column, 5> table{{
        {"kws-best", {0.10, 0, 0.04, 0, 0, 0.06, 0.13, 0.25, 0.08, 0, 0.01, 0.18, 0.03, 0.01, 0}},
        {"kws-typical", {0.10, 0, 0.27, 0, 0, 0.11, 0.16, 1.36, 0.17, 0, 0.02, 0.40, 0.06, 0.01, 0}},
        {"anomaly-typical", {0.10, 0, 0.27, 0, 0, 0.11, 0.16, 1.36, 0.17, 0, 0.03, 0.40, 0.06, 0.01, 0}},
        {"image-typical", {0.10, 0, 0.27, 0, 0, 0.11, 0.16, 1.36, 0.17, 0, 0.77, 0.40, 0.06, 0.01, 0}},
        {"image-worst", {0.10, 0, 0.63, 0, 0, 0.14, 0.24, 2.71, 0.29, 0, 1.47, 1.35, 0.12, 0.01, 0}},
    }};
    constexpr std::array kRows{Block::MlTraining,    Block::Actuators, Block::Casing,   Block::Connectivity,
                               Block::Memory,        Block::Others,    Block::Pcb,      Block::PowerSupply,
                               Block::Processing,    Block::Security,  Block::Sensing,  Block::Transport,
                               Block::UserInterface, Block::UseStage,  Block::EndOfLife};
    std::vector<Cell> cells;
    for (const auto& col : table)
        for (std::size_t i = 0; i < kRows.size(); ++i) cells.push_back({col.preset, kRows[i], col.cells[i]});
    // The calculator's option values (paper.md §4) held by its application presets.
    cells.push_back({"calculator-anomaly-detection", Block::Sensing, 0.04}); // microphone 0.2 g
    cells.push_back({"calculator-anomaly-detection", Block::Processing, 0.17});
    cells.push_back({"calculator-anomaly-detection", Block::Casing, 0.04});
    cells.push_back({"calculator-vision", Block::Sensing, 0.77});
    cells.push_back({"calculator-vision", Block::Others, 0.11});
    cells.push_back({"calculator-vision", Block::Pcb, 0.16});
    cells.push_back({"calculator-vision", Block::Transport, 0.40});
    cells.push_back({"calculator-vision", Block::UserInterface, 0.06});
    return cells;
}

double blockValue(const FactorSet& set, const char* preset, Block block) {
    const System* s = test::library().findPreset(preset);
    REQUIRE_MESSAGE(s != nullptr, "preset " << preset << " is missing");
    return inKgCo2e(calculate(*s, set, test::library().findHsl(s->hslCatalogue)).block(block));
}

void setValue(Factor& f, double written) {
    const auto unit = findFactorUnit(f.unit);
    REQUIRE(unit.has_value());
    f.value = written;
    f.internal = written * unit->toInternal;
}

std::string shortest(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

/// One unit of the 4th significant digit of `v` (0 for 0).
double fourthDigit(double v) { return v > 0.0 ? std::pow(10.0, std::floor(std::log10(v)) - 3.0) : 0.0; }

/// `stored` is `computed` rounded inwards to 4 significant digits (up for a lower bound).
bool roundedInwards(double stored, double computed, bool lower) {
    const double noise = 1e-9 * computed;
    return lower ? stored >= computed - noise && stored <= computed + fourthDigit(computed) + noise
                 : stored <= computed + noise && stored >= computed - fourthDigit(computed) - noise;
}

struct Interval {
    double low = 0.0;
    double high = std::numeric_limits<double>::infinity();
    int cells = 0;
};

/// The interval of values (in the factor's written unit) over which `factorId` alone keeps every
/// printed cell it enters.
Interval feasibleRange(const std::string& factorId, const std::vector<Cell>& cells) {
    FactorSet set = test::paperFactors();
    auto it = std::find_if(set.factors.begin(), set.factors.end(), [&](const Factor& f) { return f.id == factorId; });
    REQUIRE(it != set.factors.end());
    const double f0 = it->value;
    const double step = f0 > 0.0 ? f0 : 1e-3;
    Interval out;
    out.low = -std::numeric_limits<double>::infinity();
    for (const auto& c : cells) {
        setValue(*it, f0);
        const double v0 = blockValue(set, c.preset, c.block);
        setValue(*it, f0 + step);
        const double v1 = blockValue(set, c.preset, c.block);
        const double slope = (v1 - v0) / step;
        if (std::abs(slope) < 1e-15) continue; // the factor does not enter this cell
        const double intercept = v0 - slope * f0;
        const double lo = (c.printed - 0.005 - intercept) / slope;
        const double hi = (c.printed + 0.005 - intercept) / slope;
        out.low = std::max(out.low, std::min(lo, hi));
        out.high = std::min(out.high, std::max(lo, hi));
        ++out.cells;
    }
    out.low = std::max(out.low, 0.0);
    return out;
}

} // namespace

TEST_CASE("every back-solved factor's stored range is the interval where it alone keeps its printed cells") {
    const auto cells = printedCells();
    int checked = 0;
    for (const auto& f : test::paperFactors().factors) {
        if (f.derivation != Derivation::BackSolved) continue;
        if (f.origin != "paper-2023-backsolved") continue;
        const Interval r = feasibleRange(f.id, cells);
        INFO(f.id << ": computed " << shortest(r.low) << " to " << shortest(r.high) << " from " << r.cells
                  << " cells; stored "
                  << (f.range ? shortest(f.range->first) + " to " + shortest(f.range->second) : "none"));
        REQUIRE(r.cells > 0);
        REQUIRE(f.range.has_value());
        CHECK(f.value >= r.low);
        CHECK(f.value < r.high);
        CHECK(roundedInwards(f.range->first, r.low, true));
        CHECK(roundedInwards(f.range->second, r.high, false));
        ++checked;
    }
    CHECK(checked == 24);
}

TEST_CASE("the US grid factor's range is the interval that keeps the paper's use-stage cells") {
    // A derived factor (eGRID 2022 with grid losses), but the paper set stores the interval
    // that keeps the five 0.01 use-stage cells, by the same definition.
    const Interval r = feasibleRange("grid.us_egrid2022_consumed", printedCells());
    const Factor* f = test::paperFactors().find("grid.us_egrid2022_consumed");
    REQUIRE(f != nullptr);
    REQUIRE(f->range.has_value());
    INFO("computed " << shortest(r.low) << " to " << shortest(r.high));
    CHECK(roundedInwards(f->range->first, r.low, true));
    CHECK(roundedInwards(f->range->second, r.high, false));
}

TEST_CASE("the open set's inherited back-solved factors carry the paper set's ranges") {
    const FactorSet* open = test::library().findFactorSet("open-data");
    REQUIRE(open != nullptr);
    int inherited = 0;
    for (const auto& f : open->factors) {
        if (!f.hasFlag(Flag::Inherited)) continue;
        const Factor* p = test::paperFactors().find(f.id);
        REQUIRE(p != nullptr);
        INFO(f.id);
        CHECK(f.value == p->value);
        CHECK(f.range == p->range);
        ++inherited;
    }
    CHECK(inherited > 0);
}
