// `tinyfoot chart` end to end: vector text in PDF (pdffonts, pdftotext, pdfinfo), valid SVG with
// text elements, PNG of the chosen pixel size and DPI, and the figure's data as CSV.
#include "run_process.h"

#include <doctest/doctest.h>

#include <QImage>
#include <QXmlStreamReader>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using tinyfoot::test::runProcess;
using tinyfoot::test::slurp;

namespace {

fs::path out(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("tinyfoot-chart-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d / name;
}

const std::string kStudy = std::string(TINYFOOT_SOURCE_ROOT) + "/presets/studies/paper-comparison.json";

} // namespace

TEST_CASE("PDF: vector text at the chosen size, data beside it") {
    const fs::path pdf = out("fig.pdf");
    const auto r = runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", kStudy, "--out", pdf.string(),
                                             "--column", "single", "--height-in", "2.6"});
    REQUIRE(r.exitCode == 0);
    const auto fonts = runProcess("/usr/bin/pdffonts", {pdf.string()});
    REQUIRE(fonts.exitCode == 0);
    CHECK(fonts.out.find("DejaVu") != std::string::npos); // a font is embedded: text stays text
    const auto text = runProcess("/usr/bin/pdftotext", {"-raw", pdf.string(), "-"});
    CHECK(text.out.find("CO2e") != std::string::npos);         // the axis label (rotated)
    CHECK(text.out.find("power supply") != std::string::npos); // a legend entry
    CHECK(text.out.find("typical") != std::string::npos);      // the systems' labels, as text
    const auto info = runProcess("/usr/bin/pdfinfo", {pdf.string()});
    CHECK(info.out.find("252 x 187 pts") != std::string::npos); // 3.5 x 2.6 in
    const std::string csv = slurp(out("fig.csv").string());
    CHECK(csv.rfind("system,block,kg_co2e\n", 0) == 0);
    CHECK(csv.find("image-worst,transport,") != std::string::npos);
}

TEST_CASE("SVG: valid XML with text elements, double-column size") {
    const fs::path svg = out("fig.svg");
    REQUIRE(runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", kStudy, "--out", svg.string(),
                                      "--column", "double", "--palette", "grey", "--linear"})
                .exitCode == 0);
    const std::string text = slurp(svg.string());
    QXmlStreamReader xml(QByteArray::fromStdString(text));
    int texts = 0;
    bool root = false, sawSystem = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("svg")) {
            root = true;
            CHECK(xml.attributes()
                      .value(QStringLiteral("width"))
                      .toString()
                      .startsWith(QStringLiteral("182.7"))); // 7.2 in = 182.7 mm
        }
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) {
            ++texts;
            sawSystem = sawSystem ||
                        xml.readElementText(QXmlStreamReader::IncludeChildElements).contains(QStringLiteral("MacBook"));
        }
    }
    CHECK_FALSE(xml.hasError());
    CHECK(root);
    CHECK(texts > 5);
    CHECK(sawSystem);
}

TEST_CASE("PNG: the chosen DPI and pixel size") {
    const fs::path png = out("fig.png");
    REQUIRE(runProcess(TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", "kws-best", "image-worst", "--out",
                                      png.string(), "--width-mm", "88.9", "--height-in", "2", "--dpi", "600"})
                .exitCode == 0);
    const QImage image(QString::fromStdString(png.string()));
    REQUIRE_FALSE(image.isNull());
    CHECK(image.width() == 2100); // 88.9 mm = 3.5 in x 600 dpi
    CHECK(image.height() == 1200);
    CHECK(image.dotsPerMeterX() == doctest::Approx(600 / 0.0254).epsilon(0.01));
    const auto bad = runProcess(
        TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "chart", "kws-best", "--out", out("fig.bmp").string()});
    CHECK(bad.exitCode == 4);
    CHECK(bad.err.find("pdf, svg or png") != std::string::npos);
}

TEST_CASE("tinyfoot-studio --help and --version answer without a display") {
    // As on a machine with no display: neither an X display nor Qt's offscreen platform.
    const std::string platform = std::getenv("QT_QPA_PLATFORM") ? std::getenv("QT_QPA_PLATFORM") : "";
    const std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
    unsetenv("QT_QPA_PLATFORM");
    unsetenv("DISPLAY");
    const auto help = runProcess(TINYFOOT_STUDIO, {"--help"});
    const auto version = runProcess(TINYFOOT_STUDIO, {"--version"});
    const auto bad = runProcess(TINYFOOT_STUDIO, {"--bogus"});
    if (!platform.empty()) setenv("QT_QPA_PLATFORM", platform.c_str(), 1);
    if (!display.empty()) setenv("DISPLAY", display.c_str(), 1);
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("Usage: tinyfoot-studio [STUDY.json]") != std::string::npos);
    CHECK(version.exitCode == 0);
    CHECK(version.out.rfind("tinyfoot-studio ", 0) == 0);
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("unknown option --bogus") != std::string::npos);
}
