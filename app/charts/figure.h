// What every TinyFoot figure shares: its options (axis, palette, fonts, legend, title), the
// layout they give a QCustomPlot (legend beside the plot, fonts in points, an optional title
// row), value axes that can be logarithmic, and export as vector PDF and SVG (text stays text) or
// PNG at a chosen DPI and size.
#pragma once

#include <QBrush>
#include <QColor>
#include <QString>

class QCustomPlot;
class QCPAxis;

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

/// The brush of the i-th series: its colour, hatched where colours alone would repeat (and every
/// other grey, so that greys stay apart in print).
QBrush paletteBrush(Palette palette, int index);

/// Clears `plot` (plottables, items, an earlier title), puts the legend in a column beside the
/// axis rect and sets the fonts. Figures are laid out at their physical size with one pixel per
/// point (exportFigure), so a font of N pixels is N points on paper on every output device.
void beginFigure(QCustomPlot& plot, const ChartOptions& options);

/// `text` broken into lines at spaces so that each line is at most `width` pixels wide in `font`
/// (a word longer than that keeps a line of its own).
QString wrapText(const QString& text, const QFont& font, int width);

/// Shows the legend (when asked and `hasLegend`), adds the title row and replots.
void endFigure(QCustomPlot& plot, const ChartOptions& options, bool hasLegend);

/// A value axis from `smallest` (> 0, used on a log axis) to `largest`: decades on a log axis, a
/// linear axis from zero (or from `lowest` when it is negative) otherwise.
void setValueAxis(QCPAxis& axis, bool logarithmic, double smallest, double largest, double lowest = 0.0);

/// Exports by the file's extension (.pdf, .svg, .png). Returns an empty string on success, else
/// what went wrong.
QString exportFigure(QCustomPlot& plot, const QString& path, const ExportOptions& options);

} // namespace tinyfoot::charts
