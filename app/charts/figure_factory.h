// The figure factory: the one mapping from a view (footprint, fleet, what-ifs, growth,
// uncertainty, distribution, tornado, Sobol) to its drawing, its data as CSV and its default
// title, with the defaults of the figures' choices (histogram bins, bars, growth years) in one
// place. The studio's views and `tinyfoot chart` both make their figures here; they differ only in
// where the reports come from (a run on the studio's worker thread, or a run before the CLI
// starts Qt) and in what they do when a view has nothing to show.
#pragma once

#include "figure.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/study/study.h"

#include <QString>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

class QCustomPlot;

namespace tinyfoot::charts {

/// The figures TinyFoot draws. WhatIfs is the studio's what-if table: it exports the fleet
/// figure with the what-if rows as its data.
enum class FigureView { Footprint, Fleet, WhatIfs, Growth, Uncertainty, Distribution, Tornado, Sobol, Difference };

/// The view's name as `--view` takes it: "footprint", "fleet", "what-ifs", "growth" …
std::string figureViewName(FigureView view);
/// The view named `name` (figureViewName), nullopt for a name no view has.
std::optional<FigureView> figureViewNamed(std::string_view name);

/// Histogram bins of the distribution figure unless asked otherwise.
inline constexpr std::size_t kDefaultHistogramBins = 40;
/// Inputs the tornado and Sobol figures show unless asked otherwise.
inline constexpr std::size_t kDefaultBars = 10;

/// Growth curves and the milestones (devices) drawn across them.
struct GrowthSeries {
    std::vector<study::GrowthCurve> curves;
    std::vector<double> milestones;
};

/// What the figures are made from. Each view reads only its own members and shows nothing when
/// they are missing: footprint the results; fleet and what-ifs the context and the fleet report
/// (which points into the context); growth the series; uncertainty and distribution the Monte
/// Carlo report; tornado and Sobol the sensitivity report.
struct FigureSources {
    std::shared_ptr<const std::vector<Result>> results;
    std::shared_ptr<const study::StudyContext> context;
    std::shared_ptr<const study::FleetReport> fleet;
    std::shared_ptr<const GrowthSeries> growth;
    std::shared_ptr<const study::UncertaintyReport> uncertainty;
    std::shared_ptr<const study::SensitivityReport> sensitivity;
    /// Paired against independent differences (study::compareDifferences of `uncertainty`).
    std::shared_ptr<const std::vector<study::DifferenceComparison>> differences;
};

/// The choices a figure takes besides its data, with their defaults.
struct FigureChoices {
    std::string metric;                       ///< the metric of distribution, tornado and Sobol
    std::size_t bins = kDefaultHistogramBins; ///< distribution
    std::size_t bars = kDefaultBars;          ///< tornado and Sobol
    std::optional<int> fromYear;              ///< growth; default: growthSpan()
    std::optional<int> toYear;                ///< growth; default: growthSpan()
    bool ratio = false;                       ///< difference: A / B instead of A - B
};

/// A figure ready to draw: everything it needs is held by its functions, so it may outlive the
/// sources it was made from.
struct Figure {
    /// Draws the figure on a plot with the given options (replacing what the plot held).
    std::function<void(QCustomPlot&, const ChartOptions&)> draw;
    /// The figure's data as CSV text.
    std::function<std::string()> csv;
    /// The title the figure takes when its user gives none.
    QString title;

    /// False when the view has nothing to show (its sources are missing, or no metric of that name).
    explicit operator bool() const { return static_cast<bool>(draw); }
};

/// The years a growth figure spans: `fromYear`, else the curves' first year (growthYears), to
/// `toYear`, else the year growthYears ends at (at least a year after the start).
std::pair<int, int> growthSpan(const GrowthSeries& series, std::optional<int> fromYear, std::optional<int> toYear);

/// The figure of `view` made from `sources` with `choices`; an empty Figure when the view has
/// nothing to show.
Figure makeFigure(FigureView view, const FigureSources& sources, const FigureChoices& choices = {});

} // namespace tinyfoot::charts
