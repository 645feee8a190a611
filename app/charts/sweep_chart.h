// The figure of a sweep (study::runSweep): a line per system over one parameter, or a heat map
// (QCPColorMap) of one system over two. Its data is the engine's sweep CSV
// (report::sweepCsv), every point, system and metric of the run.
#pragma once

#include "figure_factory.h"

#include "tinyfoot/engine/study/study.h"

#include <memory>
#include <string>
#include <vector>

class QCustomPlot;

namespace tinyfoot::charts {

/// The metrics of a sweep's rows ("total_kg_co2e", "fleet_total_kg_co2e" …), in the order
/// first met.
std::vector<std::string> sweepMetrics(const study::SweepReport& report);

/// One parameter: `metric` against the parameter's values, one line with markers per system
/// (a log parameter axis when the values are positive and span two decades or more; the value
/// axis as `options.logAxis` asks). Two parameters: a heat map of `metric` for system `system`,
/// one cell per pair of values (cells in the order of the values, labelled with them), with a
/// colour scale (logarithmic when `options.logAxis` and the values are positive and span a
/// decade or more).
void drawSweep(QCustomPlot& plot, const study::SweepReport& report, const std::string& metric, std::size_t system,
               const ChartOptions& options);

/// The sweep's figure: drawSweep, the engine's sweep CSV as its data and "Sweep <id>" as its
/// title. Empty when the report has no row of `metric` (or, for two parameters, no system
/// `system`).
Figure sweepFigure(std::shared_ptr<const study::SweepReport> report, const std::string& metric, std::size_t system);

} // namespace tinyfoot::charts
