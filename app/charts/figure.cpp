#include "figure.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <limits>

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
    // The palette's black fills as a mid grey: a black segment reads as an outline.
    if (palette == Palette::OkabeIto && index % 8 == 7) brush.setColor(QColor(0x99, 0x99, 0x99));
    if (palette == Palette::Grey && index % 3 == 1) brush.setStyle(Qt::BDiagPattern);
    if (palette == Palette::Grey && index % 3 == 2) brush.setStyle(Qt::Dense4Pattern);
    if (palette == Palette::OkabeIto && index >= 8) brush.setStyle(Qt::BDiagPattern);
    return brush;
}

namespace {

/// The dynamic property of a plot that holds its LegendPlace.
constexpr char kLegendPlace[] = "tinyfootLegendPlace";

void setLegendPlace(QCustomPlot& plot, LegendPlace place) { plot.setProperty(kLegendPlace, static_cast<int>(place)); }

/// Decades as tick labels: numbers ("0.01" ... "1000"), or powers of ten with their exponent
/// in superscript digits ("10⁹", "10⁻³") so that it sits against its base in every output.
class DecadeTicker : public QCPAxisTickerLog {
public:
    explicit DecadeTicker(bool powers) : m_powers(powers) {}

protected:
    QString getTickLabel(double tick, const QLocale&, QChar, int) override {
        if (!m_powers) return QString::number(tick, 'g', 6);
        static const char16_t digits[] = u"\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
        // A tick between powers of ten (a range within one or two decades) is m x 10^e, not
        // rounded to the nearest power.
        const long exponent = std::lround(std::floor(std::log10(tick) + 1e-9));
        const double mantissa = tick / std::pow(10.0, static_cast<double>(exponent));
        QString power;
        for (const QChar c : QString::number(std::labs(exponent))) power += QChar(digits[c.digitValue()]);
        if (exponent < 0) power.prepend(QChar(u'\u207B'));
        if (std::fabs(mantissa - 1.0) < 1e-6) return QStringLiteral("10") + power;
        return QString::number(mantissa, 'g', 3) + QChar(u'\u00D7') + QStringLiteral("10") + power;
    }

private:
    bool m_powers;
};

/// The rectangles of the figure's data: its axis rects.
QList<QCPAxisRect*> dataRects(QCustomPlot& plot) { return plot.axisRects(); }

/// Takes the legend out of the layout element that holds it, and deletes the side column or
/// legend row beginFigure or placeBelow made for it.
void detachLegend(QCustomPlot& plot) {
    QCPLayout* holder = plot.legend->layout();
    if (!holder) return;
    holder->take(plot.legend);
    if (holder == plot.axisRect()->insetLayout()) {
        holder->simplify();
        return;
    }
    plot.plotLayout()->remove(holder); // the side column or legend row, with its spacers
    plot.plotLayout()->simplify();
}

/// The number of legend columns, filled across, that fit `width` pixels (at least one).
int legendColumns(QCPLegend& legend, int width) {
    const int n = legend.itemCount();
    for (int columns = n; columns > 1; --columns) {
        int total = legend.margins().left() + legend.margins().right() + (columns - 1) * legend.columnSpacing();
        for (int c = 0; c < columns; ++c) {
            int widest = 0;
            for (int i = c; i < n; i += columns)
                widest = std::max(widest, legend.item(i)->minimumOuterSizeHint().width());
            total += widest;
        }
        if (total <= width) return columns;
    }
    return 1;
}

/// The legend in a row below everything else, centred, in as many columns as fit.
void placeBelow(QCustomPlot& plot) {
    const int columns = legendColumns(*plot.legend, plot.width() - 8);
    plot.legend->setWrap(columns);
    plot.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    auto* row = new QCPLayoutGrid;
    const int at = plot.plotLayout()->rowCount();
    plot.plotLayout()->addElement(at, 0, row);
    plot.plotLayout()->setRowStretchFactor(at, 0.001);
    row->addElement(0, 0, new QCPLayoutElement(&plot));
    row->addElement(0, 1, plot.legend);
    row->addElement(0, 2, new QCPLayoutElement(&plot));
    row->setColumnStretchFactor(1, 0.001);
    plot.legend->setBorderPen(Qt::NoPen); // under the plot, a frame would only add a line
    setLegendPlace(plot, LegendPlace::Below);
}

/// The legend inside the axis rect, in the first corner (top right, top left, bottom right,
/// bottom left) where it covers no data; false (the legend not placed) when there is none.
bool placeInside(QCustomPlot& plot, const std::function<void(QCustomPlot&)>& fitAxes) {
    if (plot.axisRectCount() != 1) return false;
    QCPLayoutInset* inset = plot.axisRect()->insetLayout();
    inset->setMargins(QMargins(5, 5, 5, 5));
    inset->addElement(plot.legend, Qt::AlignTop | Qt::AlignRight);
    plot.replot();
    if (fitAxes) {
        fitAxes(plot);
        plot.replot();
    }
    const QRect rect = inset->rect();
    const QSize size = plot.legend->minimumOuterSizeHint();
    if (size.width() <= rect.width() && size.height() <= rect.height()) {
        const Qt::Alignment corners[] = {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                         Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft};
        for (Qt::Alignment corner : corners) {
            const double x = (corner & Qt::AlignLeft) ? rect.left() : rect.right() - size.width();
            const double y = (corner & Qt::AlignTop) ? rect.top() : rect.bottom() - size.height();
            // A point of margin around the legend: it should not touch the data either.
            const QRectF area = QRectF(QPointF(x, y), QSizeF(size)).adjusted(-1, -1, 1, 1);
            if (coverage(plot, area).data > 0.0) continue;
            for (int i = 0; i < inset->elementCount(); ++i)
                if (inset->elementAt(i) == plot.legend) inset->setInsetAlignment(i, corner);
            setLegendPlace(plot, LegendPlace::Inside);
            return true;
        }
    }
    detachLegend(plot);
    return false;
}

/// The base of a stacked bar at `key`: the lowest bar's base value plus the values below.
double stackedBase(const QCPBars& bars, double key) {
    const QCPBars* lowest = &bars;
    double below = 0.0;
    for (const QCPBars* b = bars.barBelow(); b; b = b->barBelow()) {
        lowest = b;
        const auto it = b->data()->findBegin(key, false);
        if (it != b->data()->constEnd() && it->key == key) below += it->value;
    }
    return lowest->baseValue() + below;
}

} // namespace

void beginFigure(QCustomPlot& plot, const ChartOptions& o) {
    plot.clearPlottables();
    plot.clearItems();
    // Back to a figure of one axis rect: the legend taken out of wherever an earlier drawing put
    // it, every other element of the layout (a title, the legend's column or row, a second axis
    // rect with its axes) deleted.
    QCPAxisRect* main = plot.xAxis->axisRect();
    if (plot.legend->layout()) plot.legend->layout()->take(plot.legend);
    main->insetLayout()->simplify();
    if (main->layout()) main->layout()->take(main);
    for (auto* group : plot.findChildren<QCPMarginGroup*>(Qt::FindDirectChildrenOnly)) delete group;
    plot.plotLayout()->clear();
    plot.plotLayout()->simplify();
    plot.plotLayout()->addElement(0, 0, main);
    // A hidden widget (the command line, an export) has been resized without a resize event:
    // lay the figure out at the widget's size.
    if (plot.viewport() != plot.rect()) plot.setViewport(plot.rect());
    // The legend starts beside the plot, on top of a side column; endFigure moves it when the
    // plot would be left too narrow.
    auto* side = new QCPLayoutGrid;
    plot.plotLayout()->addElement(0, 1, side);
    plot.plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, plot.legend);
    side->addElement(1, 0, new QCPLayoutElement(&plot));
    side->setRowStretchFactor(0, 0.001);
    plot.legend->setMargins(QMargins(4, 2, 4, 2));
    plot.legend->setBorderPen(QPen(QColor(80, 80, 80), 0.5));
    plot.legend->setWrap(0);
    plot.legend->setFillOrder(QCPLayoutGrid::foRowsFirst, false);
    setLegendPlace(plot, LegendPlace::Right);
    main->setMinimumMargins(QMargins());
    const QFont base = figureFont(o, o.fontPoints);
    plot.setFont(base);
    styleAxis(*plot.xAxis, o);
    styleAxis(*plot.yAxis, o);
    plot.legend->setFont(base);
}

void styleAxis(QCPAxis& axis, const ChartOptions& o) {
    const QFont base = figureFont(o, o.fontPoints);
    axis.setTickLabelFont(base);
    axis.setLabelFont(base);
    axis.setLabel({});
    axis.setTickLabels(true);
    axis.setTickLabelRotation(0);
    axis.setScaleType(QCPAxis::stLinear);
    axis.setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis.setNumberFormat(QStringLiteral("g"));
    axis.setNumberPrecision(3);
    axis.grid()->setVisible(true);
    // Ticks outside the axis rect, as journals draw them: inside, they cut into bars and crowd
    // the log axis' sub-ticks against the data.
    axis.setTickLength(0, 4);
    axis.setSubTickLength(0, 2);
}

QFont figureFont(const ChartOptions& o, double points) {
    QFont font(o.fontFamily);
    font.setPixelSize(static_cast<int>(std::lround(std::max({kMinimumFontPoints, o.minimumFontPoints, points}))));
    return font;
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

namespace {

/// Fewer decades labelled on a log axis whose tick labels would touch (a short plot at a large
/// font): every second (or fifth ...) decade, without sub-ticks, which would fall between decades
/// linearly. Measured after a replot at the figure's size (one pixel per point). Returns whether
/// an axis changed (then it has replotted).
bool fitDecadeLabels(QCustomPlot& plot) {
    bool changed = false;
    for (QCPAxisRect* rect : plot.axisRects())
        for (QCPAxis* axis : rect->axes()) {
            if (!axis->visible() || !axis->tickLabels() || axis->scaleType() != QCPAxis::stLogarithmic) continue;
            const QFontMetricsF metrics(axis->tickLabelFont());
            const double decades = std::log10(axis->range().upper / axis->range().lower);
            if (!(decades > 1.0)) continue;
            const double perDecade =
                std::fabs(axis->coordToPixel(axis->range().upper) - axis->coordToPixel(axis->range().lower)) / decades;
            for (int round = 0; round < 6; ++round) {
                const QVector<double> ticks = axis->tickVector();
                if (ticks.size() < 3) break;
                double gap = std::numeric_limits<double>::max();
                for (qsizetype i = 1; i < ticks.size(); ++i)
                    gap = std::min(gap, std::fabs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1])));
                double room = metrics.height() + 1.0;
                if (axis->orientation() == Qt::Horizontal) {
                    double widest = 0.0;
                    for (const QString& l : axis->tickVectorLabels())
                        widest = std::max(widest, metrics.horizontalAdvance(l));
                    room = widest + metrics.horizontalAdvance(QLatin1Char('0'));
                }
                if (gap >= room) break;
                // QCPAxisTickerLog steps by decades / tickCount decades, rounded to 1, 2, 2.5 or 5.
                const double step = std::ceil(room / perDecade) + round;
                axis->ticker()->setTickCount(std::max(1, static_cast<int>(std::floor(decades / step))));
                if (auto log = axis->ticker().dynamicCast<QCPAxisTickerLog>()) log->setSubTickCount(0);
                plot.replot();
                changed = true;
            }
        }
    return changed;
}

} // namespace

void endFigure(QCustomPlot& plot, const ChartOptions& o, bool hasLegend,
               const std::function<void(QCustomPlot&)>& fitAxes) {
    plot.legend->setVisible(o.legend && hasLegend);
    plot.legend->setIconSize(8, 6);
    plot.legend->setRowSpacing(0);
    plot.legend->setColumnSpacing(6);
    const bool beside = plot.legend->layout() && plot.legend->layout() != plot.axisRect()->insetLayout();
    if (!plot.legend->visible()) {
        detachLegend(plot);
        setLegendPlace(plot, LegendPlace::None);
    } else if (beside) {
        // Beside the plot while the plot keeps its share of the width; the title does not change
        // widths, so it is added after this measure.
        if (o.legendPlacement == LegendPlacement::Auto) {
            plot.replot();
            if (plotArea(plot).width() < kMinimumPlotWidthShare * plot.width()) detachLegend(plot);
        } else if (o.legendPlacement != LegendPlacement::Right) {
            detachLegend(plot);
        }
    } else {
        setLegendPlace(plot, LegendPlace::Inside); // a study figure places its own legend inside
    }
    if (o.title) {
        plot.plotLayout()->insertRow(0);
        QFont titleFont = figureFont(o, o.fontPoints + 1);
        titleFont.setBold(true);
        // The title shares its column with the axis rect: wrapped to the width that leaves the
        // legend beside it, a long title neither pushes the legend out of the figure nor is cut.
        int width = plot.width() - 8; // the figure's size: a hidden plot's viewport is not updated
        if (plot.legend->visible() && plot.legend->layout() && plot.legend->layout() != plot.axisRect()->insetLayout())
            width -= plot.legend->minimumOuterSizeHint().width();
        plot.plotLayout()->addElement(0, 0,
                                      new QCPTextElement(&plot, wrapText(o.titleText, titleFont, width), titleFont));
        plot.plotLayout()->setRowStretchFactor(0, 0.001);
    }
    if (plot.legend->visible() && !plot.legend->layout() &&
        (o.legendPlacement == LegendPlacement::Below || !placeInside(plot, fitAxes)))
        placeBelow(plot);
    plot.replot();
    if (fitAxes) {
        fitAxes(plot);
        plot.replot();
    }
    if (fitDecadeLabels(plot) && fitAxes) {
        fitAxes(plot);
        plot.replot();
    }
}

LegendPlace legendPlace(QCustomPlot& plot) {
    const QVariant v = plot.property(kLegendPlace);
    return v.isValid() ? static_cast<LegendPlace>(v.toInt()) : LegendPlace::None;
}

QRectF plotArea(QCustomPlot& plot) {
    QRectF area;
    for (QCPAxisRect* rect : dataRects(plot)) area = area.isNull() ? QRectF(rect->rect()) : area.united(rect->rect());
    return area;
}

Coverage coverage(QCustomPlot& plot, const QRectF& area) {
    Coverage c;
    const auto along = [&](const QPointF& a, const QPointF& b, double& into) {
        for (int k = 0; k <= 20; ++k)
            if (area.contains(a + (b - a) * (k / 20.0))) into += 1.0;
    };
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot.plottable(i);
        if (auto* bars = qobject_cast<QCPBars*>(p)) {
            const double half = bars->width() / 2.0;
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
                // A bar spans its (stacked) base to base + value.
                const double base = stackedBase(*bars, it->key);
                const QRectF bar(bars->coordsToPixels(it->key - half, base),
                                 bars->coordsToPixels(it->key + half, base + it->value));
                const QRectF under = bar.normalized().intersected(area);
                c.data += under.width() * under.height();
            }
        } else if (auto* graph = qobject_cast<QCPGraph*>(p)) {
            QPointF previous;
            bool first = true;
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                const QPointF point = graph->coordsToPixels(it->key, it->value);
                if (area.adjusted(-3, -3, 3, 3).contains(point)) c.data += 20.0;
                if (!first && graph->lineStyle() != QCPGraph::lsNone) along(previous, point, c.data);
                previous = point;
                first = false;
            }
        } else if (auto* errors = qobject_cast<QCPErrorBars*>(p)) {
            QCPPlottableInterface1D* points =
                errors->dataPlottable() ? errors->dataPlottable()->interface1D() : nullptr;
            for (int k = 0; points && k < errors->dataCount() && k < points->dataCount(); ++k) {
                const double key = points->dataMainKey(k), value = points->dataMainValue(k);
                const QCPErrorBarsData e = errors->data()->at(k);
                along(errors->coordsToPixels(key, value - e.errorMinus),
                      errors->coordsToPixels(key, value + e.errorPlus), c.data);
            }
        } else if (auto* curve = qobject_cast<QCPCurve*>(p)) {
            QPointF previous;
            bool first = true;
            for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
                const QPointF point = curve->coordsToPixels(it->key, it->value);
                if (!first) along(previous, point, c.reference);
                previous = point;
                first = false;
            }
        }
    }
    return c;
}

void setValueAxis(QCPAxis& axis, bool logarithmic, double smallest, double largest, double lowest) {
    if (!(largest > 0)) largest = 1.0;
    if (!(smallest > 0) || smallest > largest) smallest = largest;
    if (logarithmic) {
        axis.setScaleType(QCPAxis::stLogarithmic);
        // Down to the decade below the smallest value, but never more than four decades below the
        // largest, so that a tiny value does not flatten the rest.
        double floor = std::pow(10.0, std::floor(std::log10(std::max(smallest, largest * 1e-4))));
        double ceiling = std::pow(10.0, std::ceil(std::log10(largest * 1.2)));
        // Data within one decade (a Monte Carlo of one impact category, say) would fill a tenth
        // of the height over a whole decade: the axis runs from the 1-2-5 step below the
        // smallest value to the one above the largest instead.
        if (ceiling <= floor * 10.0 * (1.0 + 1e-9)) {
            const auto step = [](double x, bool up) {
                const double decade = std::pow(10.0, std::floor(std::log10(x)));
                const double m = x / decade;
                if (up) return decade * (m <= 1.0 ? 1.0 : m <= 2.0 ? 2.0 : m <= 5.0 ? 5.0 : 10.0);
                return decade * (m >= 5.0 ? 5.0 : m >= 2.0 ? 2.0 : 1.0);
            };
            floor = step(smallest, false);
            ceiling = std::max(step(largest * 1.2, true), floor * 2.0);
        }
        QSharedPointer<QCPAxisTickerLog> ticker(new DecadeTicker(floor < 0.01 * 0.999 || ceiling > 1000 * 1.001));
        axis.setTicker(ticker);
        axis.setNumberFormat(QStringLiteral("g"));
        axis.setNumberPrecision(6);
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
    if (ext == QLatin1String("svg"))
        return writeSvg(path, w, h, [&](QCPPainter& painter) { plot.toPainter(&painter, w, h); });
    if (ext == QLatin1String("png")) {
        if (o.dpi < 36 || o.dpi > 2400) return QStringLiteral("the DPI must be between 36 and 2400");
        if (!plot.savePng(path, w, h, o.dpi / 72.0, -1, o.dpi, QCP::ruDotsPerInch))
            return QStringLiteral("cannot write ") + path;
        return {};
    }
    return QStringLiteral("unknown figure format '") + ext + QStringLiteral("' (pdf, svg or png)");
}

QString writeSvg(const QString& path, int width, int height, const std::function<void(QCPPainter&)>& paint) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setResolution(72);
    svg.setTitle(QStringLiteral("TinyFoot figure"));
    QCPPainter painter;
    if (!painter.begin(&svg)) return QStringLiteral("cannot write ") + path;
    paint(painter);
    painter.end();
    return {};
}

} // namespace tinyfoot::charts
