// The figure export dialog of TinyFoot Studio: a journal style (the library's data/styles, each
// publisher's columns, or a style file; "Save style…" writes the dialog's settings as one), format
// (PDF, SVG, PNG), size (single or double
// column, or custom, shown in mm or in), PNG resolution, font, palette, legend, title, log axis,
// the footprint's bar style and the figure's data as CSV beside it, with a preview of the figure at its printed aspect
// ratio. It does not know which figure it exports: the caller gives it a function that draws the
// figure with given options and one that returns the figure's data as CSV. Its settings persist
// in QSettings under "export/".
#pragma once

#include "figure.h"
#include "figure_style.h"
#include "operation_result.h"

#include <QDialog>
#include <QImage>
#include <QString>

#include <functional>
#include <memory>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace tinyfoot::studio {

class ExportPreview;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// Draws the figure on a plot with the given options (replacing what the plot held).
    using DrawFunction = std::function<void(QCustomPlot&, const charts::ChartOptions&)>;
    /// The figure's data as CSV text.
    using CsvFunction = std::function<std::string()>;

    enum class Format { Pdf, Svg, Png };
    enum class SizePreset { SingleColumn, DoubleColumn, Custom };
    enum class Unit { Millimetres, Inches };

    /// Restores the settings of the last export (QSettings "export/...").
    ExportDialog(DrawFunction draw, CsvFunction csv, QWidget* parent = nullptr);
    ~ExportDialog() override;

    /// The size and resolution the figure is exported at (inches, dpi).
    charts::ExportOptions exportOptions() const;
    /// The options the figure is drawn with.
    charts::ChartOptions chartOptions() const;

    Format format() const;
    void setFormat(Format format);
    SizePreset sizePreset() const;
    /// A column preset sets the width (3.5 or 7.2 in) and keeps the height; Custom keeps both.
    void setSizePreset(SizePreset preset);
    Unit unit() const;
    /// Switches the unit the width and height are shown in, converting the shown numbers.
    void setUnit(Unit unit);
    /// The width and height as shown, in the current unit.
    double shownWidth() const;
    double shownHeight() const;
    /// A custom size in inches (selects the Custom preset).
    void setCustomSizeInches(double widthInches, double heightInches);
    void setHeightInches(double heightInches);
    void setDpi(int dpi);
    /// Sets every drawing option: axis, palette, legend, title and its text, font and size.
    void setChartOptions(const charts::ChartOptions& options);
    /// The title text is not a persisted setting: the caller sets it (the study's name, say).
    void setTitleText(const QString& text);
    bool writesCsv() const;
    void setWritesCsv(bool on);
    /// The base name the file chooser suggests ("figure" by default).
    void setSuggestedName(const QString& baseName);

    /// The styles offered: the library's (data/styles, loaded when the dialog opens), as
    /// "STYLE:COLUMN" ids ("ieee:single"), in the Style list's order after "none".
    QStringList styleChoices() const;
    /// Applies a style to the settings (as `tinyfoot chart --style` does): "STYLE:COLUMN" of the
    /// library, or the path of a style file (its first column). The settings stay editable after.
    OperationResult applyStyleChoice(const QString& choice);
    /// Writes the settings as a style file (format tinyfoot.figure_style) that applyStyleChoice
    /// and `tinyfoot chart --style FILE` read back to the same figure.
    OperationResult saveStyle(const QString& path) const;

    /// The file extension of the chosen format: "pdf", "svg" or "png".
    QString suffix() const;
    /// The figure file `path` names for the chosen format: `path` itself when it ends in the
    /// format's extension, else `path` with the extension added.
    QString figurePathFor(const QString& path) const;
    /// The CSV written beside a figure: same folder and base name, ".csv".
    static QString csvPathFor(const QString& figurePath);

    /// Draws the figure and writes it to figurePathFor(path) (by charts::exportFigure), and the
    /// CSV beside it when asked (atomically). A path ending in another figure format's extension
    /// is refused.
    OperationResult exportTo(const QString& path);
    /// The figure and CSV files written by the last successful export ("" when none).
    const QString& exportedFigure() const { return m_exportedFigure; }
    const QString& exportedCsv() const { return m_exportedCsv; }

    void saveSettings() const;
    void restoreSettings();

    /// The preview at the figure's aspect ratio (rendering a pending update first).
    QImage previewImage();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void chooseFileAndExport();
    void syncWidgets();
    void widthEdited(double shown);
    void heightEdited(double shown);
    void schedulePreview();
    void renderPreview();
    double toShown(double inches) const;
    double fromShown(double shown) const;

    DrawFunction m_draw;
    CsvFunction m_csv;
    double m_widthInches = 3.5;
    double m_heightInches = 2.6;
    QString m_suggestedName = QStringLiteral("figure");
    QString m_exportedFigure;
    QString m_exportedCsv;
    bool m_syncing = false;

    std::vector<app::FigureStyle> m_styles; ///< the library's
    QComboBox* m_style = nullptr;
    /// What a style sets that the dialog has no field for (kept until another style is chosen).
    double m_minimumFontPoints = charts::kMinimumFontPoints;
    charts::LegendPlacement m_legendPlacement = charts::LegendPlacement::Auto;
    QComboBox* m_format = nullptr;
    QComboBox* m_preset = nullptr;
    QComboBox* m_unit = nullptr;
    QDoubleSpinBox* m_width = nullptr;
    QDoubleSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QLabel* m_pixels = nullptr;
    QFontComboBox* m_font = nullptr;
    QSpinBox* m_fontPoints = nullptr;
    QComboBox* m_palette = nullptr;
    QCheckBox* m_legend = nullptr;
    QCheckBox* m_title = nullptr;
    QLineEdit* m_titleEdit = nullptr;
    QCheckBox* m_logAxis = nullptr;
    QComboBox* m_bars = nullptr;
    QCheckBox* m_writeCsv = nullptr;
    QLabel* m_caption = nullptr;
    ExportPreview* m_preview = nullptr;
    QTimer* m_previewTimer = nullptr;
    std::unique_ptr<QCustomPlot> m_plot; ///< never shown: the preview is rendered from it
};

} // namespace tinyfoot::studio
