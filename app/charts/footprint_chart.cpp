#include "footprint_chart.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/csv.h"

#include <algorithm>
#include <cmath>

namespace tinyfoot::charts {

namespace {

/// The outline of segments large enough to carry one.
const QColor kOutline(40, 40, 40);

/// Systems at keys 1 ... n, their labels as tick labels, no grid.
void setSystemAxis(QCPAxis& axis, const QVector<QString>& labels) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (qsizetype i = 0; i < labels.size(); ++i) ticker->addTick(static_cast<double>(i + 1), labels[i]);
    axis.setTicker(ticker);
    axis.setRange(0.5, static_cast<double>(labels.size()) + 0.5); // a slot of one key per system
    axis.grid()->setVisible(false);
}

/// The widths of the lines of a (wrapped) label.
QVector<double> lineWidths(const QFontMetricsF& metrics, const QString& label) {
    QVector<double> widths;
    for (const QString& line : label.split(QLatin1Char('\n'))) widths << metrics.horizontalAdvance(line);
    return widths;
}

/// `text` wrapped to at most `width` pixels (wrapText), its lines then evened out: the narrowest
/// width that keeps the same number of lines ("Apple / Watch 7", not "Apple Watch / 7").
QString evenWrap(const QString& text, const QFont& font, int width) {
    QString best = wrapText(text, font, width);
    const auto lines = best.count(QLatin1Char('\n'));
    for (int narrower = width - 1; narrower > 0; --narrower) {
        const QString t = wrapText(text, font, narrower);
        if (t.count(QLatin1Char('\n')) > lines) break;
        best = t;
    }
    return best;
}

/// The system labels fitted to the slots of the bars at the plot's current layout: wrapped at
/// spaces to a slot's width, at the figure's font or, failing that, at 7 and then 6 pt (never
/// below the figure's minimum), so that the lines of neighbours keep a gap; where even then they
/// would touch, on one line and turned by 45°. The axis rect keeps a right margin for the last
/// label's overhang.
void fitSystemLabels(QCPAxis& axis, const QVector<QString>& labels, const ChartOptions& o) {
    if (labels.isEmpty()) return;
    QCPAxisRect* rect = axis.axisRect();
    const double slot = std::fabs(axis.coordToPixel(2.0) - axis.coordToPixel(1.0));
    const double gap = 2.0;
    std::vector<double> sizes{o.fontPoints};
    for (double smaller : {7.0, kMinimumFontPoints})
        if (std::max(smaller, o.minimumFontPoints) < sizes.back())
            sizes.push_back(std::max(smaller, o.minimumFontPoints));
    for (const double points : sizes) {
        const QFont font = figureFont(o, points);
        const QFontMetricsF metrics(font);
        QVector<QString> wrapped;
        QVector<QVector<double>> widths;
        for (const QString& l : labels) {
            wrapped << evenWrap(l, font, static_cast<int>(slot - gap));
            widths << lineWidths(metrics, wrapped.back());
        }
        // Neighbours' lines side by side keep the gap.
        bool fits = true;
        for (qsizetype i = 1; i < widths.size(); ++i)
            for (qsizetype line = 0; line < std::min(widths[i - 1].size(), widths[i].size()); ++line)
                if ((widths[i - 1][line] + widths[i][line]) / 2.0 + gap > slot) fits = false;
        if (!fits) continue;
        const double last = *std::max_element(widths.back().begin(), widths.back().end());
        const double overhang =
            std::max(0.0, last / 2.0 - std::fabs(axis.coordToPixel(axis.range().upper) -
                                                 axis.coordToPixel(static_cast<double>(labels.size()))));
        setSystemAxis(axis, wrapped);
        axis.setTickLabelFont(font);
        axis.setTickLabelRotation(0);
        // QCustomPlot leaves out a tick label that would cross the figure's edge: room for the
        // last one, and a few points more for the label's own padding.
        QMargins margins = rect->minimumMargins();
        margins.setRight(static_cast<int>(std::ceil(overhang)) + 4);
        rect->setMinimumMargins(margins);
        return;
    }
    setSystemAxis(axis, labels);
    axis.setTickLabelFont(figureFont(o, sizes.back()));
    axis.setTickLabelRotation(-45);
}

/// Blocks in the paper's order, those with a value in any system.
std::vector<Block> blocksShown(const std::vector<Result>& results) {
    std::vector<Block> blocks;
    for (Block b : kAllBlocks)
        for (const auto& r : results)
            if (units::inKgCo2e(r.block(b)) > 0.0) {
                blocks.push_back(b);
                break;
            }
    return blocks;
}

SegmentBars* addSegments(QCPAxis* keys, QCPAxis* values, Block block, int index, const ChartOptions& o) {
    auto* bars = new SegmentBars(keys, values);
    bars->setName(QString::fromStdString(std::string(blockName(block))));
    bars->setWidth(0.6);
    bars->setStackingGap(0);
    bars->setBrush(paletteBrush(o.palette, index));
    bars->setPen(QPen(kOutline, kOutlinePoints)); // the legend's icon; segments choose their own
    return bars;
}

/// The blocks stacked on the value axis. On a log axis the stack stands on the axis' floor and
/// each segment spans its running sum, so that a bar's top is the system's total.
void drawStacked(QCustomPlot& plot, const std::vector<Result>& results, const std::vector<Block>& blocks,
                 const ChartOptions& o) {
    plot.yAxis->setLabel(QStringLiteral("kg CO2e"));
    double smallest = 1e300, largest = 0.0;
    for (const auto& r : results) {
        largest = std::max(largest, units::inKgCo2e(r.total));
        for (Block b : blocks) {
            const double v = units::inKgCo2e(r.block(b));
            if (v > 0) smallest = std::min(smallest, v);
        }
    }
    if (largest <= 0) largest = 1.0;
    if (smallest > largest) smallest = largest;
    setValueAxis(*plot.yAxis, o.logAxis, smallest, largest);
    const double floor = o.logAxis ? plot.yAxis->range().lower : 0.0;

    std::vector<double> sum(results.size(), 0.0);
    QCPBars* below = nullptr;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
        SegmentBars* bars = addSegments(plot.xAxis, plot.yAxis, blocks[bi], static_cast<int>(bi), o);
        bars->setBaseValue(floor);
        QVector<double> keys, values;
        for (std::size_t i = 0; i < results.size(); ++i) {
            // A block a system does not have gets no bar: an empty one would be drawn as a line.
            const double v = units::inKgCo2e(results[i].block(blocks[bi]));
            if (!(v > 0.0)) continue;
            const double bottom = std::max(floor, sum[i]);
            sum[i] += v;
            if (sum[i] <= bottom) continue; // below the axis' floor
            keys << static_cast<double>(i + 1);
            values << sum[i] - bottom;
        }
        bars->setData(keys, values);
        if (below) bars->moveAbove(below);
        below = bars;
    }
}

/// Each total as a marker on the value axis of an upper panel, and the blocks' shares of it as
/// 100 % bars on a linear axis below; returns the axis that carries the systems' labels.
QCPAxis* drawShares(QCustomPlot& plot, const std::vector<Result>& results, const std::vector<Block>& blocks,
                    const ChartOptions& o) {
    QCPAxisRect* totals = plot.axisRect();
    plot.plotLayout()->take(totals);
    auto* panels = new QCPLayoutGrid;
    plot.plotLayout()->addElement(0, 0, panels);
    auto* shares = new QCPAxisRect(&plot);
    panels->addElement(0, 0, totals);
    panels->addElement(1, 0, shares);
    panels->setRowStretchFactor(0, 2);
    panels->setRowStretchFactor(1, 3);
    panels->setRowSpacing(4);
    // Two panels share a figure's height: each may be lower than QCustomPlot's default minimum.
    totals->setMinimumSize(30, 24);
    shares->setMinimumSize(30, 24);
    auto* edges = new QCPMarginGroup(&plot);
    totals->setMarginGroup(QCP::msLeft | QCP::msRight, edges);
    shares->setMarginGroup(QCP::msLeft | QCP::msRight, edges);
    QCPAxis* x = shares->axis(QCPAxis::atBottom);
    QCPAxis* y = shares->axis(QCPAxis::atLeft);
    styleAxis(*x, o);
    styleAxis(*y, o);

    // The totals: a marker each, no tick labels (the panel below names the systems).
    QVector<double> keys, values;
    double smallest = 1e300, largest = 0.0;
    QVector<QString> none;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const double t = units::inKgCo2e(results[i].total);
        none << QString();
        if (!(t > 0.0)) continue;
        keys << static_cast<double>(i + 1);
        values << t;
        smallest = std::min(smallest, t);
        largest = std::max(largest, t);
    }
    setSystemAxis(*plot.xAxis, none);
    plot.xAxis->setTickLabels(false);
    plot.xAxis->setTicks(false);
    plot.yAxis->setLabel(QStringLiteral("kg CO2e"));
    setValueAxis(*plot.yAxis, o.logAxis, smallest, largest);
    auto* marker = plot.addGraph(plot.xAxis, plot.yAxis);
    marker->setName(QStringLiteral("total"));
    marker->setLineStyle(QCPGraph::lsNone);
    const QColor ink = o.palette == Palette::Grey ? QColor(0, 0, 0) : paletteColour(o.palette, 4);
    marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, ink, ink, 5));
    marker->setData(keys, values, true);
    marker->removeFromLegend();

    // The shares: each block's percentage of its system's total, stacked to 100.
    y->setLabel(QStringLiteral("% of total"));
    y->setRange(0.0, 100.0);
    y->setSubTicks(false);
    y->grid()->setZeroLinePen(Qt::NoPen);
    QSharedPointer<QCPAxisTickerFixed> percent(new QCPAxisTickerFixed);
    percent->setTickStep(50.0);
    y->setTicker(percent);
    QCPBars* below = nullptr;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
        SegmentBars* bars = addSegments(x, y, blocks[bi], static_cast<int>(bi), o);
        QVector<double> k, v;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const double total = units::inKgCo2e(results[i].total);
            const double part = units::inKgCo2e(results[i].block(blocks[bi]));
            if (!(part > 0.0) || !(total > 0.0)) continue;
            k << static_cast<double>(i + 1);
            v << 100.0 * part / total;
        }
        bars->setData(k, v);
        if (below) bars->moveAbove(below);
        below = bars;
    }
    return x;
}

} // namespace

QRectF SegmentBars::segmentRect(int index) const {
    if (index < 0 || index >= mDataContainer->size()) return {};
    const auto it = mDataContainer->constBegin() + index;
    return getBarRect(it->key, it->value).normalized();
}

QPen SegmentBars::outlineAt(int index) const { return outlineFor(segmentRect(index)); }

QPen SegmentBars::outlineFor(const QRectF& rect) const {
    const QRectF r = rect.normalized();
    if (r.height() < kOutlineMinimumPoints || r.width() < kOutlineMinimumPoints) return Qt::NoPen;
    return QPen(kOutline, kOutlinePoints);
}

void SegmentBars::draw(QCPPainter* painter) {
    if (!mKeyAxis || !mValueAxis || mDataContainer->isEmpty()) return;
    QCPBarsDataContainer::const_iterator begin, end;
    getVisibleDataBounds(begin, end);
    applyDefaultAntialiasingHint(painter);
    for (auto it = begin; it != end; ++it) {
        const QRectF rect = getBarRect(it->key, it->value);
        painter->setBrush(mBrush);
        painter->setPen(outlineFor(rect));
        painter->drawPolygon(QPolygonF(rect));
    }
}

void drawFootprint(QCustomPlot& plot, const std::vector<Result>& results, const ChartOptions& o) {
    beginFigure(plot, o);
    const std::vector<Block> blocks = blocksShown(results);
    QVector<QString> labels;
    for (const auto& r : results) labels << QString::fromStdString(r.systemLabel.empty() ? r.systemId : r.systemLabel);
    QCPAxis* systems = plot.xAxis;
    if (o.bars == BarStyle::Share) systems = drawShares(plot, results, blocks, o);
    else drawStacked(plot, results, blocks, o);
    setSystemAxis(*systems, labels);
    endFigure(plot, o, !blocks.empty(), [systems, labels, o](QCustomPlot&) { fitSystemLabels(*systems, labels, o); });
}

std::string figureCsv(const std::vector<Result>& results) {
    std::string out = "system,block,kg_co2e\n";
    for (const auto& r : results)
        for (Block b : kAllBlocks) {
            const double v = units::inKgCo2e(r.block(b));
            if (v > 0) out += report::csvLine({r.systemId, std::string(blockId(b)), format::general(v, 10)});
        }
    return out;
}

} // namespace tinyfoot::charts
