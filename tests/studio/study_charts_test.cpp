// The study figures (app/charts/study_charts) and `tinyfoot chart --view`: the plottables each
// figure draws from the engine's reports, vector text in the PDFs, the CSV beside each figure
// against the engine's numbers, and clear errors for a study without what a view needs.
#include "footprint_chart.h"
#include "study_charts.h"

#include "data_library.h"
#include "run_process.h"

#include "tinyfoot/engine/report/study_report.h"

#include <doctest/doctest.h>

#include <qcustomplot.h>

#include <QApplication>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

using namespace tinyfoot;
namespace fs = std::filesystem;
using tinyfoot::test::runProcess;
using tinyfoot::test::slurp;

namespace {

void ensureApp() {
    static int argc = 1;
    static char name[] = "study_charts_tests";
    static char* argv[] = {name, nullptr};
    // Never destroyed (a QApplication torn down among the static destructors crashes); another
    // test file may have made one already.
    if (!QApplication::instance()) new QApplication(argc, argv);
}

fs::path out(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("tinyfoot-study-charts-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d / name;
}

std::string studyPath(const std::string& name) {
    return std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/" + name;
}

const app::LoadedLibrary& loaded() {
    static const app::LoadedLibrary lib = app::loadLibrary(TINYFOOT_SOURCE_ROOT);
    return lib;
}

/// A study file made ready to run, as the command line prepares it.
study::StudyContext prepared(const std::string& name) {
    const auto doc = app::loadDocumentFile(studyPath(name), loaded().library);
    const Study& st = std::get<Study>(doc);
    const FactorSet* set = loaded().library.findFactorSet(st.factorSet);
    REQUIRE(set != nullptr);
    return study::prepareStudy(app::systemsOf(doc), loaded().library, *set, study::parseAnalysis(st),
                               app::loadStudyData(TINYFOOT_SOURCE_ROOT, loaded().library), st.sourceName);
}

/// `tinyfoot --data ROOT chart ARGS...`
test::ProcessResult chart(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", TINYFOOT_SOURCE_ROOT, "chart"});
    return runProcess(TINYFOOT_CLI, args);
}

/// The PDF's text with every run of white space as one space (rotated labels come out a word a
/// line). DejaVu's ligatures come out as one character: tests look for words without "fi"/"fl".
std::string pdfText(const fs::path& pdf) {
    const std::string raw = runProcess("/usr/bin/pdftotext", {"-raw", pdf.string(), "-"}).out;
    std::string text;
    for (char c : raw) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (!space) text += c;
        else if (!text.empty() && text.back() != ' ') text += ' ';
    }
    return text;
}

/// A CSV as rows of named fields.
struct Csv {
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
};

/// One line of RFC 4180 CSV: fields quoted when they hold a comma or a quote, quotes doubled
/// (an input's name may hold a comma).
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

Csv readCsv(const fs::path& file) {
    Csv csv;
    std::istringstream in(slurp(file.string()));
    std::string line;
    if (std::getline(in, line)) csv.header = split(line);
    while (std::getline(in, line)) {
        const auto fields = split(line);
        REQUIRE(fields.size() == csv.header.size());
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < fields.size(); ++i) row[csv.header[i]] = fields[i];
        csv.rows.push_back(row);
    }
    return csv;
}

double number(const std::string& text) {
    double v = 0.0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    REQUIRE(r.ec == std::errc());
    return v;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("the fleet figure draws one line per system through each year's cumulative footprint") {
    ensureApp();
    const auto ctx = prepared("paper-fleet-250bn.json");
    const auto report = study::runFleet(ctx);
    REQUIRE(report.fleets.size() == 3);
    QCustomPlot plot;
    charts::drawFleet(plot, report, charts::ChartOptions{});
    REQUIRE(plot.graphCount() == 3);
    CHECK(plot.graph(2)->name() == QStringLiteral("image-worst"));
    CHECK(plot.graph(2)->dataCount() == 3); // three years
    CHECK(plot.graph(2)->data()->at(2)->value == doctest::Approx(units::inKgCo2e(report.fleets[2].total)));
    CHECK(plot.yAxis->scaleType() == QCPAxis::stLogarithmic);
    CHECK(plot.yAxis->label().contains(QStringLiteral("kg CO2e")));
    // The figure's data is the engine's year table.
    CHECK(charts::fleetFigureCsv(ctx, report) == report::fleetCsv(ctx, report, "years"));
}

TEST_CASE("the growth figure draws each curve and a dashed line per milestone") {
    ensureApp();
    const auto ctx = prepared("paper-fleet-250bn.json");
    const auto report = study::runFleet(ctx);
    REQUIRE(report.growth);
    const auto& curves = report.growth->curves;
    const auto& milestones = report.growth->milestonesDevices;
    const auto [from, to] = charts::growthYears(curves, milestones);
    CHECK(from == 2023);
    CHECK(to > from + 10);
    CHECK(to <= from + 100);
    QCustomPlot plot;
    charts::drawGrowth(plot, curves, milestones, from, to, charts::ChartOptions{});
    CHECK(plot.graphCount() == 2);
    CHECK(plot.itemCount() == 2 * static_cast<int>(milestones.size())); // a line and its label each
    CHECK(plot.yAxis->label() == QStringLiteral("devices in service"));
    const std::string csv = charts::growthFigureCsv(curves, from, to);
    CHECK(csv.rfind("curve,model,year,devices_in_service\n", 0) == 0);
    const auto firstRow =
        split(csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1));
    REQUIRE(firstRow.size() == 4);
    CHECK(firstRow[0] == "iot-paper-linear");
    CHECK(firstRow[2] == "2023");
    CHECK(number(firstRow[3]) == 15e9); // [P] 15 bn IoT devices in 2023
}

TEST_CASE("the uncertainty, distribution, tornado and Sobol figures draw what the reports hold") {
    ensureApp();
    const auto ctx = prepared("paper-uncertainty.json");
    study::UncertaintySpec spec = *ctx.analysis.uncertainty;
    spec.samples = 2000;
    const auto mc = study::runUncertainty(ctx, spec, 1);
    QCustomPlot plot;
    charts::drawUncertainty(plot, mc, charts::ChartOptions{});
    // Median points, their percentile bars and the nominal crosses.
    REQUIRE(plot.plottableCount() == 3);
    CHECK(plot.graphCount() == 2);
    CHECK(plot.graph(0)->dataCount() == 3); // the three systems' totals, not their differences
    CHECK(plot.graph(1)->data()->at(2)->value == doctest::Approx(7.06).epsilon(0.005)); // [P] worst case 7.06 kg

    const auto& metric = mc.result.metrics.front();
    charts::drawDistribution(plot, metric, 25, charts::ChartOptions{});
    auto* bars = qobject_cast<QCPBars*>(plot.plottable(0));
    REQUIRE(bars != nullptr);
    CHECK(bars->dataCount() == 25);
    CHECK(plot.plottableCount() == 1 + static_cast<int>(metric.percentiles.size()));
    double counted = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) counted += it->value;
    CHECK(counted == doctest::Approx(2000.0));

    study::SensitivitySpec sspec = *ctx.analysis.sensitivity;
    sspec.samples = 256;
    const auto sens = study::runSensitivity(ctx, *ctx.analysis.uncertainty, sspec, 1);
    REQUIRE_FALSE(sens.tornado.empty());
    REQUIRE(sens.sobol);
    charts::drawTornado(plot, sens.tornado.front(), 4, charts::ChartOptions{});
    REQUIRE(plot.plottableCount() == 3); // bars at low, bars at high, the nominal line
    auto* low = qobject_cast<QCPBars*>(plot.plottable(0));
    REQUIRE(low != nullptr);
    CHECK(low->dataCount() <= 4);
    CHECK(low->baseValue() == doctest::Approx(sens.tornado.front().nominal));
    // The widest swing is at the top.
    const auto& widest = sens.tornado.front().bars.front();
    CHECK(low->data()->at(low->dataCount() - 1)->key == doctest::Approx(static_cast<double>(low->dataCount())));
    CHECK(low->data()->at(low->dataCount() - 1)->value ==
          doctest::Approx(widest.outputLow - sens.tornado.front().nominal)); // bars start at their base

    charts::drawSobol(plot, sens.sobol->outputs.front(), 5, charts::ChartOptions{});
    // First order and total, each with its error bars; one legend entry for the error bars.
    CHECK(plot.plottableCount() == 4);
    CHECK(plot.legend->itemCount() == 3);
    auto* errors = qobject_cast<QCPErrorBars*>(plot.plottable(1));
    REQUIRE(errors != nullptr);
    const auto& top =
        *std::max_element(sens.sobol->outputs.front().indices.begin(), sens.sobol->outputs.front().indices.end(),
                          [](const study::SobolIndex& a, const study::SobolIndex& b) { return a.total < b.total; });
    CHECK(errors->data()->at(static_cast<int>(errors->dataCount()) - 1).errorPlus ==
          doctest::Approx(1.96 * top.firstSe));

    const std::string tornadoCsv = charts::tornadoFigureCsv(sens.tornado.front(), 4);
    CHECK(tornadoCsv.rfind("metric,input,nominal_kg_co2e,at_low_kg_co2e,at_high_kg_co2e,swing_kg_co2e\n", 0) == 0);
    const std::string sobolCsv = charts::sobolFigureCsv(sens, sens.sobol->outputs.front().output);
    CHECK(contains(sobolCsv, "sobol," + sens.sobol->outputs.front().output + "," + top.key + ","));
    CHECK_FALSE(contains(sobolCsv, "tornado,"));
}

TEST_CASE("the figures can be drawn one after another on one plot, the footprint among them") {
    ensureApp();
    const auto ctx = prepared("paper-uncertainty.json");
    study::SensitivitySpec sspec = *ctx.analysis.sensitivity;
    sspec.samples = 64;
    const auto sens = study::runSensitivity(ctx, *ctx.analysis.uncertainty, sspec, 1);
    QCustomPlot plot;
    plot.resize(252, 187);
    const charts::ChartOptions o;
    for (int round = 0; round < 2; ++round) {
        charts::drawFootprint(plot, ctx.results, o);
        // A single column: the legend inside the plot or below it, the title above.
        CHECK(charts::legendPlace(plot) != charts::LegendPlace::Right);
        CHECK(charts::plotArea(plot).width() >= charts::kMinimumPlotWidthShare * 252);
        CHECK(qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0)));
        charts::drawSobol(plot, sens.sobol->outputs.front(), 8, o);
        charts::drawSobol(plot, sens.sobol->outputs.back(), 8, o);
        CHECK(plot.plotLayout()->columnCount() == 1); // the legend inside the axis rect
        CHECK(plot.plotLayout()->rowCount() == 2);
        CHECK(plot.legend->layout() == plot.axisRect()->insetLayout());
        CHECK(plot.findChildren<QCPBarsGroup*>().size() == 1);
        CHECK(plot.plottableCount() == 4);
        charts::drawTornado(plot, sens.tornado.back(), 8, o);
        CHECK(plot.plottableCount() == 3);
        CHECK(plot.itemCount() == 0);
    }
    // The legend sits in a corner of the axis rect and stays inside it.
    CHECK(plot.axisRect()->rect().contains(plot.legend->outerRect()));
}

TEST_CASE("chart --view fleet: vector text, and the CSV's last cumulative is the fleet's total") {
    const fs::path pdf = out("fleet.pdf");
    const auto r = chart({studyPath("paper-fleet-250bn.json"), "--view", "fleet", "--out", pdf.string()});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const std::string text = pdfText(pdf);
    CHECK(contains(text, "cumulative kg CO2e"));
    CHECK(contains(text, "year"));
    CHECK(contains(text, "image-worst")); // a legend entry
    CHECK(contains(text, "2024"));        // whole years on the axis
    const Csv csv = readCsv(out("fleet.csv"));
    REQUIRE(csv.rows.size() == 9); // three systems, three years
    const auto& last = csv.rows.back();
    CHECK(last.at("system") == "image-worst");
    CHECK(last.at("year") == "2025");
    // [P] 250 bn high-cost systems x 7.06 kg = 1,765 Mt CO2e over three years.
    CHECK(std::round(number(last.at("cumulative_kg_co2e")) / 1e9) == 1765.0);
    const auto report = study::runFleet(prepared("paper-fleet-250bn.json"));
    CHECK(number(last.at("cumulative_kg_co2e")) == doctest::Approx(units::inKgCo2e(report.fleets[2].total)));
}

TEST_CASE("chart --view growth: the paper's curves from 2023 with the milestones labelled") {
    const fs::path pdf = out("growth.pdf");
    const auto r =
        chart({studyPath("paper-fleet-250bn.json"), "--view", "growth", "--out", pdf.string(), "--to-year", "2080"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const std::string text = pdfText(pdf);
    CHECK(contains(text, "devices in service"));
    CHECK(contains(text, "250 bn"));
    CHECK(contains(text, "iot-paper-exponential"));
    const Csv csv = readCsv(out("growth.csv"));
    REQUIRE(csv.rows.size() == 2 * 58); // two curves, 2023 to 2080
    CHECK(csv.rows.front().at("year") == "2023");
    CHECK(number(csv.rows.front().at("devices_in_service")) == 15e9);
}

TEST_CASE("chart --view uncertainty, distribution, tornado and sobol on the paper's uncertainty study") {
    const std::string study = studyPath("paper-uncertainty.json");
    SUBCASE("uncertainty: medians and nominal values per system total") {
        const fs::path pdf = out("mc.pdf");
        const auto r = chart({study, "--view", "uncertainty", "--samples", "2000", "--out", pdf.string()});
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        const std::string text = pdfText(pdf);
        CHECK(contains(text, "kg CO2e per device"));
        CHECK(contains(text, "median"));
        CHECK(contains(text, "nominal"));
        CHECK(contains(text, "5 to 95 %"));
        const Csv csv = readCsv(out("mc.csv"));
        bool found = false;
        for (const auto& row : csv.rows)
            if (row.at("metric") == "image-worst total") {
                found = true;
                CHECK(row.at("samples") == "2000");
                CHECK(number(row.at("nominal_kg_co2e")) == doctest::Approx(7.06).epsilon(0.005));
                CHECK(number(row.at("p5_kg_co2e")) < number(row.at("p95_kg_co2e")));
            }
        CHECK(found);
    }
    SUBCASE("distribution: the histogram's counts add up to the samples") {
        const fs::path pdf = out("dist.pdf");
        const auto r = chart({study, "--view", "distribution", "--metric", "image-worst - image-typical", "--samples",
                              "2000", "--bins", "30", "--out", pdf.string()});
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        const std::string text = pdfText(pdf);
        CHECK(contains(text, "samples per bin"));
        CHECK(contains(text, "p50"));
        const Csv csv = readCsv(out("dist.csv"));
        REQUIRE(csv.rows.size() == 30);
        double total = 0;
        for (const auto& row : csv.rows) {
            CHECK(row.at("metric") == "image-worst - image-typical");
            total += number(row.at("count"));
        }
        CHECK(total == 2000.0);
    }
    SUBCASE("tornado: bars about the first system's total") {
        const fs::path pdf = out("tornado.pdf");
        const auto r = chart({study, "--view", "tornado", "--bars", "5", "--out", pdf.string()});
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        const std::string text = pdfText(pdf);
        CHECK(contains(text, "low input"));
        CHECK(contains(text, "high input"));
        CHECK(contains(text, "kws-best total, kg CO2e"));
        const Csv csv = readCsv(out("tornado.csv"));
        REQUIRE_FALSE(csv.rows.empty());
        CHECK(csv.rows.size() <= 5);
        double previous = 1e300;
        for (const auto& row : csv.rows) {
            CHECK(row.at("metric") == "kws-best total");
            CHECK(number(row.at("nominal_kg_co2e")) == doctest::Approx(0.89).epsilon(0.01)); // [P] best case
            const double swing = number(row.at("swing_kg_co2e"));
            CHECK(swing ==
                  doctest::Approx(std::fabs(number(row.at("at_high_kg_co2e")) - number(row.at("at_low_kg_co2e")))));
            CHECK(swing <= previous); // widest first
            previous = swing;
        }
    }
    SUBCASE("sobol: first-order and total indices of one metric") {
        const fs::path pdf = out("sobol.pdf");
        const auto r = chart({study, "--view", "sobol", "--metric", "image-worst total", "--samples", "512", "--column",
                              "double", "--out", pdf.string()});
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        const std::string text = pdfText(pdf);
        CHECK(contains(text, "order")); // "first order", with an "fi" ligature
        CHECK(contains(text, "total"));
        CHECK(contains(text, "Sobol index"));
        CHECK(contains(text, "1.96 SE"));
        const Csv csv = readCsv(out("sobol.csv"));
        REQUIRE_FALSE(csv.rows.empty());
        for (const auto& row : csv.rows) {
            CHECK(row.at("method") == "sobol");
            CHECK(row.at("metric") == "image-worst total");
            CHECK(number(row.at("total")) >= -0.2);
        }
    }
}

TEST_CASE("chart --view: clear usage errors with exit code 2") {
    SUBCASE("a study without a fleet") {
        const auto r = chart({studyPath("paper-comparison.json"), "--view", "fleet", "--out", out("x.pdf").string()});
        CHECK(r.exitCode == 2);
        CHECK(contains(r.err, "has no fleet"));
        CHECK_FALSE(fs::exists(out("x.pdf")));
    }
    SUBCASE("a study without growth curves") {
        const auto r = chart({studyPath("paper-uncertainty.json"), "--view", "growth", "--out", out("x.pdf").string()});
        CHECK(r.exitCode == 2);
        CHECK(contains(r.err, "has no growth curves"));
    }
    SUBCASE("an unknown view") {
        const auto r = chart({"kws-best", "--view", "pie", "--out", out("x.pdf").string()});
        CHECK(r.exitCode == 2);
        CHECK(contains(r.err, "--view expects footprint, fleet"));
    }
    SUBCASE("an unknown metric lists the known ones") {
        const auto r = chart({studyPath("paper-uncertainty.json"), "--view", "tornado", "--metric", "nothing total",
                              "--out", out("x.pdf").string()});
        CHECK(r.exitCode == 2);
        CHECK(contains(r.err, "no metric 'nothing total'"));
        CHECK(contains(r.err, "image-typical total"));
    }
    SUBCASE("an option of another view") {
        const auto r = chart(
            {studyPath("paper-fleet-250bn.json"), "--view", "fleet", "--bins", "20", "--out", out("x.pdf").string()});
        CHECK(r.exitCode == 2);
        CHECK(contains(r.err, "--bins is for --view distribution"));
    }
}

TEST_CASE("a long title is wrapped so that the legend stays inside a single-column figure") {
    ensureApp();
    std::vector<Result> results;
    for (const char* id : {"kws-best", "image-worst", "apple-watch-series-7"}) {
        const System* s = loaded().library.findPreset(id);
        REQUIRE(s);
        results.push_back(calculate(*s, *loaded().library.findFactorSet("paper-2023-backsolved"),
                                    loaded().library.findHsl(s->hslCatalogue)));
    }
    QCustomPlot plot;
    plot.resize(252, 187); // 3.5 x 2.6 in at one pixel per point
    charts::ChartOptions o;
    o.titleText = QStringLiteral("TinyML systems of Prakash et al. 2023 against reference devices");
    charts::drawFootprint(plot, results, o);
    plot.setViewport(QRect(0, 0, 252, 187));
    plot.replot();
    auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0));
    REQUIRE(title);
    CHECK(title->text().contains(QLatin1Char('\n')));
    CHECK(title->text().remove(QLatin1Char('\n')).remove(QLatin1Char(' ')) ==
          o.titleText.remove(QLatin1Char(' '))); // every word kept
    CHECK(plot.legend->outerRect().right() <= 252);
    // The short default title stays on one line.
    o.titleText = QStringLiteral("Carbon footprint per device");
    charts::drawFootprint(plot, results, o);
    auto* shortTitle = qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0));
    REQUIRE(shortTitle);
    CHECK_FALSE(shortTitle->text().contains(QLatin1Char('\n')));
}
