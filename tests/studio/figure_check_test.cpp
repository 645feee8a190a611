// The exported figures as a reader sees them. From the SVG that `tinyfoot chart` writes, every
// text element's box (its position, transform, anchor and font as QSvgGenerator writes them,
// measured with QFontMetricsF of that font) must overlap no other text and stay on the page;
// and a few figures rendered as PNG at a fixed size and DPI must match the golden images in
// tests/data/golden-figures/ by a tolerant pixel comparison (see compareImages).
// Set TINYFOOT_UPDATE_GOLDEN=1 to rewrite the golden PNGs after an intended change, and look at them.
#include "run_process.h"

#include <doctest/doctest.h>

#include <QFont>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QPolygonF>
#include <QRegularExpression>
#include <QTransform>
#include <QXmlStreamReader>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using tinyfoot::test::runProcess;
using tinyfoot::test::slurp;

namespace {

/// Every figure of these tests is drawn, and its text measured, with one font rendering
/// (tests/data/golden-figures/fonts.conf: anti-aliased, slight hinting), whatever this machine's
/// or user's fontconfig settings say: medium or full hinting rounds text metrics to whole pixels
/// at the figures' layout scale (one pixel per point), which moves labels by whole points.
const bool kFontsPinned = [] {
    setenv("FONTCONFIG_FILE", TINYFOOT_SOURCE_ROOT "/tests/data/golden-figures/fonts.conf", 1);
    return true;
}();

void ensureApp() {
    REQUIRE(kFontsPinned);
    static int argc = 1;
    static char name[] = "figure_tests";
    static char* argv[] = {name, nullptr};
    if (!QGuiApplication::instance()) new QGuiApplication(argc, argv); // never destroyed, as elsewhere
}

/// One text element of an SVG: its string and the box it covers on the page (user units, that
/// is points: the figures' viewBox is their size in points). A turned text's box is turned with
/// it: `shape` is the box's corners on the page, `frame` the turn (the transform without its
/// translation), `box` the upright rectangle around `shape`.
struct TextBox {
    QString text;
    QRectF box;
    QPolygonF shape;
    QTransform frame;
};

struct SvgText {
    QSizeF page; ///< the viewBox's size
    std::vector<TextBox> boxes;
    QStringList problems; ///< what could not be measured (a font that is not installed, ...)
};

/// The SVG transform attribute as a QTransform (matrix, translate, scale, rotate; in order).
QTransform parseTransform(const QString& attribute) {
    QTransform t;
    static const QRegularExpression item(QStringLiteral(R"((matrix|translate|scale|rotate)\s*\(([^)]*)\))"));
    for (auto it = item.globalMatch(attribute); it.hasNext();) {
        const auto m = it.next();
        std::vector<double> v;
        for (const QString& n :
             m.captured(2).split(QRegularExpression(QStringLiteral(R"([\s,]+)")), Qt::SkipEmptyParts))
            v.push_back(n.toDouble());
        QTransform own;
        const QString kind = m.captured(1);
        if (kind == QLatin1String("matrix") && v.size() == 6) own = QTransform(v[0], v[1], v[2], v[3], v[4], v[5]);
        else if (kind == QLatin1String("translate") && !v.empty())
            own = QTransform::fromTranslate(v[0], v.size() > 1 ? v[1] : 0.0);
        else if (kind == QLatin1String("scale") && !v.empty())
            own = QTransform::fromScale(v[0], v.size() > 1 ? v[1] : v[0]);
        else if (kind == QLatin1String("rotate") && !v.empty()) own.rotate(v[0]);
        t = own * t; // the later item applies first
    }
    return t;
}

/// The attributes a text inherits from its groups.
struct TextStyle {
    QTransform transform;
    QString family = QStringLiteral("sans-serif");
    double size = 12.0;
    int weight = 400;
    bool italic = false;
    QString anchor = QStringLiteral("start");
};

TextStyle inherit(const TextStyle& parent, const QXmlStreamAttributes& a) {
    TextStyle s = parent;
    if (a.hasAttribute(QStringLiteral("transform")))
        s.transform = parseTransform(a.value(QStringLiteral("transform")).toString()) * parent.transform;
    if (a.hasAttribute(QStringLiteral("font-family")))
        s.family = a.value(QStringLiteral("font-family")).toString().remove(QLatin1Char('\'')).remove(QLatin1Char('"'));
    if (a.hasAttribute(QStringLiteral("font-size")))
        s.size = a.value(QStringLiteral("font-size")).toString().remove(QStringLiteral("px")).toDouble();
    if (a.hasAttribute(QStringLiteral("font-weight"))) {
        const QString w = a.value(QStringLiteral("font-weight")).toString();
        s.weight = w == QLatin1String("bold") ? 700 : w == QLatin1String("normal") ? 400 : w.toInt();
    }
    if (a.hasAttribute(QStringLiteral("font-style")))
        s.italic = a.value(QStringLiteral("font-style")) != QLatin1String("normal");
    if (a.hasAttribute(QStringLiteral("text-anchor"))) s.anchor = a.value(QStringLiteral("text-anchor")).toString();
    return s;
}

/// Every text element of `svg` with its box: the advance width of the string by the ascent and
/// descent of its font (QFontMetricsF at 72 dpi, so that a font-size of N is N points), from its
/// x, y (the baseline) shifted by its anchor, through its transform.
SvgText readSvgText(const QByteArray& svg) {
    ensureApp();
    SvgText out;
    QImage device(1, 1, QImage::Format_ARGB32);
    device.setDotsPerMeterX(static_cast<int>(std::lround(72 / 0.0254)));
    device.setDotsPerMeterY(static_cast<int>(std::lround(72 / 0.0254)));
    QXmlStreamReader xml(svg);
    std::vector<TextStyle> stack{TextStyle{}};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement()) {
            stack.pop_back();
            continue;
        }
        if (!xml.isStartElement()) continue;
        const QXmlStreamAttributes a = xml.attributes();
        if (xml.name() == QLatin1String("svg")) {
            const QStringList vb = a.value(QStringLiteral("viewBox"))
                                       .toString()
                                       .split(QRegularExpression(QStringLiteral(R"([\s,]+)")), Qt::SkipEmptyParts);
            if (vb.size() == 4) out.page = QSizeF(vb[2].toDouble(), vb[3].toDouble());
        }
        const TextStyle style = inherit(stack.back(), a);
        if (xml.name() != QLatin1String("text")) {
            stack.push_back(style);
            continue;
        }
        const double x = a.value(QStringLiteral("x")).toDouble();
        const double y = a.value(QStringLiteral("y")).toDouble();
        const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements); // consumes </text>
        if (text.trimmed().isEmpty()) continue;
        QFont font(style.family);
        font.setPointSizeF(style.size);
        font.setWeight(static_cast<QFont::Weight>(style.weight));
        font.setItalic(style.italic);
        const QFontInfo info(font);
        if (info.family() != style.family)
            out.problems
                << QStringLiteral("'%1': font %2 is not installed (got %3)").arg(text, style.family, info.family());
        const QFontMetricsF fm(font, &device);
        const double width = fm.horizontalAdvance(text);
        const double shift = style.anchor == QLatin1String("middle") ? width / 2
                             : style.anchor == QLatin1String("end")  ? width
                                                                     : 0.0;
        const QRectF local(x - shift, y - fm.ascent(), width, fm.ascent() + fm.descent());
        const QTransform& t = style.transform;
        out.boxes.push_back(
            {text, t.mapRect(local), t.map(QPolygonF(local)), QTransform(t.m11(), t.m12(), t.m21(), t.m22(), 0, 0)});
    }
    if (xml.hasError()) out.problems << QStringLiteral("not valid XML: ") + xml.errorString();
    if (out.page.isEmpty()) out.problems << QStringLiteral("no viewBox on the svg element");
    return out;
}

/// Boxes may touch: they overlap when they share more than this (points) in both directions,
/// and leave the page when they pass its edge by more than this. Lines of one label are set a
/// line height apart, so their boxes touch without overlapping.
constexpr double kTolerancePoints = 0.5;

QString describe(const TextBox& t) {
    return QStringLiteral("'%1' [%2, %3 to %4, %5]")
        .arg(t.text)
        .arg(t.box.left(), 0, 'f', 1)
        .arg(t.box.top(), 0, 'f', 1)
        .arg(t.box.right(), 0, 'f', 1)
        .arg(t.box.bottom(), 0, 'f', 1);
}

/// The rectangle two boxes share, in the frame of the first: their own upright boxes when both
/// are turned alike (labels turned by 45 degrees side by side), else the upright rectangle
/// around the shapes' intersection.
QRectF sharedBox(const TextBox& a, const TextBox& b) {
    const auto near = [](double x, double y) { return std::abs(x - y) < 1e-6; };
    const QTransform &f = a.frame, &g = b.frame;
    if (near(f.m11(), g.m11()) && near(f.m12(), g.m12()) && near(f.m21(), g.m21()) && near(f.m22(), g.m22())) {
        const QTransform back = f.inverted();
        return back.map(a.shape).boundingRect().intersected(back.map(b.shape).boundingRect());
    }
    return a.shape.intersected(b.shape).boundingRect();
}

/// What a reader would see wrong: texts over each other, texts cut off by the page's edge.
QStringList textProblems(const SvgText& svg) {
    QStringList out = svg.problems;
    const QRectF page = QRectF(QPointF(0, 0), svg.page)
                            .adjusted(-kTolerancePoints, -kTolerancePoints, kTolerancePoints, kTolerancePoints);
    for (std::size_t i = 0; i < svg.boxes.size(); ++i) {
        const TextBox& a = svg.boxes[i];
        if (!page.contains(a.box)) out << QStringLiteral("off the page: ") + describe(a);
        for (std::size_t j = i + 1; j < svg.boxes.size(); ++j) {
            const QRectF shared = sharedBox(a, svg.boxes[j]);
            if (shared.width() > kTolerancePoints && shared.height() > kTolerancePoints)
                out << QStringLiteral("overlap: ") + describe(a) + QStringLiteral(" and ") + describe(svg.boxes[j]);
        }
    }
    return out;
}

fs::path outDir() {
    const fs::path d = fs::temp_directory_path() / ("tinyfoot-figure-check-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}

const std::string kRoot = TINYFOOT_SOURCE_ROOT;
const std::string kComparison = kRoot + "/presets/studies/paper-comparison.json";
const std::string kUncertainty = kRoot + "/presets/studies/paper-uncertainty.json";
const std::string kFleet = kRoot + "/presets/studies/paper-fleet-250bn.json";
/// Monte Carlo and Sobol figures: a fixed seed and sample count, so that they are deterministic.
const std::vector<std::string> kMonteCarlo{"--samples", "2000", "--seed", "2023", "--threads", "2"};

/// Runs `tinyfoot chart` with `args` writing `file` in the test's folder; returns its path.
fs::path chart(const std::vector<std::string>& args, const std::string& file) {
    std::vector<std::string> all{"--data", kRoot, "chart"};
    all.insert(all.end(), args.begin(), args.end());
    const fs::path path = outDir() / file;
    all.push_back("--out");
    all.push_back(path.string());
    const auto r = runProcess(TINYFOOT_CLI, all);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return path;
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

void checkText(const std::vector<std::string>& args, const std::string& name) {
    const fs::path svg = chart(args, name + ".svg");
    const SvgText text = readSvgText(QByteArray::fromStdString(slurp(svg.string())));
    CAPTURE(name);
    CHECK(text.boxes.size() > 3); // the check saw the figure's texts
    const QStringList problems = textProblems(text);
    for (const QString& p : problems) INFO(p.toStdString());
    CHECK_MESSAGE(problems.isEmpty(), problems.join(QLatin1Char('\n')).toStdString());
}

} // namespace

TEST_CASE("the text check reports overlapping texts and text off the page") {
    // Two labels at nearly the same place, one running past the right edge, one turned (as an
    // axis label) past the bottom; and two lines of one label, a line height apart, that touch,
    // and two labels turned by 45 degrees side by side, whose upright boxes would overlap.
    const QByteArray svg =
        R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="88.9mm" height="66mm" viewBox="0 0 252 187">
<g font-family="DejaVu Sans" font-size="8" font-weight="400" font-style="normal" transform="matrix(1,0,0,1,0,0)">
<text x="20" y="40">power supply</text>
<text x="30" y="42">transport</text>
<text x="230" y="100">right edge</text>
</g>
<g font-family="DejaVu Sans" font-size="8" font-weight="700" transform="matrix(0,-1,1,0,10,200)">
<text x="0" y="0">turned past the bottom</text>
</g>
<g font-family="DejaVu Sans" font-size="6" transform="matrix(1,0,0,1,100,150)">
<text x="0" y="5.5625">KWS</text><text x="0" y="12.5625">best</text>
</g>
<g font-family="DejaVu Sans" font-size="8" transform="matrix(0.707107,-0.707107,0.707107,0.707107,120,120)">
<text x="0" y="0">Anomaly typical</text>
</g>
<g font-family="DejaVu Sans" font-size="8" transform="matrix(0.707107,-0.707107,0.707107,0.707107,136,120)">
<text x="0" y="0">Image typical</text>
</g>
</svg>)svg";
    const SvgText text = readSvgText(svg);
    REQUIRE(text.boxes.size() == 8);
    CHECK(text.boxes[6].box.intersects(text.boxes[7].box));
    CHECK(text.page == QSizeF(252, 187));
    // "power supply" at 8 pt DejaVu Sans is about 50 pt wide, 9.4 pt high.
    CHECK(text.boxes[0].box.width() == doctest::Approx(50).epsilon(0.1));
    CHECK(text.boxes[0].box.height() == doctest::Approx(9.4).epsilon(0.1));
    // The turned text runs upward from y = 200: its box is narrow and tall.
    CHECK(text.boxes[3].box.height() > text.boxes[3].box.width());
    const QStringList problems = textProblems(text);
    CAPTURE(problems.join(QLatin1Char('\n')).toStdString());
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].startsWith(QStringLiteral("overlap: 'power supply'")));
    CHECK(problems[0].contains(QStringLiteral("'transport'")));
    CHECK(problems[1].startsWith(QStringLiteral("off the page: 'right edge'")));
    CHECK(problems[2].startsWith(QStringLiteral("off the page: 'turned past the bottom'")));
    // A font that is not installed is reported, not measured with another.
    const SvgText missing = readSvgText(R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<text x="10" y="20" font-family="No Such Font Family" font-size="8">a</text></svg>)svg");
    CHECK(textProblems(missing).size() == 1);
}

TEST_CASE("no two texts overlap and none leaves the page: the paper comparison, single and double column") {
    for (const char* column : {"single", "double"})
        for (const char* bars : {"log-stacked", "linear-stacked", "share"})
            checkText({kComparison, "--column", column, "--bar-style", bars},
                      std::string("comparison-") + column + "-" + bars);
    checkText({kComparison, "--column", "double", "--palette", "grey", "--no-title"}, "comparison-double-grey");
}

TEST_CASE("no two texts overlap and none leaves the page: every study view, single and double column") {
    for (const char* column : {"single", "double"}) {
        const std::string c = column;
        checkText({kUncertainty, "--view", "footprint", "--column", c}, "footprint-" + c);
        checkText({kFleet, "--view", "fleet", "--column", c}, "fleet-" + c);
        checkText({kFleet, "--view", "growth", "--column", c}, "growth-" + c);
        checkText(with({kUncertainty, "--view", "uncertainty", "--column", c}, kMonteCarlo), "uncertainty-" + c);
        checkText(with({kUncertainty, "--view", "distribution", "--column", c}, kMonteCarlo), "distribution-" + c);
        checkText({kUncertainty, "--view", "tornado", "--column", c}, "tornado-" + c);
        checkText(with({kUncertainty, "--view", "sobol", "--column", c, "--samples", "256", "--seed", "2023"}, {}),
                  "sobol-" + c);
        checkText(with({kUncertainty, "--view", "difference", "--column", c}, kMonteCarlo), "difference-" + c);
        checkText(with({kUncertainty, "--view", "difference", "--ratio", "--column", c}, kMonteCarlo),
                  "difference-ratio-" + c);
    }
}

TEST_CASE("no two texts overlap and none leaves the page: three panels and the journal styles") {
    checkText(with({kUncertainty, "--panels", "footprint,uncertainty,tornado", "--height-in", "2.8"}, kMonteCarlo),
              "panels-row");
    checkText(with({kUncertainty, "--panels", "footprint,uncertainty,difference", "--panel-layout", "1x3", "--column",
                    "single", "--height-in", "6"},
                   kMonteCarlo),
              "panels-column");
    for (const char* style : {"acm", "elsevier", "ieee", "nature", "springer"}) {
        checkText({kComparison, "--style", style}, std::string("style-") + style);
        checkText({kComparison, "--style", style, "--column", "double"}, std::string("style-") + style + "-double");
    }
}

namespace {

/// The pixel comparison of a rendered figure with its golden image. A pixel of one image
/// matches when a pixel of the other within one pixel of it (its 3 x 3 neighbourhood) differs
/// from it by at most kChannelTolerance in every channel; the images differ when more than
/// kDifferingShare of the pixels (of either image) have no match. Anti-aliasing and font hinting
/// change edge pixels a little or move a glyph's edge by a pixel: both find a match. A legend that
/// moved, a series that is missing, a label that changed leave whole glyphs or areas without one.
constexpr int kChannelTolerance = 48;
constexpr double kDifferingShare = 0.002;

struct ImageDifference {
    QString size; ///< why the images cannot be compared (their sizes), else empty
    long differing = 0;
    long pixels = 0;
    double share() const { return pixels ? static_cast<double>(differing) / static_cast<double>(pixels) : 1.0; }
    bool same() const { return size.isEmpty() && share() <= kDifferingShare; }
};

bool close(QRgb a, QRgb b) {
    return std::abs(qRed(a) - qRed(b)) <= kChannelTolerance && std::abs(qGreen(a) - qGreen(b)) <= kChannelTolerance &&
           std::abs(qBlue(a) - qBlue(b)) <= kChannelTolerance && std::abs(qAlpha(a) - qAlpha(b)) <= kChannelTolerance;
}

/// The pixels of `a` with no match in `b`, marked in `unmatched`.
void unmatchedPixels(const QImage& a, const QImage& b, std::vector<char>& unmatched) {
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            bool found = false;
            for (int dy = -1; dy <= 1 && !found; ++dy)
                for (int dx = -1; dx <= 1 && !found; ++dx) {
                    const int u = x + dx, v = y + dy;
                    found = u >= 0 && v >= 0 && u < b.width() && v < b.height() && close(p, b.pixel(u, v));
                }
            if (!found)
                unmatched[static_cast<std::size_t>(y) * static_cast<std::size_t>(a.width()) +
                          static_cast<std::size_t>(x)] = 1;
        }
}

ImageDifference compareImages(const QImage& actual, const QImage& expected) {
    ImageDifference d;
    if (actual.size() != expected.size()) {
        d.size = QStringLiteral("%1 x %2 pixels, expected %3 x %4")
                     .arg(actual.width())
                     .arg(actual.height())
                     .arg(expected.width())
                     .arg(expected.height());
        return d;
    }
    const QImage a = actual.convertToFormat(QImage::Format_ARGB32);
    const QImage b = expected.convertToFormat(QImage::Format_ARGB32);
    std::vector<char> unmatched(static_cast<std::size_t>(a.width()) * static_cast<std::size_t>(a.height()), 0);
    unmatchedPixels(a, b, unmatched); // something drawn that the golden image does not have
    unmatchedPixels(b, a, unmatched); // something of the golden image that is gone
    d.pixels = static_cast<long>(unmatched.size());
    d.differing = static_cast<long>(std::count(unmatched.begin(), unmatched.end(), 1));
    return d;
}

const fs::path kGolden = fs::path(TINYFOOT_SOURCE_ROOT) / "tests" / "data" / "golden-figures";

/// The golden figures: a name and the chart arguments; each is rendered as PNG at 150 dpi.
struct GoldenFigure {
    std::string name;
    std::vector<std::string> args;
};

std::vector<GoldenFigure> goldenFigures() {
    return {
        {"comparison-single", {kComparison, "--column", "single"}},
        {"panels-uncertainty",
         with({kUncertainty, "--panels", "footprint,uncertainty,tornado", "--height-in", "2.8"}, kMonteCarlo)},
        {"difference", with({kUncertainty, "--view", "difference"}, kMonteCarlo)},
    };
}

/// Renders `f` as PNG at 150 dpi.
QImage render(const GoldenFigure& f, const std::vector<std::string>& extra = {}) {
    const fs::path png = chart(with(with(f.args, {"--dpi", "150"}), extra), f.name + ".png");
    return QImage(QString::fromStdString(png.string()));
}

} // namespace

TEST_CASE("golden figures: the PNGs match tests/data/golden-figures") {
    ensureApp();
    const bool update = std::getenv("TINYFOOT_UPDATE_GOLDEN") != nullptr;
    for (const GoldenFigure& f : goldenFigures()) {
        CAPTURE(f.name);
        const QImage image = render(f);
        REQUIRE_FALSE(image.isNull());
        const fs::path golden = kGolden / (f.name + ".png");
        if (update) {
            fs::create_directories(kGolden);
            REQUIRE(image.save(QString::fromStdString(golden.string())));
            continue;
        }
        const QImage expected(QString::fromStdString(golden.string()));
        REQUIRE_MESSAGE(!expected.isNull(),
                        "no golden image " << golden.string() << " (TINYFOOT_UPDATE_GOLDEN=1 writes it)");
        const ImageDifference d = compareImages(image, expected);
        CHECK_MESSAGE(d.same(), d.size.toStdString()
                                    << " " << d.differing << " of " << d.pixels << " pixels differ (at most "
                                    << kDifferingShare * 100 << " % may)");
    }
}

TEST_CASE("the pixel comparison tolerates anti-aliasing and hinting, not a moved legend or a missing series") {
    ensureApp();
    const GoldenFigure f = goldenFigures().front();
    const QImage image = render(f).convertToFormat(QImage::Format_ARGB32);
    REQUIRE_FALSE(image.isNull());
    CHECK(compareImages(image, image).differing == 0);
    // Every edge a pixel to the right (as hinting may move a glyph's edge), and every channel a
    // little off (as anti-aliasing or another rasteriser may shade an edge): the same figure.
    QImage shifted(image.size(), QImage::Format_ARGB32);
    shifted.fill(Qt::white);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 1; x < image.width(); ++x) {
            const QRgb p = image.pixel(x - 1, y);
            const int n = (x + y) % 2 ? 30 : -30;
            shifted.setPixel(x, y,
                             qRgb(std::clamp(qRed(p) + n, 0, 255), std::clamp(qGreen(p) + n, 0, 255),
                                  std::clamp(qBlue(p) + n, 0, 255)));
        }
    CHECK(compareImages(shifted, image).same());
    // A series gone: the pixels of the first series' colour (Okabe-Ito orange) turned white.
    QImage missing = image;
    long removed = 0;
    for (int y = 0; y < missing.height(); ++y)
        for (int x = 0; x < missing.width(); ++x)
            if (close(missing.pixel(x, y), qRgb(0xE6, 0x9F, 0x00))) {
                missing.setPixel(x, y, qRgb(255, 255, 255));
                ++removed;
            }
    CHECK(removed > 0);
    const ImageDifference gone = compareImages(missing, image);
    CAPTURE(gone.differing);
    CHECK_FALSE(gone.same());
    // The legend moved beside the plot (a style file asks for it; the golden figure has it
    // below): not the same figure.
    const fs::path style = outDir() / "legend-right.json";
    {
        std::ofstream s(style);
        s << R"({"format": "tinyfoot.figure_style", "version": 1, "id": "legend-right", "name": "legend right",
                 "columns": {"single": {"value": 3.5, "unit": "in"}}, "legend": "right"})";
    }
    const QImage moved = render(f, {"--style", style.string()});
    REQUIRE_FALSE(moved.isNull());
    const ImageDifference d = compareImages(moved, image);
    CAPTURE(d.differing);
    CHECK_FALSE(d.same());
}
