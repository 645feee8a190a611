#include "footprint_chart.h"

#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/csv.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace tinyfoot::charts {

void drawFootprint(QCustomPlot& plot, const std::vector<Result>& results, const ChartOptions& o) {
    beginFigure(plot, o);

    // Blocks in the paper's order, those with a value in any system.
    std::vector<Block> blocks;
    for (Block b : kAllBlocks)
        for (const auto& r : results)
            if (units::inKgCo2e(r.block(b)) > 0.0) {
                blocks.push_back(b);
                break;
            }
    QVector<double> ticks;
    QVector<QString> labels;
    for (std::size_t i = 0; i < results.size(); ++i) {
        ticks << static_cast<double>(i + 1);
        labels << QString::fromStdString(results[i].systemId);
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(ticks, labels);
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setTickLabelRotation(results.size() > 4 ? -40 : 0);
    plot.xAxis->setRange(0.4, static_cast<double>(results.size()) + 0.6);
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->setLabel(QStringLiteral("kg CO2e"));

    // On a log axis, bars stack from a floor below the smallest visible value.
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
    // On a log axis, bars stack from the axis' floor.
    const double floor = o.logAxis ? plot.yAxis->range().lower : 0.0;

    QCPBars* below = nullptr;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
        auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(QString::fromStdString(std::string(blockName(blocks[bi]))));
        bars->setWidth(0.6);
        bars->setBrush(paletteBrush(o.palette, static_cast<int>(bi)));
        bars->setPen(QPen(QColor(40, 40, 40), 0.5));
        bars->setBaseValue(floor);
        QVector<double> keys, values;
        for (std::size_t i = 0; i < results.size(); ++i) {
            // A block a system does not have gets no bar: an empty one would be drawn as a line.
            const double v = units::inKgCo2e(results[i].block(blocks[bi]));
            if (!(v > 0.0)) continue;
            keys << static_cast<double>(i + 1);
            values << v;
        }
        bars->setData(keys, values);
        if (below) bars->moveAbove(below);
        below = bars;
    }
    endFigure(plot, o, !blocks.empty());
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
