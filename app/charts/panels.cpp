#include "panels.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

namespace tinyfoot::charts {

std::optional<PanelLayout> panelLayoutNamed(std::string_view text) {
    if (text.size() != 3 || (text[1] != 'x' && text[1] != 'X')) return std::nullopt;
    const auto digit = [](char c) { return c >= '1' && c <= '9' ? std::optional<int>(c - '0') : std::nullopt; };
    const auto columns = digit(text[0]);
    const auto rows = digit(text[2]);
    if (!columns || !rows) return std::nullopt;
    return PanelLayout{*columns, *rows};
}

PanelLayout defaultPanelLayout(int count) { return PanelLayout{std::max(count, 1), 1}; }

QString panelLabel(int index) {
    return QStringLiteral("(") + QChar(static_cast<char16_t>(u'a' + index)) + QStringLiteral(")");
}

namespace {

/// The names of the series the legend of `plot` shows (none when it is hidden).
std::set<QString> legendNames(QCustomPlot& plot) {
    std::set<QString> names;
    if (!plot.legend || !plot.legend->visible()) return names;
    for (int i = 0; i < plot.legend->itemCount(); ++i)
        if (auto* item = dynamic_cast<QCPPlottableLegendItem*>(plot.legend->item(i)))
            names.insert(item->plottable()->name());
    return names;
}

struct PanelPlot {
    std::unique_ptr<QCustomPlot> plot;
    QRect cell;
};

/// Draws every panel on its own plot at its cell's size; a legend of series an earlier panel's
/// legend shows is left out.
std::vector<PanelPlot> drawPanels(const std::vector<Figure>& figures, PanelLayout layout, const ChartOptions& options,
                                  int width, int height) {
    std::vector<PanelPlot> panels;
    std::set<QString> shown;
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const int column = static_cast<int>(i) % layout.columns;
        const int row = static_cast<int>(i) / layout.columns;
        // Cells split the page exactly: the last column and row take the rounding.
        const int x0 = width * column / layout.columns;
        const int x1 = width * (column + 1) / layout.columns;
        const int y0 = height * row / layout.rows;
        const int y1 = height * (row + 1) / layout.rows;
        PanelPlot p{std::make_unique<QCustomPlot>(), QRect(x0, y0, x1 - x0, y1 - y0)};
        p.plot->resize(p.cell.size());
        ChartOptions o = options;
        const QString label = panelLabel(static_cast<int>(i));
        o.title = true;
        o.titleText = options.title ? label + QStringLiteral(" ") + figures[i].title : label;
        figures[i].draw(*p.plot, o);
        const std::set<QString> names = legendNames(*p.plot);
        if (!names.empty() && std::includes(shown.begin(), shown.end(), names.begin(), names.end())) {
            o.legend = false;
            figures[i].draw(*p.plot, o);
        }
        shown.insert(names.begin(), names.end());
        panels.push_back(std::move(p));
    }
    return panels;
}

void paintPanels(QCPPainter& painter, std::vector<PanelPlot>& panels) {
    for (auto& p : panels) {
        painter.save();
        painter.translate(p.cell.topLeft());
        p.plot->toPainter(&painter, p.cell.width(), p.cell.height());
        painter.restore();
    }
}

} // namespace

QString exportPanels(const std::vector<Figure>& figures, PanelLayout layout, const ChartOptions& options,
                     const QString& path, const ExportOptions& e) {
    if (figures.empty()) return QStringLiteral("no panels to draw");
    if (static_cast<int>(figures.size()) > layout.columns * layout.rows)
        return QStringLiteral("a %1x%2 layout holds %3 panels, not %4")
            .arg(layout.columns)
            .arg(layout.rows)
            .arg(layout.columns * layout.rows)
            .arg(figures.size());
    if (figures.size() > 26) return QStringLiteral("at most 26 panels, (a) to (z)");
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext != QLatin1String("pdf") && ext != QLatin1String("svg") && ext != QLatin1String("png"))
        return QStringLiteral("unknown figure format '") + ext + QStringLiteral("' (pdf, svg or png)");
    // One point per logical pixel, as for a figure of its own (exportFigure).
    const int w = static_cast<int>(std::lround(e.widthInches * 72.0));
    const int h = static_cast<int>(std::lround(e.heightInches * 72.0));
    if (w < 36 || h < 36) return QStringLiteral("the figure must be at least 0.5 in wide and high");
    std::vector<PanelPlot> panels = drawPanels(figures, layout, options, w, h);

    if (ext == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(72);
        writer.setCreator(QStringLiteral("TinyFoot"));
        writer.setTitle(QStringLiteral("TinyFoot figure"));
        QCPPainter painter;
        if (!painter.begin(&writer)) return QStringLiteral("cannot write ") + path;
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNonCosmetic);
        painter.setWindow(0, 0, w, h);
        paintPanels(painter, panels);
        painter.end();
        return {};
    }
    if (ext == QLatin1String("svg"))
        return writeSvg(path, w, h, [&](QCPPainter& painter) {
            painter.setMode(QCPPainter::pmVectorized);
            paintPanels(painter, panels);
        });
    if (e.dpi < 36 || e.dpi > 2400) return QStringLiteral("the DPI must be between 36 and 2400");
    const double scale = e.dpi / 72.0;
    QImage image(static_cast<int>(std::lround(w * scale)), static_cast<int>(std::lround(h * scale)),
                 QImage::Format_ARGB32);
    image.setDotsPerMeterX(static_cast<int>(std::lround(e.dpi / 0.0254)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(e.dpi / 0.0254)));
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setMode(QCPPainter::pmNonCosmetic);
        painter.scale(scale, scale);
        paintPanels(painter, panels);
    }
    if (!image.save(path, "PNG")) return QStringLiteral("cannot write ") + path;
    return {};
}

} // namespace tinyfoot::charts
