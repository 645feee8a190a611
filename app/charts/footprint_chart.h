// Figures for papers, drawn with QCustomPlot: the footprint of systems as stacked bars per
// functional block (the calculator's figure), and their export as vector PDF and SVG (text stays
// text) or PNG at a chosen DPI and size, with the figure's data as CSV. The desktop app and
// `tinyfoot chart` draw through this one code path.
#pragma once

#include "tinyfoot/engine/calculate.h"

#include <QColor>
#include <QString>

#include <string>
#include <vector>

class QCustomPlot;

namespace tinyfoot::charts {

enum class Palette {
    OkabeIto, ///< colour-blind safe (Okabe & Ito 2008, "Color Universal Design"), the default
    Grey,     ///< greyscale with hatching, for print
};

struct ChartOptions {
    bool logAxis = true;
    Palette palette = Palette::OkabeIto;
    bool legend = true;
    bool title = true;
    QString titleText = QStringLiteral("Carbon footprint per device");
    QString fontFamily = QStringLiteral("DejaVu Sans");
    double fontPoints = 8.0;
};

struct ExportOptions {
    double widthInches = 3.5; ///< single column ≈ 3.5 in, double column ≈ 7.2 in
    double heightInches = 2.6;
    int dpi = 300; ///< PNG only
};

/// Size presets for common column widths (inches): "single" 3.5, "double" 7.2.
double columnWidthInches(const QString& preset);

/// The fill colour of the i-th series in a palette.
QColor paletteColour(Palette palette, int index);

/// Draws one stacked bar per result (kg CO2e per block) on `plot`, replacing what was there.
void drawFootprint(QCustomPlot& plot, const std::vector<Result>& results, const ChartOptions& options);

/// The figure's data: one row per system and block, "system,block,kg_co2e".
std::string figureCsv(const std::vector<Result>& results);

/// Exports by the file's extension (.pdf, .svg, .png). Returns an empty string on success, else
/// what went wrong.
QString exportFigure(QCustomPlot& plot, const QString& path, const ExportOptions& options);

} // namespace tinyfoot::charts
