// TinyFoot Studio's main window: the study's systems (with the preset gallery), the footprint
// chart and the study views, the components of the selected system with their editor, the
// comparison, undo/redo, New/Open/Open Recent/Save/Save As with autosave and recovery, and figure
// export for papers.
#pragma once

#include "autosave.h"
#include "comparison_model.h"
#include "component_model.h"
#include "figure_factory.h"
#include "impact_view.h"
#include "recent_files.h"
#include "refresh_when_shown.h"
#include "study_document.h"
#include "study_views.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QCustomPlot;
class QListWidget;
class QTableView;
class QComboBox;
class QAction;
class QTabWidget;

namespace tinyfoot::studio {

class ComponentEditor;

/// The About box's text: the version, every factor set and HSL catalogue with its sources and
/// the licences its numbers are under.
QString aboutText(const Library& library);

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `studyData`: the sector totals and growth curves studies may name (app::loadStudyData).
    /// `autosaveFolder`: where unsaved work is autosaved (default: the user's data folder).
    explicit MainWindow(const Library& library, study::StudyData studyData = {},
                        const QString& autosaveFolder = Autosaver::defaultFolder(), QWidget* parent = nullptr);
    ~MainWindow() override;

    StudyDocument& document() { return m_doc; }
    /// The footprint chart (brought up to date first, as showing it would).
    QCustomPlot& chart() {
        m_footprintRefresh->update();
        return *m_chart;
    }
    ComparisonModel& comparison() { return m_comparison; }
    StudyViews& studyViews() { return *m_studyViews; }
    QTabWidget& centralTabs() { return *m_centralTabs; }
    ImpactView& impactView() { return *m_impactView; }
    ComponentEditor& editor() { return *m_editor; }
    RecentFiles& recentFiles() { return m_recent; }
    Autosaver& autosaver() { return *m_autosave; }

    /// Opens a file, showing the error (and keeping the open study) when it fails.
    bool openFile(const QString& file);
    /// Selects a system (row of the systems list) and one of its components in the editor.
    void select(int system, int component);

    /// The figure the window shows now (the footprint chart, or the current study view) with its
    /// data as CSV; empty when that view has nothing to show yet.
    charts::Figure currentFigure() const;

    /// The footprint chart's tooltip at a point of the chart widget: the system, the block and
    /// its kg, and each component of the block with its lines, factors and sources; empty off
    /// the bars.
    QString chartTooltipAt(const QPoint& position) const;

    /// Writes the environmental section of an ML-sensor datasheet for every system of the study
    /// (report/datasheet.h) to `path`: Markdown (.md), HTML (.html) or PDF (.pdf), atomically.
    OperationResult exportDatasheet(const QString& path) const;

    /// Removes the selected system; when the study's analysis names it, asks first whether to
    /// cancel or to remove the system and those entries (StudyDocument::removeSystemAndAnalysis).
    void removeSystem();
    /// Writes the figures of `views` as the panels (a), (b), (c) … of one figure (charts/panels.h)
    /// to `path` (.pdf, .svg or .png) at `size`, in one row, and their data as CSV beside it; a
    /// view with nothing to show yet (a study view not run) fails, naming it.
    OperationResult exportPanels(const QString& path, const std::vector<charts::FigureView>& views,
                                 const charts::ExportOptions& size) const;

    /// Offers to recover studies autosaved by a session that did not end cleanly (asks the user).
    void offerRecovery();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void refresh();
    /// Redraws the figures with the View menu's options (each when it is shown).
    void applyChartOptions();
    /// Asks whether to save unsaved changes; false when the user cancels (or the save fails).
    bool maybeSave();
    bool save();
    bool saveAs();
    void newStudy();
    void exportFigure();
    void exportPanelsDialog();
    void exportDatasheetDialog();
    void addPresets();
    void addComponent();
    void removeComponent();
    int currentSystem() const;
    int currentComponent() const;

    const Library& m_library;
    study::StudyData m_data;
    StudyDocument m_doc;
    ComponentModel m_model;
    ComparisonModel m_comparison;
    RecentFiles m_recent;
    std::unique_ptr<Autosaver> m_autosave; ///< after m_doc: it watches the document
    charts::ChartOptions m_chartOptions;
    QCustomPlot* m_chart = nullptr;
    RefreshWhenShown* m_footprintRefresh = nullptr;
    QTabWidget* m_centralTabs = nullptr;
    StudyViews* m_studyViews = nullptr;
    ImpactView* m_impactView = nullptr;
    QListWidget* m_systems = nullptr;
    QTableView* m_table = nullptr;
    ComponentEditor* m_editor = nullptr;
    QComboBox* m_factorSets = nullptr;
};

} // namespace tinyfoot::studio
