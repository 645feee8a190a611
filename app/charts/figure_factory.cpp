#include "figure_factory.h"

#include "footprint_chart.h"
#include "study_charts.h"

#include "tinyfoot/engine/report/study_report.h"

#include <algorithm>
#include <array>
#include <optional>

namespace tinyfoot::charts {

namespace {

using namespace tinyfoot::study;

constexpr std::array<std::pair<FigureView, std::string_view>, 9> kViewNames{{
    {FigureView::Footprint, "footprint"},
    {FigureView::Fleet, "fleet"},
    {FigureView::WhatIfs, "what-ifs"},
    {FigureView::Growth, "growth"},
    {FigureView::Uncertainty, "uncertainty"},
    {FigureView::Distribution, "distribution"},
    {FigureView::Tornado, "tornado"},
    {FigureView::Sobol, "sobol"},
    {FigureView::Difference, "difference"},
}};

QString text(const std::string& s) { return QString::fromStdString(s); }

/// The index of the item whose `name` member is `wanted`, nullopt when none is.
template <typename Item>
std::optional<std::size_t> indexNamed(const std::vector<Item>& items, std::string Item::*name,
                                      const std::string& wanted) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].*name == wanted) return i;
    return std::nullopt;
}

Figure footprintFigure(const FigureSources& s) {
    if (!s.results || s.results->empty()) return {};
    auto results = s.results;
    Figure f;
    f.draw = [results](QCustomPlot& plot, const ChartOptions& o) { drawFootprint(plot, *results, o); };
    f.csv = [results] { return figureCsv(*results); };
    f.title = ChartOptions{}.titleText;
    return f;
}

/// The fleet's years; `whatIfs` gives the what-if rows as its data instead.
Figure fleetFigure(const FigureSources& s, bool whatIfs) {
    if (!s.context || !s.fleet || s.fleet->fleets.empty()) return {};
    auto ctx = s.context; // the report points into the context's data
    auto report = s.fleet;
    Figure f;
    f.draw = [ctx, report](QCustomPlot& plot, const ChartOptions& o) { drawFleet(plot, *report, o); };
    if (whatIfs) f.csv = [ctx, report] { return tinyfoot::report::fleetCsv(*ctx, *report, "what_ifs"); };
    else f.csv = [ctx, report] { return fleetFigureCsv(*ctx, *report); };
    f.title = QStringLiteral("Cumulative footprint of the fleet");
    return f;
}

Figure growthFigure(const FigureSources& s, const FigureChoices& c) {
    if (!s.growth || s.growth->curves.empty()) return {};
    auto series = s.growth;
    const auto [from, to] = growthSpan(*series, c.fromYear, c.toYear);
    Figure f;
    f.draw = [series, from = from, to = to](QCustomPlot& plot, const ChartOptions& o) {
        drawGrowth(plot, series->curves, series->milestones, from, to, o);
    };
    f.csv = [series, from = from, to = to] { return growthFigureCsv(series->curves, from, to); };
    f.title = QStringLiteral("Devices in service");
    return f;
}

Figure uncertaintyFigure(const FigureSources& s) {
    if (!s.uncertainty) return {};
    auto report = s.uncertainty;
    Figure f;
    f.draw = [report](QCustomPlot& plot, const ChartOptions& o) { drawUncertainty(plot, *report, o); };
    f.csv = [report] { return uncertaintyFigureCsv(*report); };
    f.title = QStringLiteral("Uncertainty of the totals");
    return f;
}

/// The unit of the metric named `name` (kg CO2e when the report does not name it).
std::string unitOf(const std::vector<study::Metric>& metrics, const std::string& name) {
    for (const auto& m : metrics)
        if (m.name == name) return m.unit;
    return "kg_co2e";
}

Figure distributionFigure(const FigureSources& s, const FigureChoices& c) {
    if (!s.uncertainty) return {};
    auto report = s.uncertainty;
    const auto index = indexNamed(report->result.metrics, &MetricSummary::name, c.metric);
    if (!index) return {};
    Figure f;
    const std::string unit = unitOf(report->metrics, c.metric);
    f.draw = [report, index = *index, bins = c.bins, unit](QCustomPlot& plot, const ChartOptions& o) {
        drawDistribution(plot, report->result.metrics[index], bins, o, unit);
    };
    f.csv = [report, metric = c.metric, bins = c.bins] { return distributionFigureCsv(*report, metric, bins); };
    f.title = QStringLiteral("Distribution of ") + text(c.metric);
    return f;
}

Figure tornadoFigure(const FigureSources& s, const FigureChoices& c) {
    if (!s.sensitivity) return {};
    auto report = s.sensitivity;
    const auto index = indexNamed(report->tornado, &TornadoResult::output, c.metric);
    if (!index) return {};
    Figure f;
    const std::string unit = unitOf(report->metrics, c.metric);
    f.draw = [report, index = *index, bars = c.bars, unit](QCustomPlot& plot, const ChartOptions& o) {
        drawTornado(plot, report->tornado[index], bars, o, unit);
    };
    f.csv = [report, index = *index, bars = c.bars] { return tornadoFigureCsv(report->tornado[index], bars); };
    f.title = QStringLiteral("Tornado: ") + text(c.metric);
    return f;
}

Figure sobolFigure(const FigureSources& s, const FigureChoices& c) {
    if (!s.sensitivity || !s.sensitivity->sobol) return {};
    auto report = s.sensitivity;
    const auto index = indexNamed(report->sobol->outputs, &SobolOutput::output, c.metric);
    if (!index) return {};
    Figure f;
    f.draw = [report, index = *index, bars = c.bars](QCustomPlot& plot, const ChartOptions& o) {
        drawSobol(plot, report->sobol->outputs[index], bars, o);
    };
    f.csv = [report, metric = c.metric] { return sobolFigureCsv(*report, metric); };
    f.title = QStringLiteral("Sobol indices: ") + text(c.metric);
    return f;
}

Figure differenceFigure(const FigureSources& s, const FigureChoices& c) {
    if (!s.differences || s.differences->empty() || !s.uncertainty) return {};
    auto differences = s.differences;
    auto report = s.uncertainty;
    const std::string unit = !report->metrics.empty() ? report->metrics.front().unit : "kg_co2e";
    Figure f;
    f.draw = [differences, unit, ratio = c.ratio](QCustomPlot& plot, const ChartOptions& o) {
        drawDifferences(plot, *differences, o, unit, ratio);
    };
    f.csv = [differences, report] { return differenceFigureCsv(*report, *differences); };
    f.title = c.ratio ? QStringLiteral("Ratios: paired against independent runs")
                      : QStringLiteral("Differences: paired against independent runs");
    return f;
}

} // namespace

std::string figureViewName(FigureView view) {
    for (const auto& [v, name] : kViewNames)
        if (v == view) return std::string(name);
    return {};
}

std::optional<FigureView> figureViewNamed(std::string_view name) {
    for (const auto& [v, n] : kViewNames)
        if (n == name) return v;
    return std::nullopt;
}

std::pair<int, int> growthSpan(const GrowthSeries& series, std::optional<int> fromYear, std::optional<int> toYear) {
    auto [from, to] = growthYears(series.curves, series.milestones);
    if (fromYear) from = *fromYear;
    return {from, toYear.value_or(std::max(to, from + 1))};
}

Figure makeFigure(FigureView view, const FigureSources& sources, const FigureChoices& choices) {
    switch (view) {
    case FigureView::Footprint: return footprintFigure(sources);
    case FigureView::Fleet: return fleetFigure(sources, false);
    case FigureView::WhatIfs: return fleetFigure(sources, true);
    case FigureView::Growth: return growthFigure(sources, choices);
    case FigureView::Uncertainty: return uncertaintyFigure(sources);
    case FigureView::Distribution: return distributionFigure(sources, choices);
    case FigureView::Tornado: return tornadoFigure(sources, choices);
    case FigureView::Sobol: return sobolFigure(sources, choices);
    case FigureView::Difference: return differenceFigure(sources, choices);
    }
    return {};
}

} // namespace tinyfoot::charts
