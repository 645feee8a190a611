#include "sweep_chart.h"

#include "tinyfoot/engine/report/study_report.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace tinyfoot::charts {

using namespace tinyfoot::study;

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

/// "use_stage/power, mW": a parameter with its unit, as an axis label.
QString axisLabel(const SweepAxis& axis) {
    return axis.unit.empty() ? text(axis.parameter) : text(axis.parameter) + QStringLiteral(", ") + text(axis.unit);
}

/// Positive values spanning at least `decades` decades.
bool spansDecades(double smallest, double largest, double decades) {
    return smallest > 0.0 && largest / smallest >= std::pow(10.0, decades) - 1e-9;
}

/// The index of `value` among `values` (as written: the rows carry the axis' values exactly).
std::optional<int> indexOf(const std::vector<double>& values, double value) {
    const auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) return std::nullopt;
    return static_cast<int>(it - values.begin());
}

/// Text ticks at 0, 1, 2 … labelled with `values` (three significant digits, C locale).
QSharedPointer<QCPAxisTickerText> valueTicker(const std::vector<double>& values) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (std::size_t i = 0; i < values.size(); ++i)
        ticker->addTick(static_cast<double>(i), QString::number(values[i], 'g', 3));
    return ticker;
}

/// A colour-blind safe sequential gradient: stops of viridis (van der Walt & Smith 2015,
/// matplotlib's default colour map, CC0), or black to white in grey.
QCPColorGradient sweepGradient(Palette palette) {
    if (palette == Palette::Grey) return QCPColorGradient(QCPColorGradient::gpGrayscale);
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.00, QColor(0x44, 0x01, 0x54));
    g.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
    g.setColorStopAt(0.50, QColor(0x21, 0x91, 0x8c));
    g.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
    g.setColorStopAt(1.00, QColor(0xfd, 0xe7, 0x25));
    return g;
}

void drawLines(QCustomPlot& plot, const SweepReport& r, const std::string& metric, const ChartOptions& o) {
    beginFigure(plot, o);
    double xLow = std::numeric_limits<double>::max(), xHigh = std::numeric_limits<double>::lowest();
    for (double x : r.x.values) {
        xLow = std::min(xLow, x);
        xHigh = std::max(xHigh, x);
    }
    double smallest = std::numeric_limits<double>::max(), largest = 0.0, lowest = 0.0;
    static const QCPScatterStyle::ScatterShape shapes[] = {
        QCPScatterStyle::ssDisc,    QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
        QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCircle, QCPScatterStyle::ssTriangleInverted};
    int shown = 0;
    for (std::size_t s = 0; s < r.systems.size(); ++s) {
        QVector<double> xs, ys;
        for (const SweepPoint& p : r.rows)
            if (p.system == s && p.metric == metric) {
                xs << p.x;
                ys << p.value;
                if (p.value > 0) smallest = std::min(smallest, p.value);
                largest = std::max(largest, p.value);
                lowest = std::min(lowest, p.value);
            }
        if (xs.isEmpty()) continue;
        auto* graph = plot.addGraph();
        graph->setName(text(r.systems[s]));
        const QColor colour = paletteColour(o.palette, shown);
        graph->setPen(QPen(colour, 1.2));
        graph->setScatterStyle(QCPScatterStyle(shapes[shown % 6], colour, colour, 4.5));
        graph->setData(xs, ys);
        ++shown;
    }
    const bool logX = spansDecades(xLow, xHigh, 2.0);
    if (logX) {
        setValueAxis(*plot.xAxis, true, xLow, xHigh);
        plot.xAxis->setRange(xLow / 1.25, xHigh * 1.25); // the decades' ticks, the data's span
    } else {
        const double pad = xHigh > xLow ? 0.03 * (xHigh - xLow) : 0.5;
        plot.xAxis->setRange(xLow - pad, xHigh + pad);
    }
    plot.xAxis->setLabel(axisLabel(r.x));
    if (smallest > largest) smallest = largest > 0 ? largest : 1.0;
    setValueAxis(*plot.yAxis, o.logAxis && lowest >= 0.0 && largest > 0.0, smallest, std::max(largest, smallest),
                 lowest);
    plot.yAxis->setLabel(text(metric));
    endFigure(plot, o, shown > 0);
}

void drawHeatMap(QCustomPlot& plot, const SweepReport& r, const std::string& metric, std::size_t system,
                 const ChartOptions& o) {
    beginFigure(plot, o);
    const auto nx = static_cast<int>(r.x.values.size());
    const auto ny = static_cast<int>(r.y->values.size());
    auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
    map->data()->setSize(nx, ny);
    map->data()->setRange(QCPRange(0, std::max(1, nx - 1)), QCPRange(0, std::max(1, ny - 1)));
    map->data()->fill(std::numeric_limits<double>::quiet_NaN());
    double smallest = std::numeric_limits<double>::max(), largest = std::numeric_limits<double>::lowest();
    for (const SweepPoint& p : r.rows) {
        if (p.system != system || p.metric != metric) continue;
        const auto i = indexOf(r.x.values, p.x);
        const auto j = indexOf(r.y->values, p.y);
        if (!i || !j) continue;
        map->data()->setCell(*i, *j, p.value);
        smallest = std::min(smallest, p.value);
        largest = std::max(largest, p.value);
    }
    map->setInterpolate(false);
    map->setName(text(r.systems[system]));
    plot.xAxis->setTicker(valueTicker(r.x.values));
    plot.yAxis->setTicker(valueTicker(r.y->values));
    plot.xAxis->setRange(-0.5, nx - 0.5);
    plot.yAxis->setRange(-0.5, ny - 0.5);
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->grid()->setVisible(false);
    plot.xAxis->setLabel(axisLabel(r.x));
    plot.yAxis->setLabel(axisLabel(*r.y));
    endFigure(plot, o, false);

    // The colour scale beside the axis rect, in its row (below the title, when there is one).
    auto* scale = new QCPColorScale(&plot);
    int row = 0, column = 0;
    for (int k = 0; k < plot.plotLayout()->elementCount(); ++k)
        if (plot.plotLayout()->elementAt(k) == plot.axisRect()) plot.plotLayout()->indexToRowCol(k, row, column);
    plot.plotLayout()->addElement(row, column + 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(8);
    styleAxis(*scale->axis(), o);
    scale->axis()->setLabel(text(r.systems[system]) + QStringLiteral(": ") + text(metric));
    const bool logScale = o.logAxis && spansDecades(smallest, largest, 1.0);
    if (logScale) {
        scale->setDataScaleType(QCPAxis::stLogarithmic);
        scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    map->setColorScale(scale);
    map->setGradient(sweepGradient(o.palette));
    if (smallest <= largest)
        map->setDataRange(QCPRange(smallest, largest > smallest ? largest : smallest * 1.001 + 1e-12));
    auto* group = new QCPMarginGroup(&plot);
    plot.axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    plot.replot();
}

} // namespace

std::vector<std::string> sweepMetrics(const SweepReport& report) {
    std::vector<std::string> names;
    for (const SweepPoint& p : report.rows)
        if (std::find(names.begin(), names.end(), p.metric) == names.end()) names.push_back(p.metric);
    return names;
}

void drawSweep(QCustomPlot& plot, const SweepReport& report, const std::string& metric, std::size_t system,
               const ChartOptions& options) {
    if (report.y && system < report.systems.size()) drawHeatMap(plot, report, metric, system, options);
    else drawLines(plot, report, metric, options);
}

Figure sweepFigure(std::shared_ptr<const SweepReport> report, const std::string& metric, std::size_t system) {
    if (!report) return {};
    const auto metrics = sweepMetrics(*report);
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) return {};
    if (report->y && system >= report->systems.size()) return {};
    Figure f;
    f.draw = [report, metric, system](QCustomPlot& plot, const ChartOptions& o) {
        drawSweep(plot, *report, metric, system, o);
    };
    f.csv = [report] { return tinyfoot::report::sweepCsv(*report); };
    f.title = QStringLiteral("Sweep ") + text(report->id);
    return f;
}

} // namespace tinyfoot::charts
