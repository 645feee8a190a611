// The figures of a study's analysis, drawn with QCustomPlot for the desktop app's study views
// and `tinyfoot chart --view`: the fleet's cumulative footprint over the years, growth curves,
// Monte Carlo error bars and distributions, tornado and Sobol charts. Each figure has its data as
// CSV: the engine's CSV of the same report (tinyfoot/engine/report/study_report.h) where it holds what
// the figure shows, else a table of the plotted values (locale-independent numbers, units in the
// column names).
#pragma once

#include "figure.h"

#include "tinyfoot/engine/study/study.h"

#include <string>
#include <utility>
#include <vector>

class QCustomPlot;

namespace tinyfoot::charts {

/// The cumulative footprint of each system's fleet at the end of each year (kg CO2e), one line
/// with markers per system; a logarithmic value axis when `options.logAxis`.
void drawFleet(QCustomPlot& plot, const study::FleetReport& report, const ChartOptions& options);

/// Devices in service by year for each curve from `fromYear` to `toYear` (one line per curve,
/// read at mid-year), with the milestones as labelled horizontal dashed lines.
void drawGrowth(QCustomPlot& plot, const std::vector<study::GrowthCurve>& curves, const std::vector<double>& milestones,
                int fromYear, int toYear, const ChartOptions& options);

/// The years a growth figure spans by default: from the curves' first year to the year the first
/// of them reaches the largest milestone (at least 10 and at most 100 years), or 30 years
/// without milestones.
std::pair<int, int> growthYears(const std::vector<study::GrowthCurve>& curves, const std::vector<double>& milestones);

/// The Monte Carlo metrics named "<system> total": the median of each as a point with error bars
/// from its lowest to its highest reported percentile (5 and 95 % by default), the nominal value
/// as a cross. Throws nothing; a report without such metrics gives an empty plot.
void drawUncertainty(QCustomPlot& plot, const study::UncertaintyReport& report, const ChartOptions& options);

/// One metric's distribution as a histogram of `bins` bins over the range it reached (samples per
/// bin on a linear axis), with its percentiles as vertical dashed lines.
/// `unit` is the metric's (study::Metric::unit, a file word such as "kg_co2e" or "kg_sb_eq").
void drawDistribution(QCustomPlot& plot, const study::MetricSummary& metric, std::size_t bins,
                      const ChartOptions& options, const std::string& unit = "kg_co2e");

/// Each difference A - B of a Monte Carlo run twice, as horizontal intervals from the lowest to
/// the highest percentile with the median marked: paired (the run itself, common random numbers)
/// and as independent runs would give it (study::compareDifferences), with a line at zero. In
/// the metrics' `unit`. With `ratio`, the ratio A / B the same two ways, with a line at 1 (a
/// pair whose ratio is undefined keeps its row, empty, its label saying so).
void drawDifferences(QCustomPlot& plot, const std::vector<study::DifferenceComparison>& differences,
                     const ChartOptions& options, const std::string& unit = "kg_co2e", bool ratio = false);

/// A tornado chart of one output: the `maxBars` widest non-zero swings, widest at the top, each
/// input at its low and its high value with the others at nominal, as horizontal bars about the
/// nominal output (a vertical line).
void drawTornado(QCustomPlot& plot, const study::TornadoResult& tornado, std::size_t maxBars,
                 const ChartOptions& options, const std::string& unit = "kg_co2e");

/// First-order and total Sobol indices of one output for the `maxBars` inputs with the largest
/// total index, as grouped horizontal bars with ±1.96 standard-error bars.
void drawSobol(QCustomPlot& plot, const study::SobolOutput& sobol, std::size_t maxBars, const ChartOptions& options);

// ---------------------------------------------------------------------------------------------
// The figures' data

/// The fleet figure: the engine's year table (study::fleetCsv "years"): one row per system and
/// year, cumulative_kg_co2e among its columns.
std::string fleetFigureCsv(const study::StudyContext& ctx, const study::FleetReport& report);

/// The growth figure: "curve,model,year,devices_in_service", one row per curve and year.
std::string growthFigureCsv(const std::vector<study::GrowthCurve>& curves, int fromYear, int toYear);

/// The difference figure (either quantity): the engine's differences table
/// (report::differencesCsv): per pair, A - B and A / B, each a row paired and a row independent.
std::string differenceFigureCsv(const study::UncertaintyReport& report,
                                const std::vector<study::DifferenceComparison>& differences);

/// The uncertainty figure: the engine's summary table (study::uncertaintyCsv "summary"), one row
/// per metric with its nominal value and percentiles (the figure shows the "<system> total" rows).
std::string uncertaintyFigureCsv(const study::UncertaintyReport& report);

/// The distribution figure: the engine's histogram table (study::uncertaintyCsv "histogram") of
/// the metric named `metric`, in `bins` bins. Empty (header only) for an unknown metric.
std::string distributionFigureCsv(const study::UncertaintyReport& report, const std::string& metric, std::size_t bins);

/// The tornado figure: "metric,input,nominal_kg_co2e,at_low_kg_co2e,at_high_kg_co2e,swing_kg_co2e",
/// one row per bar drawn (the `maxBars` widest non-zero swings).
std::string tornadoFigureCsv(const study::TornadoResult& tornado, std::size_t maxBars);

/// The Sobol figure: the engine's sensitivity table (study::sensitivityCsv) of the Sobol output
/// named `metric`: first_order, first_order_se, total and total_se for every input.
std::string sobolFigureCsv(const study::SensitivityReport& report, const std::string& metric);

} // namespace tinyfoot::charts
