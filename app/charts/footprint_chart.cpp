#include "footprint_chart.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>

namespace tinyfoot::charts {

double columnWidthInches(const QString& preset) {
    if (preset == QLatin1String("single")) return 3.5;
    if (preset == QLatin1String("double")) return 7.2;
    return 0.0;
}

QColor paletteColour(Palette palette, int index) {
    // Okabe & Ito (2008), Color Universal Design: orange, sky blue, bluish green, yellow, blue,
    // vermillion, reddish purple, black.
    static const QColor okabeIto[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73),
                                      QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                      QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x00, 0x00)};
    if (palette == Palette::OkabeIto) return okabeIto[index % 8];
    const int level = 40 + (index * 47) % 200;
    return QColor(level, level, level);
}

void drawFootprint(QCustomPlot& plot, const std::vector<Result>& results, const ChartOptions& o) {
    plot.clearPlottables();
    plot.clearItems();
    // A title from an earlier drawing sits in a row above the axis rect: remove it.
    if (plot.plotLayout()->rowCount() > 1) {
        plot.plotLayout()->removeAt(plot.plotLayout()->rowColToIndex(0, 0));
        plot.plotLayout()->simplify();
    }
    // The legend goes to the right of the plot, not over the bars.
    if (plot.legend->layout() == plot.axisRect()->insetLayout()) {
        plot.axisRect()->insetLayout()->take(plot.legend);
        plot.axisRect()->insetLayout()->simplify();
        // A side column: the legend on top, an empty element below taking the spare height.
        auto* side = new QCPLayoutGrid;
        plot.plotLayout()->addElement(0, 1, side);
        plot.plotLayout()->setColumnStretchFactor(1, 0.001);
        side->addElement(0, 0, plot.legend);
        side->addElement(1, 0, new QCPLayoutElement(&plot));
        side->setRowStretchFactor(0, 0.001);
        plot.legend->setMargins(QMargins(4, 2, 4, 2));
    }
    // Figures are laid out at their physical size with one pixel per point (exportFigure), so a
    // font of N pixels is N points on paper whatever the output device's resolution.
    QFont base(o.fontFamily);
    base.setPixelSize(std::max(1, static_cast<int>(std::lround(o.fontPoints))));
    plot.setFont(base);
    plot.xAxis->setTickLabelFont(base);
    plot.yAxis->setTickLabelFont(base);
    plot.yAxis->setLabelFont(base);
    plot.legend->setFont(base);

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
    if (o.logAxis) {
        plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        plot.yAxis->setNumberFormat(QStringLiteral("gb"));
        plot.yAxis->setNumberPrecision(0);
        const double floor = std::pow(10.0, std::floor(std::log10(std::max(smallest, largest * 1e-4))));
        plot.yAxis->setRange(floor, std::pow(10.0, std::ceil(std::log10(largest * 1.2))));
    } else {
        plot.yAxis->setScaleType(QCPAxis::stLinear);
        plot.yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        plot.yAxis->setNumberFormat(QStringLiteral("g"));
        plot.yAxis->setNumberPrecision(3);
        plot.yAxis->setRange(0, largest * 1.1);
    }
    const double floor = o.logAxis ? plot.yAxis->range().lower : 0.0;

    QCPBars* below = nullptr;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
        auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(QString::fromStdString(std::string(blockName(blocks[bi]))));
        bars->setWidth(0.6);
        const QColor c = paletteColour(o.palette, static_cast<int>(bi));
        QBrush brush(c);
        if (o.palette == Palette::Grey && bi % 3 == 1) brush.setStyle(Qt::BDiagPattern);
        if (o.palette == Palette::Grey && bi % 3 == 2) brush.setStyle(Qt::Dense4Pattern);
        if (o.palette == Palette::OkabeIto && bi >= 8) brush.setStyle(Qt::BDiagPattern);
        bars->setBrush(brush);
        bars->setPen(QPen(QColor(40, 40, 40), 0.5));
        bars->setBaseValue(floor);
        QVector<double> keys, values;
        for (std::size_t i = 0; i < results.size(); ++i) {
            keys << static_cast<double>(i + 1);
            values << units::inKgCo2e(results[i].block(blocks[bi]));
        }
        bars->setData(keys, values);
        if (below) bars->moveAbove(below);
        below = bars;
    }
    plot.legend->setVisible(o.legend && !blocks.empty());
    plot.legend->setIconSize(8, 6);
    plot.legend->setRowSpacing(0);
    if (o.title) {
        plot.plotLayout()->insertRow(0);
        QFont titleFont = base;
        titleFont.setPixelSize(std::max(1, static_cast<int>(std::lround(o.fontPoints + 1))));
        titleFont.setBold(true);
        plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, o.titleText, titleFont));
        plot.plotLayout()->setRowStretchFactor(0, 0.001);
    }
    plot.replot();
}

std::string figureCsv(const std::vector<Result>& results) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s.precision(10);
    s << "system,block,kg_co2e\n";
    for (const auto& r : results)
        for (Block b : kAllBlocks) {
            const double v = units::inKgCo2e(r.block(b));
            if (v > 0) s << r.systemId << "," << blockId(b) << "," << v << "\n";
        }
    return s.str();
}

QString exportFigure(QCustomPlot& plot, const QString& path, const ExportOptions& o) {
    const QString ext = QFileInfo(path).suffix().toLower();
    // One point per logical pixel: the figure is laid out at its physical size in points.
    const int w = static_cast<int>(std::lround(o.widthInches * 72.0));
    const int h = static_cast<int>(std::lround(o.heightInches * 72.0));
    if (w < 36 || h < 36) return QStringLiteral("the figure must be at least 0.5 in wide and high");
    if (ext == QLatin1String("pdf")) {
        if (!plot.savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("TinyFoot"), QStringLiteral("TinyFoot figure")))
            return QStringLiteral("cannot write ") + path;
        return {};
    }
    if (ext == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setResolution(72);
        svg.setTitle(QStringLiteral("TinyFoot figure"));
        QCPPainter painter;
        if (!painter.begin(&svg)) return QStringLiteral("cannot write ") + path;
        plot.toPainter(&painter, w, h);
        painter.end();
        return {};
    }
    if (ext == QLatin1String("png")) {
        if (o.dpi < 36 || o.dpi > 2400) return QStringLiteral("the DPI must be between 36 and 2400");
        if (!plot.savePng(path, w, h, o.dpi / 72.0, -1, o.dpi, QCP::ruDotsPerInch))
            return QStringLiteral("cannot write ") + path;
        return {};
    }
    return QStringLiteral("unknown figure format '") + ext + QStringLiteral("' (pdf, svg or png)");
}

} // namespace tinyfoot::charts
