// The calculator's figure: the footprint of systems as stacked bars per functional block, with
// its data as CSV. The desktop app and `tinyfoot chart` draw through this one code path.
#pragma once

#include "figure.h"

#include "tinyfoot/engine/calculate.h"

#include <string>
#include <vector>

class QCustomPlot;

namespace tinyfoot::charts {

/// Draws one stacked bar per result (kg CO2e per block) on `plot`, replacing what was there.
void drawFootprint(QCustomPlot& plot, const std::vector<Result>& results, const ChartOptions& options);

/// The figure's data: one row per system and block, "system,block,kg_co2e".
std::string figureCsv(const std::vector<Result>& results);

} // namespace tinyfoot::charts
