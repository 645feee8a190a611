// The study views of TinyFoot Studio: the open study's fleet over the years, growth curves,
// sector what-ifs, Monte Carlo error bars and distributions, tornado and Sobol charts, the
// differences (and ratios) of compared systems paired against independent runs, drawn by
// the same chart code as `tinyfoot chart --view`.
//
// Each tab follows the study when it is shown (refresh_when_shown.h): an edit marks the tabs out of
// date and only the one on screen recomputes. Fleet, growth, what-ifs and sweeps (sweep_view.h)
// run on the GUI thread. Monte Carlo and sensitivity run on
// a worker thread (analysis_job.h) with a progress bar and Cancel; the window never waits for
// them. A cancelled run shows what it had, marked partial; an edit while a run is going cancels
// it, and a result computed before the last edit is marked out of date.
//
// The run settings (fleet size and horizon, samples and seed) are part of the study: they are
// edited in its "analysis" member through the undo stack (edit_analysis_command.h) and saved
// with it. Each view's figure, its CSV and their defaults come from the figure factory
// (figure_factory.h), as they do for `tinyfoot chart`.
#pragma once

#include "analysis_job.h"
#include "figure_factory.h"
#include "operation_result.h"
#include "refresh_when_shown.h"
#include "study_document.h"
#include "sweep_view.h"

#include "tinyfoot/engine/study/study.h"

#include <QWidget>

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <string>

class QCustomPlot;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace tinyfoot::studio {

class StudyViews : public QWidget {
    Q_OBJECT
public:
    /// The tabs, in their order.
    enum View { Fleet, Growth, WhatIfs, Uncertainty, Distribution, Tornado, Sobol, Differences, Sweep, ViewCount };
    /// The tab that shows a figure of the factory (nullopt for the footprint, which the main
    /// window shows), and the figure a tab shows.
    static std::optional<View> viewShowing(charts::FigureView figure);
    static charts::FigureView figureOf(View view);

    StudyViews(StudyDocument& doc, const Library& library, const study::StudyData& studyData,
               QWidget* parent = nullptr);
    ~StudyViews() override;

    void setChartOptions(const charts::ChartOptions& options);
    View currentView() const;
    void setCurrentView(View view);

    /// Starts Monte Carlo (Uncertainty, Distribution) or sensitivity (Tornado, Sobol) for the
    /// study as it is now; cancels a run in progress first.
    void runUncertainty();
    void runSensitivity();
    void cancelRun();
    AnalysisJob* job() { return m_job; }
    /// True from the start of a run until its results (or its end) have been taken in.
    bool isRunning() const { return m_running; }

    /// The figure shown by `view`, to draw on any plot (for export), with its data as CSV. Empty
    /// when the view has nothing to show yet. A view out of date is brought up to date first.
    charts::Figure figure(View view);

    /// What the views show (each brought up to date first, as showing it would), for tests.
    QCustomPlot& plot(View view);
    QTableWidget& whatIfTable();
    SweepView& sweepView() { return *m_sweepView; }
    /// Whether a tab shows the study as it is (false while hidden after an edit), and how many
    /// times it has been refreshed.
    bool upToDate(View view) const { return m_refresh[view]->upToDate(); }
    int refreshes(View view) const { return m_refresh[view]->refreshes(); }
    const QString& status() const { return m_statusText; }
    bool resultsOutOfDate() const { return m_stale; }
    /// The reports shown (null until computed).
    const std::shared_ptr<const study::FleetReport>& fleetReport() {
        ensureFleet();
        return m_fleet;
    }
    const std::shared_ptr<const study::UncertaintyReport>& uncertaintyReport() const { return m_uncertainty; }
    const std::shared_ptr<const study::SensitivityReport>& sensitivityReport() const { return m_sensitivity; }

    /// Edits of the run settings, through the undo stack (merged while typing).
    void setFleetDevices(double devices);
    void setHorizonYears(int years);
    void setSamples(int samples);
    void setSeed(int seed);
    /// Sets the share (percent of the sector's yearly emissions) of the study's what-if `whatIf`
    /// (its index in "net": {"what_ifs": [...]}) through the undo stack, one step per edit; a
    /// value the engine refuses (outside 0–100 %) is not taken and the status line says why.
    OperationResult setWhatIfShare(std::size_t whatIf, double sharePercent);
    /// Sets the distribution of one input (by key) in the study's "uncertainty": {"inputs": [...]}
    /// through the undo stack: `spec` is its entry without "input" ({"distribution": "uniform",
    /// "unit": "year", "lower": 2, "upper": 5}, docs/studies.md §6), or null to give the input back
    /// to the default of its family. Refused, naming the field, when the engine would refuse it
    /// (an unknown key, a unit of another dimension, a missing bound).
    OperationResult setInputDistribution(const std::string& key, const nlohmann::json& spec);
    /// The default distributions of Monte Carlo and sensitivity (the study's "hsl" and "factors").
    void setHslDistribution(const QString& id);
    void setFactorDistribution(const QString& id);

    /// The category the Monte Carlo and sensitivity runs report: "co2e" (the default), an impact
    /// category id ("adpe", "wu" …, under the library's default impact set) or "single-score"
    /// (the EF 3.1 weighting). A view setting, not part of the study; changing it marks the
    /// results out of date. Returns false for an id the library cannot give.
    bool setImpactCategory(const QString& id);
    QString impactCategory() const;

    /// What the Differences tab draws: each pair's A - B (false, the default) or A / B (true),
    /// paired beside independent. A view setting; the tab redraws when next shown.
    void setDifferenceRatio(bool ratio);
    bool differenceRatio() const;
    /// The comparisons the Differences tab shows (study::compareDifferences of the last Monte
    /// Carlo run), computed when the tab is first shown after a run; null before.
    const std::shared_ptr<const std::vector<study::DifferenceComparison>>& differences() const { return m_differences; }

    /// The metric the distribution, tornado and Sobol views show ("<system> total", a
    /// difference …), among those of the last run.
    QStringList metrics() const;
    QString metric() const;
    bool setMetric(const QString& name);

signals:
    void runFinished();

private:
    void studyChanged();
    /// Computes the fleet, growth and what-ifs of the study when an edit has made them out of date.
    void ensureFleet();
    /// Brings one tab up to date (through its RefreshWhenShown).
    void refreshTab(View view);
    void fillWhatIfs();
    void showStatus();
    void redrawHeavyViews();
    void refreshControls();
    void setStatus(const QString& text);
    void startJob(AnalysisJob::Kind kind);
    void jobFinished();
    /// The study as the engine computes it; `context` is null on failure.
    OperationResult prepare(std::shared_ptr<const study::StudyContext>& context) const;
    /// Replaces one member of the study's analysis (e.g. {"fleet", "devices"}) through the undo
    /// stack; consecutive edits of the same member merge.
    void editAnalysis(const std::string& section, const std::string& member, const std::string& jsonValue, int mergeId);
    std::string metricForCharts() const;
    void inputDistributionDialog();

    StudyDocument& m_doc;
    const Library& m_library;
    QComboBox* m_category = nullptr;
    const study::StudyData& m_data;
    charts::ChartOptions m_options;

    QTabWidget* m_tabs = nullptr;
    QCustomPlot* m_plots[ViewCount] = {};
    RefreshWhenShown* m_refresh[ViewCount] = {};
    SweepView* m_sweepView = nullptr;
    QTableWidget* m_whatIfs = nullptr;
    QLineEdit* m_devices = nullptr;
    QSpinBox* m_horizon = nullptr;
    QSpinBox* m_samples = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_hslDistribution = nullptr;
    QComboBox* m_factorDistribution = nullptr;
    QPushButton* m_inputDistribution = nullptr;
    QComboBox* m_metric = nullptr;
    QComboBox* m_differenceQuantity = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QString m_statusText;

    /// What the figures are made from: shared with the figures handed out for export.
    std::shared_ptr<const study::FleetReport> m_fleet;
    std::shared_ptr<const study::StudyContext> m_fleetContext;
    bool m_fleetOutOfDate = true;
    QString m_fleetStatus; ///< why the fleet views show nothing
    QString m_runStatus;   ///< how the last Monte Carlo or sensitivity run went
    std::shared_ptr<const charts::GrowthSeries> m_growth;
    std::shared_ptr<const study::UncertaintyReport> m_uncertainty;
    std::shared_ptr<const study::StudyContext> m_uncertaintyContext; ///< the study the run was of
    std::shared_ptr<const std::vector<study::DifferenceComparison>> m_differences;
    std::shared_ptr<const study::SensitivityReport> m_sensitivity;
    AnalysisJob* m_job = nullptr;
    bool m_stale = false;
    bool m_running = false;
};

} // namespace tinyfoot::studio
