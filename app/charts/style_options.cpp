#include "style_options.h"

#include <algorithm>

namespace tinyfoot::charts {

bool applyStyle(const app::FigureStyle& style, const std::string& column, ChartOptions& chart, ExportOptions& out) {
    const app::StyleColumn* c = column.empty() ? &style.columns.front() : style.column(column);
    if (!c) return false;
    out.widthInches = c->width.inches();
    if (style.height) out.heightInches = style.height->inches();
    if (style.fontFamily) chart.fontFamily = QString::fromStdString(*style.fontFamily);
    if (style.minimumFontPoints) chart.minimumFontPoints = std::max(kMinimumFontPoints, *style.minimumFontPoints);
    if (style.fontPoints) chart.fontPoints = *style.fontPoints;
    if (style.palette) chart.palette = *style.palette == "grey" ? Palette::Grey : Palette::OkabeIto;
    if (style.legend) {
        chart.legend = *style.legend != "none";
        if (*style.legend == "right") chart.legendPlacement = LegendPlacement::Right;
        else if (*style.legend == "inside") chart.legendPlacement = LegendPlacement::Inside;
        else if (*style.legend == "below") chart.legendPlacement = LegendPlacement::Below;
        else chart.legendPlacement = LegendPlacement::Auto;
    }
    if (style.barStyle) {
        chart.bars = *style.barStyle == "share" ? BarStyle::Share : BarStyle::Stacked;
        if (*style.barStyle == "linear-stacked") chart.logAxis = false;
        if (*style.barStyle == "log-stacked") chart.logAxis = true;
    }
    if (style.title) chart.title = *style.title;
    return true;
}

app::FigureStyle styleOf(const ChartOptions& chart, const ExportOptions& out, const std::string& id,
                         const std::string& name) {
    app::FigureStyle s;
    s.id = id;
    s.name = name;
    s.columns.push_back({"single", {out.widthInches, "in"}});
    s.height = app::StyleLength{out.heightInches, "in"};
    s.fontFamily = chart.fontFamily.toStdString();
    s.fontPoints = chart.fontPoints;
    if (chart.minimumFontPoints > kMinimumFontPoints) s.minimumFontPoints = chart.minimumFontPoints;
    s.palette = chart.palette == Palette::Grey ? "grey" : "okabe-ito";
    if (!chart.legend) s.legend = "none";
    else {
        switch (chart.legendPlacement) {
        case LegendPlacement::Auto: s.legend = "auto"; break;
        case LegendPlacement::Right: s.legend = "right"; break;
        case LegendPlacement::Inside: s.legend = "inside"; break;
        case LegendPlacement::Below: s.legend = "below"; break;
        }
    }
    s.barStyle = chart.bars == BarStyle::Share ? "share" : chart.logAxis ? "log-stacked" : "linear-stacked";
    s.title = chart.title;
    return s;
}

} // namespace tinyfoot::charts
