#include "export_dialog.h"

#include "data_library.h"
#include "style_options.h"

#include "tinyfoot/engine/error.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tinyfoot::studio {

namespace {

constexpr double kMillimetresPerInch = 25.4; // exact, by definition of the inch
constexpr double kPointsPerInch = 72.0;      // PostScript points: the figure's layout unit
constexpr double kMinInches = 0.5;           // as `tinyfoot chart` and charts::exportFigure
constexpr double kMaxInches = 40.0;
constexpr int kMinDpi = 36;
constexpr int kMaxDpi = 2400;

QString formatKey(ExportDialog::Format f) {
    switch (f) {
    case ExportDialog::Format::Pdf: return QStringLiteral("pdf");
    case ExportDialog::Format::Svg: return QStringLiteral("svg");
    case ExportDialog::Format::Png: return QStringLiteral("png");
    }
    return QStringLiteral("pdf");
}

QString presetKey(ExportDialog::SizePreset p) {
    switch (p) {
    case ExportDialog::SizePreset::SingleColumn: return QStringLiteral("single");
    case ExportDialog::SizePreset::DoubleColumn: return QStringLiteral("double");
    case ExportDialog::SizePreset::Custom: return QStringLiteral("custom");
    }
    return QStringLiteral("single");
}

/// The figure's layout size in points, as charts::exportFigure lays it out.
QSize layoutPoints(const charts::ExportOptions& e) {
    return {static_cast<int>(std::lround(e.widthInches * kPointsPerInch)),
            static_cast<int>(std::lround(e.heightInches * kPointsPerInch))};
}

/// The pixel size of a PNG export (QCustomPlot scales the point layout by dpi / 72).
QSize pngPixels(const charts::ExportOptions& e) {
    const QSize pt = layoutPoints(e);
    const double scale = e.dpi / kPointsPerInch;
    return {static_cast<int>(std::lround(pt.width() * scale)), static_cast<int>(std::lround(pt.height() * scale))};
}

} // namespace

/// The preview: the figure as printed, scaled to fit, on a grey desk with a thin frame.
class ExportPreview : public QWidget {
public:
    explicit ExportPreview(QWidget* parent) : QWidget(parent) {
        setMinimumSize(360, 260);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }
    void setImage(QImage image) {
        m_image = std::move(image);
        update();
    }
    const QImage& image() const { return m_image; }
    /// The area the figure may take, in device-independent pixels.
    QSizeF room() const { return QSizeF(std::max(1, width() - 2 * kMargin), std::max(1, height() - 2 * kMargin)); }
    std::function<void()> resized;

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Mid));
        if (m_image.isNull()) return;
        const QSizeF size = QSizeF(m_image.size()) / m_image.devicePixelRatio();
        const QRectF page(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size);
        p.fillRect(page.translated(2, 2), QColor(0, 0, 0, 70));
        p.drawImage(page.topLeft(), m_image);
        p.setPen(palette().color(QPalette::Shadow));
        p.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5));
    }
    void resizeEvent(QResizeEvent*) override {
        if (resized) resized();
    }

private:
    static constexpr int kMargin = 12;
    QImage m_image;
};

ExportDialog::ExportDialog(DrawFunction draw, CsvFunction csv, QWidget* parent)
    : QDialog(parent), m_draw(std::move(draw)), m_csv(std::move(csv)), m_plot(std::make_unique<QCustomPlot>()) {
    setWindowTitle(tr("Export figure"));

    // Figure: format, size, resolution.
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("PDF (vector, fonts embedded)"));
    m_format->addItem(tr("SVG (vector, text as text)"));
    m_format->addItem(tr("PNG (raster)"));
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("sizePreset"));
    m_preset->addItem(tr("Single column (3.5 in)"));
    m_preset->addItem(tr("Double column (7.2 in)"));
    m_preset->addItem(tr("Custom"));
    m_unit = new QComboBox(this);
    m_unit->setObjectName(QStringLiteral("unit"));
    m_unit->addItem(tr("mm"));
    m_unit->addItem(tr("in"));
    m_width = new QDoubleSpinBox(this);
    m_width->setObjectName(QStringLiteral("width"));
    m_height = new QDoubleSpinBox(this);
    m_height->setObjectName(QStringLiteral("height"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width, 1);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height, 1);
    sizeRow->addWidget(m_unit);
    m_dpi = new QSpinBox(this);
    m_dpi->setObjectName(QStringLiteral("dpi"));
    m_dpi->setRange(kMinDpi, kMaxDpi);
    m_dpi->setSingleStep(50);
    m_dpi->setSuffix(tr(" dpi"));
    m_pixels = new QLabel(this);
    m_pixels->setObjectName(QStringLiteral("pixels"));
    auto* dpiRow = new QHBoxLayout;
    dpiRow->addWidget(m_dpi, 1);
    dpiRow->addWidget(m_pixels, 1);

    // Journal styles: the library's, each column its own entry, then a file of the user's.
    try {
        m_styles = app::loadFigureStyles(app::findDataRoot(std::nullopt));
    } catch (const std::exception&) {
        m_styles.clear(); // the dialog works without them; the CLI reports a bad style file
    }
    m_style = new QComboBox(this);
    m_style->setObjectName(QStringLiteral("style"));
    m_style->addItem(tr("None (the settings below)"), QString());
    for (const auto& st : m_styles)
        for (const auto& c : st.columns)
            m_style->addItem(QStringLiteral("%1 \u2014 %2 (%3 mm)")
                                 .arg(QString::fromStdString(st.name), QString::fromStdString(c.id))
                                 .arg(QString::number(c.width.inches() * kMillimetresPerInch, 'f', 0)),
                             QString::fromStdString(st.id + ":" + c.id));
    m_style->addItem(tr("Style file…"), QStringLiteral("file"));
    m_style->setToolTip(tr("A publisher's column width and font sizes from its author guidelines (data/styles), or "
                           "a style file saved here or written by hand; `tinyfoot chart --style` takes the same"));
    auto* saveStyleButton = new QPushButton(tr("Save st&yle…"), this);
    saveStyleButton->setObjectName(QStringLiteral("saveStyle"));
    saveStyleButton->setToolTip(tr("These settings as a style file, for the next figure or `tinyfoot chart --style`"));
    auto* styleRow = new QHBoxLayout;
    styleRow->addWidget(m_style, 1);
    styleRow->addWidget(saveStyleButton);
    connect(m_style, &QComboBox::activated, this, [this](int index) {
        QString choice = m_style->itemData(index).toString();
        if (choice.isEmpty()) return;
        if (choice == QLatin1String("file")) {
            choice = QFileDialog::getOpenFileName(this, tr("Style file"), QString(), tr("Figure styles (*.json)"));
            if (choice.isEmpty()) return;
        }
        if (const OperationResult r = applyStyleChoice(choice); r.failed())
            QMessageBox::warning(this, tr("Style"), r.message());
    });
    connect(saveStyleButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save style"), QStringLiteral("my-style.json"),
                                                          tr("Figure styles (*.json)"));
        if (path.isEmpty()) return;
        if (const OperationResult r = saveStyle(path); r.failed())
            QMessageBox::warning(this, tr("Save style"), r.message());
    });

    auto* figureBox = new QGroupBox(tr("Figure"), this);
    auto* figureForm = new QFormLayout(figureBox);
    auto* styleLabel = new QLabel(tr("S&tyle:"), this);
    styleLabel->setBuddy(m_style);
    figureForm->addRow(styleLabel, styleRow);
    figureForm->addRow(tr("&Format:"), m_format);
    figureForm->addRow(tr("&Size:"), m_preset);
    auto* sizeLabel = new QLabel(tr("&Width × height:"), this);
    sizeLabel->setBuddy(m_width);
    figureForm->addRow(sizeLabel, sizeRow);
    auto* dpiLabel = new QLabel(tr("&Resolution:"), this);
    dpiLabel->setBuddy(m_dpi);
    figureForm->addRow(dpiLabel, dpiRow);

    // Appearance: fonts, palette, legend, title, axis.
    m_font = new QFontComboBox(this);
    m_font->setObjectName(QStringLiteral("font"));
    m_font->setFontFilters(QFontComboBox::ScalableFonts);
    m_fontPoints = new QSpinBox(this);
    m_fontPoints->setObjectName(QStringLiteral("fontPoints"));
    m_fontPoints->setRange(static_cast<int>(charts::kMinimumFontPoints), 36);
    m_fontPoints->setSuffix(tr(" pt"));
    auto* fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_fontPoints);
    m_palette = new QComboBox(this);
    m_palette->setObjectName(QStringLiteral("palette"));
    m_palette->addItem(tr("Okabe–Ito (colour-blind safe)"));
    m_palette->addItem(tr("Greyscale with hatching (print)"));
    m_title = new QCheckBox(tr("&Title:"), this);
    m_title->setObjectName(QStringLiteral("title"));
    m_titleEdit = new QLineEdit(charts::ChartOptions{}.titleText, this);
    m_titleEdit->setObjectName(QStringLiteral("titleText"));
    m_legend = new QCheckBox(tr("&Legend"), this);
    m_legend->setObjectName(QStringLiteral("legend"));
    m_logAxis = new QCheckBox(tr("Lo&garithmic axis"), this);
    m_logAxis->setObjectName(QStringLiteral("logAxis"));
    m_bars = new QComboBox(this);
    m_bars->setObjectName(QStringLiteral("bars"));
    m_bars->addItem(tr("Stacked blocks (on the value axis)"));
    m_bars->addItem(tr("Totals, and the blocks' shares below"));
    m_bars->setToolTip(tr("The footprint figure: on a log axis, stacked segments do not show their shares; "
                          "'Totals, and the blocks' shares' shows both honestly"));
    auto* toggles = new QHBoxLayout;
    toggles->addWidget(m_legend);
    toggles->addWidget(m_logAxis);
    toggles->addStretch(1);

    auto* lookBox = new QGroupBox(tr("Appearance"), this);
    auto* lookForm = new QFormLayout(lookBox);
    auto* fontLabel = new QLabel(tr("F&ont:"), this);
    fontLabel->setBuddy(m_font);
    lookForm->addRow(fontLabel, fontRow);
    auto* paletteLabel = new QLabel(tr("&Palette:"), this);
    paletteLabel->setBuddy(m_palette);
    lookForm->addRow(paletteLabel, m_palette);
    lookForm->addRow(m_title, m_titleEdit);
    auto* barsLabel = new QLabel(tr("&Bars:"), this);
    barsLabel->setBuddy(m_bars);
    lookForm->addRow(barsLabel, m_bars);
    lookForm->addRow(QString(), toggles);

    m_writeCsv = new QCheckBox(tr("Write the figure's &data as CSV beside it"), this);
    m_writeCsv->setObjectName(QStringLiteral("writeCsv"));
    m_writeCsv->setToolTip(tr("FIGURE.csv in the same folder, replaced if it exists"));

    auto* panel = new QWidget(this);
    auto* settings = new QVBoxLayout(panel);
    settings->setContentsMargins(0, 0, 0, 0);
    settings->addWidget(figureBox);
    settings->addWidget(lookBox);
    settings->addWidget(m_writeCsv);
    settings->addStretch(1);

    // The preview at the figure's aspect ratio.
    m_preview = new ExportPreview(this);
    m_preview->resized = [this] { schedulePreview(); };
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setAlignment(Qt::AlignCenter);
    auto* previewBox = new QGroupBox(tr("Preview"), this);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview, 1);
    previewLayout->addWidget(m_caption);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* exportButton = buttons->addButton(tr("&Export..."), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::chooseFileAndExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* top = new QHBoxLayout;
    top->addWidget(panel, 0);
    top->addWidget(previewBox, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(60);
    connect(m_previewTimer, &QTimer::timeout, this, &ExportDialog::renderPreview);

    // The fields' widths depend on the unit and the format: size the panel for the widest, so
    // that switching does not move the preview.
    int widest = 0;
    for (int u = 0; u < m_unit->count(); ++u) {
        for (int f = 0; f < m_format->count(); ++f) {
            m_unit->setCurrentIndex(u);
            m_format->setCurrentIndex(f);
            syncWidgets();
            settings->invalidate();
            widest = std::max(widest, panel->sizeHint().width());
        }
    }
    panel->setMinimumWidth(widest);
    restoreSettings();

    const auto changed = [this] {
        if (m_syncing) return;
        syncWidgets();
        schedulePreview();
    };
    connect(m_format, &QComboBox::currentIndexChanged, this, changed);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this, changed](int) {
        if (m_syncing) return;
        if (sizePreset() != SizePreset::Custom) m_widthInches = charts::columnWidthInches(presetKey(sizePreset()));
        changed();
    });
    connect(m_unit, &QComboBox::currentIndexChanged, this, changed);
    connect(m_width, &QDoubleSpinBox::valueChanged, this, &ExportDialog::widthEdited);
    connect(m_height, &QDoubleSpinBox::valueChanged, this, &ExportDialog::heightEdited);
    connect(m_dpi, &QSpinBox::valueChanged, this, changed);
    connect(m_font, &QFontComboBox::currentFontChanged, this, changed);
    connect(m_fontPoints, &QSpinBox::valueChanged, this, changed);
    connect(m_palette, &QComboBox::currentIndexChanged, this, changed);
    connect(m_title, &QCheckBox::toggled, this, changed);
    connect(m_titleEdit, &QLineEdit::textChanged, this, changed);
    connect(m_legend, &QCheckBox::toggled, this, changed);
    connect(m_logAxis, &QCheckBox::toggled, this, changed);
    connect(m_bars, &QComboBox::currentIndexChanged, this, changed);
    resize(960, 560);
}

ExportDialog::~ExportDialog() = default;

double ExportDialog::toShown(double inches) const {
    return unit() == Unit::Millimetres ? inches * kMillimetresPerInch : inches;
}

double ExportDialog::fromShown(double shown) const {
    return unit() == Unit::Millimetres ? shown / kMillimetresPerInch : shown;
}

void ExportDialog::syncWidgets() {
    m_syncing = true;
    const bool mm = unit() == Unit::Millimetres;
    for (QDoubleSpinBox* box : {m_width, m_height}) {
        box->setDecimals(mm ? 1 : 2);
        box->setSingleStep(mm ? 1.0 : 0.1);
        box->setRange(toShown(kMinInches), toShown(kMaxInches));
        box->setSuffix(mm ? tr(" mm") : tr(" in"));
    }
    m_width->setValue(toShown(m_widthInches));
    m_height->setValue(toShown(m_heightInches));
    m_width->setEnabled(sizePreset() == SizePreset::Custom);
    const bool png = format() == Format::Png;
    m_dpi->setEnabled(png);
    m_pixels->setEnabled(png);
    const QSize px = pngPixels(exportOptions());
    m_pixels->setText(png ? tr("%1 × %2 px").arg(px.width()).arg(px.height()) : tr("vector: no resolution"));
    m_titleEdit->setEnabled(m_title->isChecked());
    m_writeCsv->setEnabled(static_cast<bool>(m_csv));
    const QLocale locale;
    m_caption->setText(tr("%1 × %2 mm  (%3 × %4 in)")
                           .arg(locale.toString(m_widthInches * kMillimetresPerInch, 'f', 1),
                                locale.toString(m_heightInches * kMillimetresPerInch, 'f', 1),
                                locale.toString(m_widthInches, 'f', 2), locale.toString(m_heightInches, 'f', 2)));
    m_syncing = false;
}

void ExportDialog::widthEdited(double shown) {
    if (m_syncing) return;
    m_widthInches = std::clamp(fromShown(shown), kMinInches, kMaxInches);
    syncWidgets();
    schedulePreview();
}

void ExportDialog::heightEdited(double shown) {
    if (m_syncing) return;
    m_heightInches = std::clamp(fromShown(shown), kMinInches, kMaxInches);
    syncWidgets();
    schedulePreview();
}

charts::ExportOptions ExportDialog::exportOptions() const {
    charts::ExportOptions e;
    e.widthInches = m_widthInches;
    e.heightInches = m_heightInches;
    e.dpi = m_dpi->value();
    return e;
}

charts::ChartOptions ExportDialog::chartOptions() const {
    charts::ChartOptions o;
    o.logAxis = m_logAxis->isChecked();
    o.bars = m_bars->currentIndex() == 1 ? charts::BarStyle::Share : charts::BarStyle::Stacked;
    o.palette = m_palette->currentIndex() == 1 ? charts::Palette::Grey : charts::Palette::OkabeIto;
    o.legend = m_legend->isChecked();
    o.title = m_title->isChecked();
    o.titleText = m_titleEdit->text();
    o.fontFamily = m_font->currentFont().family();
    o.fontPoints = m_fontPoints->value();
    o.minimumFontPoints = m_minimumFontPoints;
    o.legendPlacement = m_legendPlacement;
    return o;
}

QStringList ExportDialog::styleChoices() const {
    QStringList ids;
    for (int i = 0; i < m_style->count(); ++i)
        if (const QString id = m_style->itemData(i).toString(); !id.isEmpty() && id != QLatin1String("file")) ids << id;
    return ids;
}

OperationResult ExportDialog::applyStyleChoice(const QString& choice) {
    app::FigureStyle fromFile;
    const app::FigureStyle* style = nullptr;
    std::string column;
    const qsizetype colon = choice.indexOf(QLatin1Char(':'));
    if (colon > 0 && styleChoices().contains(choice)) {
        style = app::findFigureStyle(m_styles, choice.left(colon).toStdString());
        column = choice.mid(colon + 1).toStdString();
    } else {
        try {
            fromFile = app::loadFigureStyleFile(choice.toStdString());
        } catch (const std::exception& e) {
            return OperationResult::failure(QString::fromStdString(e.what()));
        }
        style = &fromFile;
    }
    if (!style) return OperationResult::failure(tr("No style '%1'.").arg(choice));
    charts::ChartOptions o = chartOptions();
    charts::ExportOptions e = exportOptions();
    if (!charts::applyStyle(*style, column, o, e))
        return OperationResult::failure(tr("The style '%1' has no column '%2' (it has %3).")
                                            .arg(QString::fromStdString(style->id), QString::fromStdString(column),
                                                 QString::fromStdString(style->columnIds())));
    m_minimumFontPoints = o.minimumFontPoints;
    m_legendPlacement = o.legendPlacement;
    setChartOptions(o);
    setCustomSizeInches(e.widthInches, e.heightInches);
    const int index = m_style->findData(choice);
    const QSignalBlocker block(m_style);
    m_style->setCurrentIndex(index >= 0 ? index : 0);
    return OperationResult::success();
}

OperationResult ExportDialog::saveStyle(const QString& path) const {
    const QString id = QFileInfo(path).completeBaseName().toLower().replace(
        QRegularExpression(QStringLiteral("[^a-z0-9-]")), QStringLiteral("-"));
    const app::FigureStyle st =
        charts::styleOf(chartOptions(), exportOptions(), id.isEmpty() ? std::string("my-style") : id.toStdString(),
                        QFileInfo(path).completeBaseName().toStdString());
    const std::string text = app::figureStyleJson(st);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.commit())
        return OperationResult::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return OperationResult::success();
}

ExportDialog::Format ExportDialog::format() const {
    switch (m_format->currentIndex()) {
    case 1: return Format::Svg;
    case 2: return Format::Png;
    default: return Format::Pdf;
    }
}

void ExportDialog::setFormat(Format f) { m_format->setCurrentIndex(static_cast<int>(f)); }

ExportDialog::SizePreset ExportDialog::sizePreset() const {
    switch (m_preset->currentIndex()) {
    case 1: return SizePreset::DoubleColumn;
    case 2: return SizePreset::Custom;
    default: return SizePreset::SingleColumn;
    }
}

void ExportDialog::setSizePreset(SizePreset p) {
    if (p != SizePreset::Custom) m_widthInches = charts::columnWidthInches(presetKey(p));
    m_syncing = true;
    m_preset->setCurrentIndex(static_cast<int>(p));
    m_syncing = false;
    syncWidgets();
    schedulePreview();
}

ExportDialog::Unit ExportDialog::unit() const { return m_unit->currentIndex() == 1 ? Unit::Inches : Unit::Millimetres; }

void ExportDialog::setUnit(Unit u) { m_unit->setCurrentIndex(u == Unit::Inches ? 1 : 0); }

double ExportDialog::shownWidth() const { return m_width->value(); }

double ExportDialog::shownHeight() const { return m_height->value(); }

void ExportDialog::setCustomSizeInches(double w, double h) {
    m_widthInches = std::clamp(w, kMinInches, kMaxInches);
    m_heightInches = std::clamp(h, kMinInches, kMaxInches);
    setSizePreset(SizePreset::Custom);
}

void ExportDialog::setHeightInches(double h) {
    m_heightInches = std::clamp(h, kMinInches, kMaxInches);
    syncWidgets();
    schedulePreview();
}

void ExportDialog::setDpi(int dpi) { m_dpi->setValue(dpi); }

void ExportDialog::setChartOptions(const charts::ChartOptions& o) {
    m_syncing = true;
    m_logAxis->setChecked(o.logAxis);
    m_bars->setCurrentIndex(o.bars == charts::BarStyle::Share ? 1 : 0);
    m_palette->setCurrentIndex(o.palette == charts::Palette::Grey ? 1 : 0);
    m_legend->setChecked(o.legend);
    m_title->setChecked(o.title);
    m_titleEdit->setText(o.titleText);
    m_font->setCurrentFont(QFont(o.fontFamily));
    m_fontPoints->setValue(static_cast<int>(std::lround(o.fontPoints)));
    m_syncing = false;
    syncWidgets();
    schedulePreview();
}

void ExportDialog::setTitleText(const QString& text) { m_titleEdit->setText(text); }

bool ExportDialog::writesCsv() const { return m_csv && m_writeCsv->isChecked(); }

void ExportDialog::setWritesCsv(bool on) { m_writeCsv->setChecked(on); }

void ExportDialog::setSuggestedName(const QString& baseName) { m_suggestedName = baseName; }

QString ExportDialog::suffix() const { return formatKey(format()); }

QString ExportDialog::figurePathFor(const QString& path) const {
    if (QFileInfo(path).suffix().compare(suffix(), Qt::CaseInsensitive) == 0) return path;
    return path + QLatin1Char('.') + suffix();
}

QString ExportDialog::csvPathFor(const QString& figurePath) {
    const QFileInfo info(figurePath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".csv"));
}

OperationResult ExportDialog::exportTo(const QString& path) {
    if (path.isEmpty()) return OperationResult::failure(tr("no file name given"));
    const QString ext = QFileInfo(path).suffix().toLower();
    for (Format other : {Format::Pdf, Format::Svg, Format::Png})
        if (other != format() && ext == formatKey(other))
            return OperationResult::failure(
                tr("%1: the name ends in .%2 but the chosen format is %3").arg(path, ext, suffix().toUpper()));
    if (!m_draw) return OperationResult::failure(tr("there is no figure to export"));
    const QString figure = figurePathFor(path);
    const charts::ExportOptions e = exportOptions();
    QCustomPlot plot;
    plot.resize(layoutPoints(e));
    m_draw(plot, chartOptions());
    const QString error = charts::exportFigure(plot, figure, e);
    if (!error.isEmpty()) return OperationResult::failure(error);
    QString csvFile;
    if (writesCsv()) {
        csvFile = csvPathFor(figure);
        try {
            app::saveAtomically(csvFile.toStdString(), m_csv());
        } catch (const std::exception& x) {
            return OperationResult::failure(
                tr("%1 was written, but not its data: %2").arg(figure, QString::fromStdString(x.what())));
        }
    }
    m_exportedFigure = figure;
    m_exportedCsv = csvFile;
    return OperationResult::success();
}

void ExportDialog::chooseFileAndExport() {
    QFileDialog chooser(this, tr("Export figure"));
    chooser.setAcceptMode(QFileDialog::AcceptSave);
    chooser.setDefaultSuffix(suffix());
    chooser.setNameFilter(tr("%1 figures (*.%2)").arg(suffix().toUpper(), suffix()));
    const QString folder = QSettings().value(QStringLiteral("export/folder")).toString();
    chooser.setDirectory(folder.isEmpty() || !QFileInfo(folder).isDir() ? QDir::homePath() : folder);
    chooser.selectFile(m_suggestedName + QLatin1Char('.') + suffix());
    if (chooser.exec() != QDialog::Accepted || chooser.selectedFiles().isEmpty()) return;
    const OperationResult exported = exportTo(chooser.selectedFiles().constFirst());
    if (exported.failed()) {
        QMessageBox::warning(this, tr("Cannot export"), exported.message());
        return;
    }
    saveSettings();
    accept();
}

void ExportDialog::saveSettings() const {
    QSettings s;
    s.setValue(QStringLiteral("export/format"), suffix());
    s.setValue(QStringLiteral("export/size"), presetKey(sizePreset()));
    s.setValue(QStringLiteral("export/unit"), unit() == Unit::Inches ? QStringLiteral("in") : QStringLiteral("mm"));
    s.setValue(QStringLiteral("export/width_in"), m_widthInches);
    s.setValue(QStringLiteral("export/height_in"), m_heightInches);
    s.setValue(QStringLiteral("export/dpi"), m_dpi->value());
    const charts::ChartOptions o = chartOptions();
    s.setValue(QStringLiteral("export/font_family"), o.fontFamily);
    s.setValue(QStringLiteral("export/font_pt"), m_fontPoints->value());
    s.setValue(QStringLiteral("export/palette"),
               o.palette == charts::Palette::Grey ? QStringLiteral("grey") : QStringLiteral("okabe-ito"));
    s.setValue(QStringLiteral("export/legend"), o.legend);
    s.setValue(QStringLiteral("export/title"), o.title);
    s.setValue(QStringLiteral("export/log_axis"), o.logAxis);
    s.setValue(QStringLiteral("export/bars"),
               o.bars == charts::BarStyle::Share ? QStringLiteral("share") : QStringLiteral("stacked"));
    s.setValue(QStringLiteral("export/write_csv"), m_writeCsv->isChecked());
    if (!m_exportedFigure.isEmpty())
        s.setValue(QStringLiteral("export/folder"), QFileInfo(m_exportedFigure).absolutePath());
}

void ExportDialog::restoreSettings() {
    const QSettings s;
    const charts::ChartOptions defaults;
    const charts::ExportOptions sizeDefaults;
    m_syncing = true;
    const QString f = s.value(QStringLiteral("export/format"), QStringLiteral("pdf")).toString();
    m_format->setCurrentIndex(f == QLatin1String("svg") ? 1 : f == QLatin1String("png") ? 2 : 0);
    const QString p = s.value(QStringLiteral("export/size"), QStringLiteral("single")).toString();
    m_preset->setCurrentIndex(p == QLatin1String("double") ? 1 : p == QLatin1String("custom") ? 2 : 0);
    m_unit->setCurrentIndex(s.value(QStringLiteral("export/unit")).toString() == QLatin1String("in") ? 1 : 0);
    const auto inches = [&s](const QString& key, double fallback) {
        bool ok = false;
        const double v = s.value(key, fallback).toDouble(&ok);
        return ok && std::isfinite(v) ? std::clamp(v, kMinInches, kMaxInches) : fallback;
    };
    m_widthInches = inches(QStringLiteral("export/width_in"), sizeDefaults.widthInches);
    m_heightInches = inches(QStringLiteral("export/height_in"), sizeDefaults.heightInches);
    if (sizePreset() != SizePreset::Custom) m_widthInches = charts::columnWidthInches(presetKey(sizePreset()));
    m_dpi->setValue(std::clamp(s.value(QStringLiteral("export/dpi"), sizeDefaults.dpi).toInt(), kMinDpi, kMaxDpi));
    m_font->setCurrentFont(QFont(s.value(QStringLiteral("export/font_family"), defaults.fontFamily).toString()));
    m_fontPoints->setValue(s.value(QStringLiteral("export/font_pt"), defaults.fontPoints).toInt());
    m_palette->setCurrentIndex(s.value(QStringLiteral("export/palette")).toString() == QLatin1String("grey") ? 1 : 0);
    m_legend->setChecked(s.value(QStringLiteral("export/legend"), defaults.legend).toBool());
    m_title->setChecked(s.value(QStringLiteral("export/title"), defaults.title).toBool());
    m_logAxis->setChecked(s.value(QStringLiteral("export/log_axis"), defaults.logAxis).toBool());
    m_bars->setCurrentIndex(s.value(QStringLiteral("export/bars")).toString() == QLatin1String("share") ? 1 : 0);
    m_writeCsv->setChecked(s.value(QStringLiteral("export/write_csv"), true).toBool());
    m_syncing = false;
    syncWidgets();
    schedulePreview();
}

void ExportDialog::schedulePreview() {
    if (m_previewTimer) m_previewTimer->start();
}

void ExportDialog::renderPreview() {
    m_previewTimer->stop();
    if (!m_draw) return;
    const QSize pt = layoutPoints(exportOptions());
    const QSizeF room = m_preview->room();
    const double scale = std::min(room.width() / pt.width(), room.height() / pt.height());
    const double dpr = m_preview->devicePixelRatioF();
    m_plot->resize(pt);
    m_draw(*m_plot, chartOptions());
    QImage image = m_plot->toPixmap(pt.width(), pt.height(), scale * dpr).toImage();
    image.setDevicePixelRatio(dpr);
    m_preview->setImage(std::move(image));
}

QImage ExportDialog::previewImage() {
    if (m_previewTimer->isActive() || m_preview->image().isNull()) renderPreview();
    return m_preview->image();
}

void ExportDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    renderPreview();
}

} // namespace tinyfoot::studio
