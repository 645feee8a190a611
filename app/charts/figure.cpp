#include "figure.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

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

QBrush paletteBrush(Palette palette, int index) {
    QBrush brush(paletteColour(palette, index));
    if (palette == Palette::Grey && index % 3 == 1) brush.setStyle(Qt::BDiagPattern);
    if (palette == Palette::Grey && index % 3 == 2) brush.setStyle(Qt::Dense4Pattern);
    if (palette == Palette::OkabeIto && index >= 8) brush.setStyle(Qt::BDiagPattern);
    return brush;
}

void beginFigure(QCustomPlot& plot, const ChartOptions& o) {
    plot.clearPlottables();
    plot.clearItems();
    // A title from an earlier drawing sits in a row above the axis rect: remove it.
    if (plot.plotLayout()->rowCount() > 1) {
        plot.plotLayout()->removeAt(plot.plotLayout()->rowColToIndex(0, 0));
        plot.plotLayout()->simplify();
    }
    // The legend goes to the right of the plot, not over the data.
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
    QFont base(o.fontFamily);
    base.setPixelSize(std::max(1, static_cast<int>(std::lround(o.fontPoints))));
    plot.setFont(base);
    for (QCPAxis* axis : {plot.xAxis, plot.yAxis}) {
        axis->setTickLabelFont(base);
        axis->setLabelFont(base);
        axis->setLabel({});
        axis->setTickLabelRotation(0);
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setNumberFormat(QStringLiteral("g"));
        axis->setNumberPrecision(3);
        axis->grid()->setVisible(true);
        // Ticks outside the axis rect, as journals draw them: inside, they cut into bars and
        // crowd the log axis' sub-ticks against the data.
        axis->setTickLength(0, 4);
        axis->setSubTickLength(0, 2);
    }
    plot.legend->setFont(base);
}

QString wrapText(const QString& text, const QFont& font, int width) {
    const QFontMetricsF metrics(font);
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
            lines << line;
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty()) lines << line;
    return lines.join(QLatin1Char('\n'));
}

void endFigure(QCustomPlot& plot, const ChartOptions& o, bool hasLegend) {
    plot.legend->setVisible(o.legend && hasLegend);
    plot.legend->setIconSize(8, 6);
    plot.legend->setRowSpacing(0);
    if (o.title) {
        plot.plotLayout()->insertRow(0);
        QFont titleFont(o.fontFamily);
        titleFont.setPixelSize(std::max(1, static_cast<int>(std::lround(o.fontPoints + 1))));
        titleFont.setBold(true);
        // The title shares its column with the axis rect: wrapped to the width that leaves the
        // legend beside it, a long title neither pushes the legend out of the figure nor is cut.
        int width = plot.width() - 8; // the figure's size: a hidden plot's viewport is not updated
        if (plot.legend->visible() && plot.legend->layout() != plot.axisRect()->insetLayout())
            width -= plot.legend->minimumOuterSizeHint().width();
        plot.plotLayout()->addElement(0, 0,
                                      new QCPTextElement(&plot, wrapText(o.titleText, titleFont, width), titleFont));
        plot.plotLayout()->setRowStretchFactor(0, 0.001);
    }
    plot.replot();
}

void setValueAxis(QCPAxis& axis, bool logarithmic, double smallest, double largest, double lowest) {
    if (!(largest > 0)) largest = 1.0;
    if (!(smallest > 0) || smallest > largest) smallest = largest;
    if (logarithmic) {
        axis.setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        axis.setTicker(ticker);
        axis.setNumberFormat(QStringLiteral("gb"));
        axis.setNumberPrecision(0);
        // Down to the decade below the smallest value, but never more than four decades below the
        // largest, so that a tiny value does not flatten the rest.
        const double floor = std::pow(10.0, std::floor(std::log10(std::max(smallest, largest * 1e-4))));
        const double ceiling = std::pow(10.0, std::ceil(std::log10(largest * 1.2)));
        axis.setRange(floor, ceiling);
        // Over more than three decades the eight sub-ticks of each merge into a solid bar.
        if (std::log10(ceiling / floor) > 3.5) ticker->setSubTickCount(0);
    } else {
        axis.setScaleType(QCPAxis::stLinear);
        axis.setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis.setNumberFormat(QStringLiteral("g"));
        axis.setNumberPrecision(3);
        const double low = std::min(0.0, lowest);
        axis.setRange(low * 1.1, largest * 1.1);
    }
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
