// What every TinyFoot figure shares: its options (axis, palette, fonts, legend, title), the
// layout they give a QCustomPlot (fonts in points, an optional title row, a legend placed where
// it leaves the data its width: beside the plot, inside it or below it), value axes that can be
// logarithmic (decades as numbers or powers of ten with superscript exponents), and export as
// vector PDF and SVG (text stays text) or PNG at a chosen DPI and size.
#pragma once

#include <QBrush>
#include <QColor>
#include <QRectF>
#include <QString>

#include <functional>

class QCustomPlot;
class QCPAxis;
class QCPPainter;

namespace tinyfoot::charts {

enum class Palette {
    OkabeIto, ///< colour-blind safe (Okabe & Ito 2008, "Color Universal Design"), the default
    Grey,     ///< greyscale with hatching, for print
};

/// How the footprint figure shows each system's blocks.
enum class BarStyle {
    /// The blocks stacked on the value axis: on a log axis (the paper's style) a segment's height
    /// says nothing about its share; on a linear axis it does.
    Stacked,
    /// Each system's total as a marker on the value axis (log or linear), and under it a bar of
    /// the blocks' shares of that total on a linear 0-100 % axis.
    Share,
};

/// No text of a figure is smaller than this (points at print size).
inline constexpr double kMinimumFontPoints = 6.0;
/// The outline of bar segments at print size (points); a segment lower or narrower than
/// kOutlineMinimumPoints has none, so that its colour is not lost under its outline.
inline constexpr double kOutlinePoints = 0.35;
inline constexpr double kOutlineMinimumPoints = 2.5;
/// The legend goes beside the plot only when the plot area keeps this share of the figure's width.
inline constexpr double kMinimumPlotWidthShare = 0.6;

/// Where the legend goes: Auto beside the plot while the plot keeps kMinimumPlotWidthShare of the
/// width, else inside where it covers no data, else below (endFigure); the others ask for a place.
enum class LegendPlacement { Auto, Right, Inside, Below };

struct ChartOptions {
    bool logAxis = true;
    BarStyle bars = BarStyle::Stacked; ///< the footprint figure
    Palette palette = Palette::OkabeIto;
    bool legend = true;
    bool title = true;
    QString titleText = QStringLiteral("Carbon footprint per device");
    QString fontFamily = QStringLiteral("DejaVu Sans");
    double fontPoints = 8.0;
    /// No text is set smaller than this (nor than kMinimumFontPoints): a journal style's floor.
    double minimumFontPoints = kMinimumFontPoints;
    LegendPlacement legendPlacement = LegendPlacement::Auto;
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

/// The brush of the i-th series: its colour (Okabe-Ito's black as a mid grey, so that a filled
/// segment is not mistaken for an outline), hatched where colours alone would repeat (and every
/// other grey, so that greys stay apart in print).
QBrush paletteBrush(Palette palette, int index);

/// Clears `plot` (plottables, items, an earlier title, legend row or second axis rect), puts the
/// legend in a column beside the axis rect and sets the fonts. Figures are laid out at their
/// physical size with one pixel per point (exportFigure), so a font of N pixels is N points on
/// paper on every output device.
void beginFigure(QCustomPlot& plot, const ChartOptions& options);

/// A font of the figure's family at `points` (never below kMinimumFontPoints nor the options'
/// minimumFontPoints).
QFont figureFont(const ChartOptions& options, double points);

/// An axis as beginFigure sets the figure's own: fonts, no label, linear, ticks outside, grid;
/// for the axes of a second axis rect.
void styleAxis(QCPAxis& axis, const ChartOptions& options);

/// `text` broken into lines at spaces so that each line is at most `width` pixels wide in `font`
/// (a word longer than that keeps a line of its own).
QString wrapText(const QString& text, const QFont& font, int width);

/// Where a figure's legend went.
enum class LegendPlace { None, Right, Inside, Below };

/// Shows the legend (when asked and `hasLegend`), adds the title row and replots. A legend that
/// beginFigure put beside the plot stays there when the plot area keeps kMinimumPlotWidthShare
/// of the figure's width; else it goes inside the axis rect, in a corner where it covers no data
/// (a figure of one axis rect), else below the plot in as many columns as fit the width. A
/// legendPlacement other than Auto asks for its place: Right keeps it beside the plot, Inside
/// tries the corners (then below), Below puts it below.
/// `fitAxes`, when given, is called after each change of the layout (and a replot) to fit the
/// axes' labels to the new size.
void endFigure(QCustomPlot& plot, const ChartOptions& options, bool hasLegend,
               const std::function<void(QCustomPlot&)>& fitAxes = {});

/// Where endFigure put the legend of `plot`.
LegendPlace legendPlace(QCustomPlot& plot);

/// The plot area: the axis rects of the figure together (pixels, that is points at print size).
QRectF plotArea(QCustomPlot& plot);

/// What a legend (or a label) at `area` would hide: `data`, the area of bars under it and points
/// along lines, error bars and markers; `reference`, points along reference lines (curves), which
/// it may cover.
struct Coverage {
    double data = 0.0;
    double reference = 0.0;
    double cost() const { return data * 1000.0 + reference; }
};

/// What `area` (pixels) covers of the plottables of `plot`, stacked bars where they are stacked.
Coverage coverage(QCustomPlot& plot, const QRectF& area);

/// A value axis from `smallest` (> 0, used on a log axis) to `largest`: decades on a log axis, a
/// linear axis from zero (or from `lowest` when it is negative) otherwise. A log axis labels its
/// decades as numbers (0.01 ... 1000) when they all lie within that range, else as powers of ten
/// with superscript exponents (10⁹, 10⁻³) set as text.
void setValueAxis(QCPAxis& axis, bool logarithmic, double smallest, double largest, double lowest = 0.0);

/// Exports by the file's extension (.pdf, .svg, .png). Returns an empty string on success, else
/// what went wrong.
QString exportFigure(QCustomPlot& plot, const QString& path, const ExportOptions& options);

/// Writes an SVG page of `width` x `height` points (one user unit per point, titled as a
/// TinyFoot figure) that `paint` draws on; the one SVG writer of single figures and panels.
/// Returns an empty string on success, else what went wrong.
QString writeSvg(const QString& path, int width, int height, const std::function<void(QCPPainter&)>& paint);

} // namespace tinyfoot::charts
