#include "study_charts.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/report/csv.h"

#include "tinyfoot/engine/report/study_report.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyfoot::charts {

using namespace tinyfoot::study;

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

/// A number for a legend or a label: three significant digits, C locale (QString::number).
QString shortNumber(double v) { return QString::number(v, 'g', 3); }

/// Labels of inputs and systems on a category axis, shortened in the middle beyond `limit`
/// characters so that the plot keeps its width.
QString categoryLabel(const std::string& s, int limit = 30) {
    QString t = text(s);
    if (t.size() <= limit) return t;
    const auto keep = static_cast<qsizetype>((limit - 3) / 2);
    return t.left(keep) + QStringLiteral("...") + t.right(keep);
}

/// A model input's key as a label: an HSL quantity "hsl:BLOCK/N/NAME" as "BLOCK/NAME", a factor
/// "factor:ID" as its id, others as they are (the CSV keeps the full keys); full length.
QString inputLabel(const std::string& key) {
    std::string label = key;
    if (label.rfind("hsl:", 0) == 0) {
        label = label.substr(4);
        const auto a = label.find('/');
        const auto b = a == std::string::npos ? a : label.find('/', a + 1);
        if (b != std::string::npos) label = label.substr(0, a) + label.substr(b);
    } else if (label.rfind("factor:", 0) == 0) {
        label = label.substr(7);
    }
    return text(label);
}

/// The labels of `keys` (inputLabel, not yet shortened: fittedLabels does that), each key in full
/// where two labels would be the same.
QVector<QString> inputLabels(const std::vector<std::string>& keys) {
    QVector<QString> labels;
    for (const auto& k : keys) labels << inputLabel(k);
    for (qsizetype i = 0; i < labels.size(); ++i)
        if (labels.count(labels[i]) > 1) {
            const QString same = labels[i];
            for (qsizetype j = 0; j < labels.size(); ++j)
                if (labels[j] == same) labels[j] = categoryLabel(keys[static_cast<std::size_t>(j)]);
        }
    return labels;
}

/// Input labels made to fit: a label longer than 26 characters or wider than leaves the data 110
/// pt of the plot's width (but never less than 30 % of it) in the tick font of `axis` first loses
/// its "block/" where the item alone names it uniquely among the labels (a reader keeps "Li-ion
/// battery" rather than "power_...attery"), then is shortened in the middle to 26 characters, then
/// to the width, so that a narrow figure (a panel) keeps room for its axis rect.
QVector<QString> fittedLabels(QVector<QString> labels, const QCustomPlot& plot, const QCPAxis& axis) {
    constexpr qsizetype kLongest = 26;
    const QFontMetricsF metrics(axis.tickLabelFont());
    const double width = std::max(0.3 * plot.width(), plot.width() - 110.0);
    const auto item = [](const QString& l) { return l.mid(l.lastIndexOf(QLatin1Char('/')) + 1); };
    QVector<QString> items;
    for (const auto& l : labels) items << item(l);
    for (auto& l : labels) {
        const auto tooLong = [&] { return l.size() > kLongest || metrics.horizontalAdvance(l) > width; };
        if (!tooLong()) continue;
        if (const QString it = item(l); it.size() < l.size() && items.count(it) == 1) l = it;
        if (l.size() > kLongest) l = categoryLabel(l.toStdString(), static_cast<int>(kLongest));
        if (metrics.horizontalAdvance(l) > width) l = metrics.elidedText(l, Qt::ElideMiddle, width);
    }
    return labels;
}

/// Pens of lines: the palette's colour; in grey, also a dash pattern so that lines stay apart.
QPen linePen(Palette palette, int index, double width = 1.2) {
    if (palette != Palette::Grey) return QPen(paletteColour(palette, index), width);
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    const int level = 20 + 30 * (index % 4);
    QPen pen(QColor(level, level, level), width);
    pen.setStyle(styles[index % 4]);
    return pen;
}

QCPScatterStyle marker(Palette palette, int index, double size = 4.5) {
    static const QCPScatterStyle::ScatterShape shapes[] = {
        QCPScatterStyle::ssDisc,        QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
        QCPScatterStyle::ssDiamond,     QCPScatterStyle::ssCircle, QCPScatterStyle::ssTriangleInverted,
        QCPScatterStyle::ssCrossSquare, QCPScatterStyle::ssStar};
    const QPen pen = linePen(palette, index, 1.0);
    return QCPScatterStyle(shapes[index % 8], pen.color(), pen.color(), size);
}

/// Lays the figure out at the widget's size: a hidden widget (the command line, an export) has
/// been resized without a resize event, so QCustomPlot's viewport is still its default. The
/// labels are fitted (below) for this size, the size exportFigure lays the figure out at.
///
/// The legend then moves from beginFigure's side column into the axis rect (placeLegend picks
/// its corner), so that a single-column figure keeps its width for the data. This leaves the
/// layout as a new QCustomPlot has it, from which beginFigure lays out any figure next.
void beginStudyFigure(QCustomPlot& plot, const ChartOptions& o) {
    beginFigure(plot, o);
    if (plot.viewport() != plot.rect()) plot.setViewport(plot.rect());
    QCPLayout* side = plot.legend->layout();
    if (side && side != plot.axisRect()->insetLayout()) {
        side->take(plot.legend);
        plot.plotLayout()->remove(side);
        plot.plotLayout()->simplify();
        plot.axisRect()->insetLayout()->addElement(plot.legend, Qt::AlignTop | Qt::AlignRight);
    }
    plot.axisRect()->insetLayout()->setMargins(QMargins(5, 5, 5, 5));
}

/// Puts the legend in the corner of the axis rect where it hides the least data (top right on a
/// tie). When every corner hides data and `room` is given (a linear value axis), that axis grows
/// at its upper end, a little at a time, to make room beside the data. Replots.
void placeLegend(QCustomPlot& plot, QCPAxis* room = nullptr) {
    QCPLayoutInset* inset = plot.axisRect()->insetLayout();
    int index = -1;
    for (int i = 0; i < inset->elementCount(); ++i)
        if (inset->elementAt(i) == plot.legend) index = i;
    if (index < 0 || !plot.legend->visible()) return;
    const Qt::Alignment corners[] = {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                     Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft};
    for (int round = 0;; ++round) {
        const QRect rect = inset->rect(); // the axis rect less the inset's margins
        const QSizeF size = plot.legend->outerRect().size();
        Coverage best;
        best.data = std::numeric_limits<double>::max();
        Qt::Alignment choice = corners[0];
        for (Qt::Alignment corner : corners) {
            const double x = (corner & Qt::AlignLeft) ? rect.left() : rect.right() - size.width();
            const double y = (corner & Qt::AlignTop) ? rect.top() : rect.bottom() - size.height();
            const Coverage c = coverage(plot, QRectF(QPointF(x, y), size));
            if (c.cost() < best.cost() - 1e-9) {
                best = c;
                choice = corner;
            }
        }
        inset->setInsetAlignment(index, choice);
        if (best.data <= 0.0 || !room || round == 5) break;
        room->setRangeUpper(room->range().upper + 0.1 * room->range().size());
        plot.replot();
    }
    plot.replot();
}

/// Whole years as tick labels, at steps of 1, 2, 5, 10, 20, 25, 50 ... years for at most about
/// tickCount() ticks.
class YearTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override {
        for (double step : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0})
            if (range.size() / step <= tickCount() + 1e-9) return step;
        return 1000.0;
    }
    int getSubTickCount(double step) override {
        if (step <= 1.0) return 0;
        if (step == 2.0 || step == 10.0 || step == 20.0 || step == 100.0 || step == 200.0) return 1;
        return 4;
    }
    QString getTickLabel(double tick, const QLocale&, QChar, int) override {
        return QString::number(std::lround(tick));
    }
};

void setYearAxis(QCPAxis& axis) {
    QSharedPointer<YearTicker> ticker(new YearTicker);
    ticker->setTickCount(8);
    axis.setTicker(ticker);
    axis.setLabel(QStringLiteral("year"));
}

/// Fewer ticks on a horizontal axis whose tick labels would touch, measured after a replot at
/// the figure's size (one pixel per point).
void fitTickLabels(QCustomPlot& plot, QCPAxis& axis) {
    const QFontMetrics metrics(axis.tickLabelFont());
    for (int round = 0; round < 4; ++round) {
        const QVector<double> ticks = axis.tickVector();
        const QVector<QString> labels = axis.tickVectorLabels();
        if (ticks.size() < 2) return;
        int widest = 0;
        for (const QString& l : labels) widest = std::max(widest, metrics.horizontalAdvance(l));
        double gap = std::numeric_limits<double>::max();
        for (qsizetype i = 1; i < ticks.size(); ++i)
            gap = std::min(gap, std::fabs(axis.coordToPixel(ticks[i]) - axis.coordToPixel(ticks[i - 1])));
        const int room = widest + metrics.horizontalAdvance(QStringLiteral("00"));
        if (gap >= room || axis.ticker()->tickCount() <= 2) return;
        const int fits = static_cast<int>(static_cast<double>(axis.axisRect()->width()) / room);
        axis.ticker()->setTickCount(std::max(2, std::min(axis.ticker()->tickCount() - 1, fits)));
        plot.replot();
    }
}

/// Category labels rotated when they do not fit side by side.
void fitCategoryLabels(QCustomPlot& plot, QCPAxis& axis, const QVector<QString>& labels) {
    if (labels.isEmpty()) return;
    const QFontMetrics metrics(axis.tickLabelFont());
    int widest = 0;
    for (const QString& l : labels) widest = std::max(widest, metrics.horizontalAdvance(l));
    const double each = static_cast<double>(axis.axisRect()->width()) / static_cast<double>(labels.size());
    if (widest + metrics.horizontalAdvance(QStringLiteral("0")) <= each) return;
    axis.setTickLabelRotation(-40);
    plot.replot();
}

/// Category labels of several lines on a vertical axis set on one line when the lines of
/// neighbours would overlap (a short figure or panel), measured after a replot at the figure's
/// size. Returns whether they changed (then it has replotted).
bool fitCategoryLines(QCustomPlot& plot, QCPAxis& axis) {
    const auto ticker = axis.ticker().dynamicCast<QCPAxisTickerText>();
    if (!ticker || ticker->ticks().size() < 2) return false;
    const QFontMetricsF metrics(axis.tickLabelFont());
    qsizetype lines = 1;
    for (const QString& l : ticker->ticks()) lines = std::max(lines, l.count(QLatin1Char('\n')) + 1);
    const double slot = std::fabs(axis.coordToPixel(2.0) - axis.coordToPixel(1.0));
    if (lines < 2 || slot >= static_cast<double>(lines) * metrics.lineSpacing() + 1.0) return false;
    QMap<double, QString> oneLine = ticker->ticks();
    for (QString& l : oneLine) l.replace(QLatin1Char('\n'), QLatin1Char(' '));
    ticker->setTicks(oneLine);
    plot.replot();
    return true;
}

/// Categories on a vertical axis, the first of `labels` at the top: the i-th of n at key n - i.
void setCategoryAxis(QCPAxis& axis, const QVector<QString>& labels) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const auto n = labels.size();
    for (qsizetype i = 0; i < n; ++i) ticker->addTick(static_cast<double>(n - i), labels[i]);
    axis.setTicker(ticker);
    axis.setRange(0.4, static_cast<double>(std::max<qsizetype>(1, n)) + 0.6);
    axis.grid()->setVisible(false);
}

/// A vertical line at x = `at` from y = `from` to `to`, as a curve so that it has a legend entry.
QCPCurve* referenceLine(QCustomPlot& plot, double at, double from, double to, const QPen& pen, const QString& name) {
    auto* curve = new QCPCurve(plot.xAxis, plot.yAxis);
    curve->setData(QVector<double>{at, at}, QVector<double>{from, to});
    curve->setPen(pen);
    curve->setName(name);
    return curve;
}

double percentileOf(const MetricSummary& m, double p) {
    for (const auto& [q, v] : m.percentiles)
        if (q == p) return v;
    return m.histogram.percentile(p);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Fleet and growth

void drawFleet(QCustomPlot& plot, const FleetReport& report, const ChartOptions& o) {
    beginStudyFigure(plot, o);
    double smallest = std::numeric_limits<double>::max(), largest = 0.0;
    int first = std::numeric_limits<int>::max(), last = std::numeric_limits<int>::min();
    for (std::size_t i = 0; i < report.fleets.size(); ++i) {
        const FleetResult& f = report.fleets[i];
        QVector<double> years, cumulative;
        for (const FleetYear& y : f.years) {
            const double kg = units::inKgCo2e(y.cumulative);
            years << static_cast<double>(y.year);
            cumulative << kg;
            if (kg > 0) smallest = std::min(smallest, kg);
            largest = std::max(largest, kg);
            first = std::min(first, y.year);
            last = std::max(last, y.year);
        }
        auto* graph = plot.addGraph();
        graph->setName(text(f.systemId));
        graph->setPen(linePen(o.palette, static_cast<int>(i)));
        graph->setScatterStyle(marker(o.palette, static_cast<int>(i)));
        graph->setData(years, cumulative, true);
    }
    if (first > last) first = last = 2023;
    setYearAxis(*plot.xAxis);
    plot.xAxis->setRange(first - 0.3, last + 0.3);
    plot.yAxis->setLabel(QStringLiteral("cumulative kg CO2e"));
    setValueAxis(*plot.yAxis, o.logAxis, smallest, largest);
    endFigure(plot, o, !report.fleets.empty());
    fitTickLabels(plot, *plot.xAxis);
    placeLegend(plot);
}

std::pair<int, int> growthYears(const std::vector<GrowthCurve>& curves, const std::vector<double>& milestones) {
    int from = std::numeric_limits<int>::max();
    for (const auto& c : curves) from = std::min(from, c.firstYear());
    if (curves.empty()) from = 2023;
    if (milestones.empty()) return {from, from + 30};
    const double top = *std::max_element(milestones.begin(), milestones.end());
    int to = std::numeric_limits<int>::max();
    for (const auto& c : curves)
        if (const auto y = c.yearReaching(top)) to = std::min(to, *y);
    if (to == std::numeric_limits<int>::max()) to = from + 100;
    return {from, std::clamp(to, from + 10, from + 100)};
}

void drawGrowth(QCustomPlot& plot, const std::vector<GrowthCurve>& curves, const std::vector<double>& milestones,
                int fromYear, int toYear, const ChartOptions& o) {
    beginStudyFigure(plot, o);
    if (toYear <= fromYear) toYear = fromYear + 1;
    const int span = toYear - fromYear;
    const int steps = std::min(400, span * 4);
    double smallest = std::numeric_limits<double>::max(), largest = 0.0;
    for (std::size_t i = 0; i < curves.size(); ++i) {
        QVector<double> years, devices;
        for (int k = 0; k <= steps; ++k) {
            const double t = fromYear + span * static_cast<double>(k) / steps;
            const double n = curves[i].devicesAt(t);
            years << t;
            devices << n;
            if (n > 0) smallest = std::min(smallest, n);
            largest = std::max(largest, n);
        }
        auto* graph = plot.addGraph();
        graph->setName(text(curves[i].id));
        graph->setPen(linePen(o.palette, static_cast<int>(i)));
        graph->setData(years, devices, true);
    }
    for (double m : milestones) {
        smallest = std::min(smallest, m);
        largest = std::max(largest, m);
    }
    setYearAxis(*plot.xAxis);
    plot.xAxis->setRange(fromYear, toYear);
    plot.yAxis->setLabel(QStringLiteral("devices in service"));
    setValueAxis(*plot.yAxis, o.logAxis, smallest, largest);

    // Milestones: dashed lines across the plot, labelled at the right end above the line (where
    // rising curves have passed them), on white so that a crossing curve does not run through.
    const QFont small = figureFont(o, o.fontPoints - 1);
    std::vector<QCPItemText*> labels;
    for (double m : milestones) {
        auto* line = new QCPItemStraightLine(&plot);
        line->point1->setCoords(fromYear, m);
        line->point2->setCoords(toYear, m);
        line->setPen(QPen(QColor(110, 110, 110), 0.6, Qt::DashLine));
        auto* label = new QCPItemText(&plot);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(toYear - 0.01 * span, m);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setBrush(QBrush(Qt::white));
        label->setPadding(QMargins(1, 0, 1, 0));
        label->setFont(small);
        label->setColor(QColor(80, 80, 80));
        label->setText(m >= 1e9 ? QString::number(m / 1e9, 'g', 4) + QStringLiteral(" bn") : shortNumber(m));
        label->setClipToAxisRect(true);
        labels.push_back(label);
    }
    endFigure(plot, o, !curves.empty());
    fitTickLabels(plot, *plot.xAxis);
    // A label that would hide a curve goes below its line when that hides less; one that would
    // overlap the label of a larger milestone (close lines on a linear axis) is left out.
    const QFontMetrics metrics(small);
    std::vector<std::size_t> order(labels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return milestones[a] > milestones[b]; });
    std::vector<QRectF> placed;
    for (std::size_t i : order) {
        QCPItemText* label = labels[i];
        const QPointF at = label->position->pixelPosition();
        const QSizeF size(metrics.horizontalAdvance(label->text()) + 2, metrics.height());
        QRectF box(at - QPointF(size.width(), size.height()), size);
        const QRectF below(at - QPointF(size.width(), 0.0), size);
        const Coverage aboveCovers = coverage(plot, box), belowCovers = coverage(plot, below);
        if (aboveCovers.data > 0.0 && belowCovers.data < aboveCovers.data) {
            label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
            box = below;
        }
        const bool clash =
            std::any_of(placed.begin(), placed.end(), [&](const QRectF& r) { return r.intersects(box); });
        if (clash || !plot.axisRect()->rect().contains(box.toAlignedRect())) label->setVisible(false);
        else placed.push_back(box);
    }
    plot.replot();
    placeLegend(plot);
}

// ---------------------------------------------------------------------------------------------
// Uncertainty

void drawUncertainty(QCustomPlot& plot, const UncertaintyReport& report, const ChartOptions& o) {
    beginStudyFigure(plot, o);
    const std::string suffix = " total";
    QVector<QString> labels;
    QVector<double> keys, medians, minus, plus, nominal;
    double smallest = std::numeric_limits<double>::max(), largest = 0.0, lowest = 0.0;
    double lowP = 0.0, highP = 0.0;
    const auto& metrics = report.result.metrics;
    for (std::size_t k = 0; k < metrics.size(); ++k) {
        const MetricSummary& m = metrics[k];
        if (m.name.size() <= suffix.size() || m.name.compare(m.name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        if (m.percentiles.empty()) continue;
        double pLow = m.percentiles.front().first, pHigh = pLow;
        for (const auto& [p, v] : m.percentiles) {
            pLow = std::min(pLow, p);
            pHigh = std::max(pHigh, p);
        }
        lowP = pLow;
        highP = pHigh;
        const double median = percentileOf(m, 50.0), low = percentileOf(m, pLow), high = percentileOf(m, pHigh);
        labels << categoryLabel(m.name.substr(0, m.name.size() - suffix.size()));
        keys << static_cast<double>(labels.size());
        medians << median;
        minus << std::max(0.0, median - low);
        plus << std::max(0.0, high - median);
        const double nom = k < report.nominal.size() ? report.nominal[k] : median;
        nominal << nom;
        for (double v : {low, high, nom}) {
            if (v > 0) smallest = std::min(smallest, v);
            largest = std::max(largest, v);
            lowest = std::min(lowest, v);
        }
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(keys, labels);
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setRange(0.4, static_cast<double>(labels.size()) + 0.6);
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->setLabel(text(readableUnit(report.metrics.empty() ? "kg_co2e" : report.metrics.front().unit)) +
                         QStringLiteral(" per device"));
    setValueAxis(*plot.yAxis, o.logAxis && lowest >= 0.0, smallest, largest, lowest);

    auto* median = plot.addGraph();
    median->setName(QStringLiteral("median"));
    median->setLineStyle(QCPGraph::lsNone);
    median->setScatterStyle(marker(o.palette, 4, 5.0));
    median->setData(keys, medians, true);
    auto* bars = new QCPErrorBars(plot.xAxis, plot.yAxis);
    bars->setDataPlottable(median);
    bars->setData(minus, plus);
    bars->setPen(QPen(paletteColour(o.palette, 4), 1.0));
    bars->setWhiskerWidth(6);
    bars->setName(QStringLiteral("%1 to %2 %").arg(shortNumber(lowP), shortNumber(highP)));
    auto* nominalGraph = plot.addGraph();
    nominalGraph->setName(QStringLiteral("nominal"));
    nominalGraph->setLineStyle(QCPGraph::lsNone);
    const QColor cross = o.palette == Palette::Grey ? QColor(0, 0, 0) : paletteColour(o.palette, 5);
    nominalGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QPen(cross, 1.2), Qt::NoBrush, 7));
    nominalGraph->setData(keys, nominal, true);
    endFigure(plot, o, !keys.isEmpty());
    fitCategoryLabels(plot, *plot.xAxis, labels);
    placeLegend(plot);
}

void drawDistribution(QCustomPlot& plot, const MetricSummary& metric, std::size_t bins, const ChartOptions& o,
                      const std::string& unit) {
    beginStudyFigure(plot, o);
    const Histogram h = metric.histogram.coarsened(std::max<std::size_t>(1, bins));
    const double w = h.binWidth();
    QVector<double> centres, counts;
    double most = 0.0;
    for (std::size_t b = 0; b < h.counts.size(); ++b) {
        centres << h.lower + w * (static_cast<double>(b) + 0.5);
        counts << static_cast<double>(h.counts[b]);
        most = std::max(most, static_cast<double>(h.counts[b]));
    }
    auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
    bars->setName(QStringLiteral("samples"));
    bars->setWidth(w > 0 ? w : 1.0);
    bars->setBrush(paletteBrush(o.palette, 1));
    bars->setPen(QPen(QColor(40, 40, 40), 0.3));
    bars->setData(centres, counts, true);

    plot.xAxis->setLabel(text(metric.name) + QStringLiteral(", ") + text(readableUnit(unit)));
    const double span = w > 0 ? h.upper - h.lower : std::max(1.0, std::fabs(h.lower));
    plot.xAxis->setRange(h.lower - 0.05 * span, h.lower + span * 1.05);
    plot.yAxis->setLabel(QStringLiteral("samples per bin"));
    setValueAxis(*plot.yAxis, false, most, most);
    plot.yAxis->setNumberFormat(QStringLiteral("f"));
    plot.yAxis->setNumberPrecision(0);

    // Percentiles: the median solid, the others dashed.
    for (const auto& [p, v] : metric.percentiles) {
        QPen pen(o.palette == Palette::Grey ? QColor(0, 0, 0) : paletteColour(o.palette, p == 50.0 ? 5 : 4), 1.0);
        if (p != 50.0) pen.setStyle(Qt::DashLine);
        referenceLine(plot, v, 0.0, most * 100.0, pen, QStringLiteral("p%1 = %2").arg(shortNumber(p), shortNumber(v)));
    }
    endFigure(plot, o, true);
    fitTickLabels(plot, *plot.xAxis);
    placeLegend(plot, plot.yAxis);
}

// ---------------------------------------------------------------------------------------------
// Differences: paired against independent runs

void drawDifferences(QCustomPlot& plot, const std::vector<DifferenceComparison>& differences, const ChartOptions& o,
                     const std::string& unit, bool ratio) {
    beginStudyFigure(plot, o);
    // The first pair at the top; within a pair, paired above independent.
    QVector<QString> labels;
    QVector<double> keys;
    double lo = 0.0, hi = 0.0;
    const auto interval = [](const std::vector<std::pair<double, double>>& ps) {
        double low = ps.front().second, high = low, median = low, pLow = ps.front().first, pHigh = pLow;
        for (const auto& [p, v] : ps) {
            if (p <= pLow) pLow = p, low = v;
            if (p >= pHigh) pHigh = p, high = v;
            if (p == 50.0) median = v;
        }
        return std::array<double, 5>{low, median, high, pLow, pHigh};
    };
    const std::size_t n = differences.size();
    QVector<double> pairedKeys, pairedMedian, pairedMinus, pairedPlus, indKeys, indMedian, indMinus, indPlus;
    double pLow = 0.0, pHigh = 0.0;
    double reference = ratio ? 1.0 : 0.0;
    lo = hi = reference;
    for (std::size_t i = 0; i < n; ++i) {
        const DifferenceComparison& d = differences[i];
        const auto& paired = ratio ? d.ratio.paired : d.paired;
        const auto& independent = ratio ? d.ratio.independent : d.independent;
        const double key = static_cast<double>(n - i);
        // two lines: narrow
        const QString label =
            categoryLabel(d.a) + (ratio ? QStringLiteral("\n/ ") : QStringLiteral("\n\u2212 ")) + categoryLabel(d.b);
        if (ratio && !d.ratio.defined) {
            labels << label + QStringLiteral("\n(undefined)");
            keys << key;
            continue;
        }
        if (paired.empty() || independent.empty()) continue;
        labels << label;
        keys << key;
        const auto pi = interval(paired), ii = interval(independent);
        pLow = pi[3];
        pHigh = pi[4];
        pairedKeys << key + 0.17;
        pairedMedian << pi[1];
        pairedMinus << std::max(0.0, pi[1] - pi[0]);
        pairedPlus << std::max(0.0, pi[2] - pi[1]);
        indKeys << key - 0.17;
        indMedian << ii[1];
        indMinus << std::max(0.0, ii[1] - ii[0]);
        indPlus << std::max(0.0, ii[2] - ii[1]);
        lo = std::min({lo, pi[0], ii[0]});
        hi = std::max({hi, pi[2], ii[2]});
    }
    setCategoryAxis(*plot.yAxis, labels);
    plot.yAxis->setRange(0.4, static_cast<double>(n) + 0.6);
    const double pad = hi > lo ? 0.08 * (hi - lo) : 1.0;
    plot.xAxis->setRange(lo - pad, hi + pad);
    plot.xAxis->setLabel((ratio ? QStringLiteral("A / B") : QStringLiteral("A \u2212 B, ") + text(readableUnit(unit))) +
                         QStringLiteral(" (p%1\u2013p%2)").arg(shortNumber(pLow), shortNumber(pHigh)));
    const auto add = [&](const QVector<double>& k, const QVector<double>& median, const QVector<double>& minus,
                         const QVector<double>& plus, int colour, QCPScatterStyle::ScatterShape shape,
                         const QString& name) {
        auto* g = plot.addGraph(plot.xAxis, plot.yAxis);
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(shape, QPen(paletteColour(o.palette, colour), 1.2),
                                           QBrush(paletteColour(o.palette, colour)), 5));
        // Horizontal intervals: the graph's keys on the y axis, its values on the x axis.
        plot.graph()->setKeyAxis(plot.yAxis);
        plot.graph()->setValueAxis(plot.xAxis);
        g->setData(k, median, true);
        auto* bars = new QCPErrorBars(plot.yAxis, plot.xAxis);
        bars->setDataPlottable(g);
        bars->setData(minus, plus);
        bars->setPen(QPen(paletteColour(o.palette, colour), 1.2));
        bars->setWhiskerWidth(5);
        bars->removeFromLegend();
    };
    add(pairedKeys, pairedMedian, pairedMinus, pairedPlus, 4, QCPScatterStyle::ssDisc, QStringLiteral("paired (CRN)"));
    add(indKeys, indMedian, indMinus, indPlus, 5, QCPScatterStyle::ssSquare, QStringLiteral("independent runs"));
    referenceLine(plot, reference, 0.4, static_cast<double>(n) + 0.6, QPen(QColor(0, 0, 0), 0.8, Qt::DashLine),
                  ratio ? QStringLiteral("equal (A / B = 1)") : QStringLiteral("no difference"));
    endFigure(plot, o, !keys.isEmpty());
    fitCategoryLines(plot, *plot.yAxis); // each pair on one line where two lines would overlap
    fitTickLabels(plot, *plot.xAxis);
    placeLegend(plot, plot.yAxis);             // room above the first pair when every corner hides data
    if (fitCategoryLines(plot, *plot.yAxis)) { // the room made the pairs' rows lower
        fitTickLabels(plot, *plot.xAxis);
        placeLegend(plot, plot.yAxis);
    }
}

// ---------------------------------------------------------------------------------------------
// Sensitivity

void drawTornado(QCustomPlot& plot, const TornadoResult& t, std::size_t maxBars, const ChartOptions& o,
                 const std::string& unit) {
    beginStudyFigure(plot, o);
    std::vector<const TornadoBar*> shown;
    for (const auto& b : t.bars)
        if (b.swing > 0.0 && shown.size() < maxBars) shown.push_back(&b);
    // The widest at the top: data in ascending key order, the widest at key n.
    std::vector<std::string> keysShown;
    for (const TornadoBar* b : shown) keysShown.push_back(b->key);
    const QVector<QString> labels = fittedLabels(inputLabels(keysShown), plot, *plot.yAxis);
    QVector<double> keys, low, high;
    double lo = t.nominal, hi = t.nominal;
    for (std::size_t j = 0; j < shown.size(); ++j) {
        const TornadoBar& b = *shown[shown.size() - 1 - j];
        keys << static_cast<double>(j + 1);
        low << b.outputLow - t.nominal; // bars are drawn from their base value
        high << b.outputHigh - t.nominal;
        lo = std::min({lo, b.outputLow, b.outputHigh});
        hi = std::max({hi, b.outputLow, b.outputHigh});
    }
    setCategoryAxis(*plot.yAxis, labels);
    const double pad = hi > lo ? 0.08 * (hi - lo) : std::max(1e-9, 0.1 * std::fabs(t.nominal));
    plot.xAxis->setRange(lo - pad, hi + pad);
    // Enough significant digits that ticks a small swing apart read differently.
    const double magnitude = std::max(std::fabs(lo), std::fabs(hi));
    const double span = (hi - lo) + 2 * pad;
    const int digits = magnitude > 0 && span > 0 ? static_cast<int>(std::ceil(std::log10(magnitude / span))) + 2 : 3;
    plot.xAxis->setNumberPrecision(std::clamp(digits, 3, 12));
    plot.xAxis->setLabel(text(t.output) + QStringLiteral(", ") + text(readableUnit(unit)));

    const auto addBars = [&](const QVector<double>& values, int colour, const QString& name) {
        auto* bars = new QCPBars(plot.yAxis, plot.xAxis);
        bars->setName(name);
        bars->setWidth(0.65);
        bars->setBrush(paletteBrush(o.palette, colour));
        bars->setPen(QPen(QColor(40, 40, 40), 0.5));
        bars->setBaseValue(t.nominal);
        bars->setData(keys, values, true);
    };
    addBars(low, 1, QStringLiteral("low input"));
    addBars(high, 5, QStringLiteral("high input"));
    referenceLine(plot, t.nominal, 0.4, static_cast<double>(std::max<std::size_t>(1, shown.size())) + 0.6,
                  QPen(QColor(0, 0, 0), 1.0), QStringLiteral("nominal"));
    endFigure(plot, o, true);
    fitTickLabels(plot, *plot.xAxis);
    placeLegend(plot, plot.xAxis);
}

void drawSobol(QCustomPlot& plot, const SobolOutput& sobol, std::size_t maxBars, const ChartOptions& o) {
    beginStudyFigure(plot, o);
    // Groups from an earlier drawing are empty now (their bars were cleared): remove them.
    for (auto* group : plot.findChildren<QCPBarsGroup*>(Qt::FindDirectChildrenOnly)) delete group;
    std::vector<const SobolIndex*> sorted;
    for (const auto& i : sobol.indices) sorted.push_back(&i);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const SobolIndex* a, const SobolIndex* b) { return a->total > b->total; });
    if (sorted.size() > maxBars) sorted.resize(maxBars);
    // The largest total index at the top: data in ascending key order (the error bars follow
    // their bars' data by index), the largest at key n.
    std::vector<std::string> keysShown;
    for (const SobolIndex* s : sorted) keysShown.push_back(s->key);
    const QVector<QString> labels = fittedLabels(inputLabels(keysShown), plot, *plot.yAxis);
    QVector<double> keys, first, firstErr, total, totalErr;
    double largest = 0.0, lowest = 0.0;
    for (std::size_t j = 0; j < sorted.size(); ++j) {
        const SobolIndex& s = *sorted[sorted.size() - 1 - j];
        keys << static_cast<double>(j + 1);
        first << s.first;
        firstErr << 1.96 * s.firstSe;
        total << s.total;
        totalErr << 1.96 * s.totalSe;
        largest = std::max({largest, s.first + 1.96 * s.firstSe, s.total + 1.96 * s.totalSe});
        lowest = std::min({lowest, s.first - 1.96 * s.firstSe, s.total - 1.96 * s.totalSe});
    }
    setCategoryAxis(*plot.yAxis, labels);
    plot.xAxis->setLabel(QStringLiteral("Sobol index (share of variance)"));
    setValueAxis(*plot.xAxis, false, largest, std::max(largest, 0.1), lowest);

    auto* group = new QCPBarsGroup(&plot);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    const auto addBars = [&](const QVector<double>& values, const QVector<double>& errors, int colour,
                             const QString& name) {
        auto* bars = new QCPBars(plot.yAxis, plot.xAxis);
        bars->setName(name);
        bars->setWidth(0.36);
        bars->setBrush(paletteBrush(o.palette, colour));
        bars->setPen(QPen(QColor(40, 40, 40), 0.5));
        bars->setData(keys, values, true);
        bars->setBarsGroup(group);
        auto* err = new QCPErrorBars(plot.yAxis, plot.xAxis);
        err->setDataPlottable(bars);
        err->setData(errors);
        err->setPen(QPen(QColor(0, 0, 0), 0.8));
        err->setWhiskerWidth(3);
        err->setSymbolGap(0);
        err->setName(QStringLiteral("±1.96 SE"));
        return err;
    };
    // Listed top down: total above first order within each input.
    addBars(first, firstErr, 4, QStringLiteral("first order"))->removeFromLegend();
    addBars(total, totalErr, 0, QStringLiteral("total"));
    endFigure(plot, o, !sorted.empty());
    fitTickLabels(plot, *plot.xAxis);
    placeLegend(plot, plot.xAxis);
}

// ---------------------------------------------------------------------------------------------
// Data

std::string fleetFigureCsv(const StudyContext& ctx, const FleetReport& report) {
    return report::fleetCsv(ctx, report, "years");
}

std::string growthFigureCsv(const std::vector<GrowthCurve>& curves, int fromYear, int toYear) {
    std::string out = "curve,model,year,devices_in_service\n";
    for (const auto& c : curves)
        for (int y = fromYear; y <= toYear; ++y)
            out += report::csvLine({report::csvField(c.id), std::string(growthModelId(c.model)), std::to_string(y),
                                    format::shortest(c.devicesAt(y))});
    return out;
}

std::string differenceFigureCsv(const UncertaintyReport& report, const std::vector<DifferenceComparison>& differences) {
    return report::differencesCsv(report, differences);
}

std::string uncertaintyFigureCsv(const UncertaintyReport& report) {
    return report::uncertaintyCsv(report, "summary", 0);
}

std::string distributionFigureCsv(const UncertaintyReport& report, const std::string& metric, std::size_t bins) {
    UncertaintyReport one;
    one.result.seed = report.result.seed;
    one.result.samples = report.result.samples;
    one.result.samplesRequested = report.result.samplesRequested;
    one.result.partial = report.result.partial;
    for (std::size_t k = 0; k < report.result.metrics.size(); ++k)
        if (report.result.metrics[k].name == metric) {
            one.result.metrics.push_back(report.result.metrics[k]);
            one.nominal.push_back(k < report.nominal.size() ? report.nominal[k] : 0.0);
        }
    return report::uncertaintyCsv(one, "histogram", std::max<std::size_t>(1, bins));
}

std::string tornadoFigureCsv(const TornadoResult& t, std::size_t maxBars) {
    std::string out = "metric,input,nominal_kg_co2e,at_low_kg_co2e,at_high_kg_co2e,swing_kg_co2e\n";
    std::size_t shown = 0;
    for (const auto& b : t.bars) {
        if (!(b.swing > 0.0) || shown >= maxBars) continue;
        ++shown;
        out +=
            report::csvLine({report::csvField(t.output), report::csvField(b.key), format::shortest(t.nominal),
                             format::shortest(b.outputLow), format::shortest(b.outputHigh), format::shortest(b.swing)});
    }
    return out;
}

std::string sobolFigureCsv(const SensitivityReport& report, const std::string& metric) {
    SensitivityReport one;
    if (report.sobol) {
        SobolResult s = *report.sobol;
        s.outputs.clear();
        for (const auto& out : report.sobol->outputs)
            if (out.output == metric) s.outputs.push_back(out);
        one.sobol = std::move(s);
    }
    return report::sensitivityCsv(one);
}

} // namespace tinyfoot::charts
