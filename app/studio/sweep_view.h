// The studio's Sweep view: the study's sweeps ("analysis": {"sweeps": [...]}, docs/studies.md)
// run by the engine (study::runSweep), a line per system over one parameter or a heat map of
// one system over two (sweep_chart.h), and "Save CSV…" beside the chart writing the engine's sweep
// CSV (report::sweepCsv, as `tinyfoot sweep` does). A sweep evaluates the compiled model once
// per point: it runs on the GUI thread, when the view is shown after an edit.
#pragma once

#include "figure.h"
#include "figure_factory.h"
#include "operation_result.h"
#include "refresh_when_shown.h"
#include "study_document.h"

#include "tinyfoot/engine/study/study.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCustomPlot;
class QComboBox;
class QLabel;
class QPushButton;

namespace tinyfoot::studio {

class SweepView : public QWidget {
    Q_OBJECT
public:
    /// Makes the study's context as the engine computes it (null, with the reason, on failure).
    using Prepare = std::function<OperationResult(std::shared_ptr<const study::StudyContext>&)>;
    SweepView(StudyDocument& doc, Prepare prepare, QWidget* parent = nullptr);

    void setChartOptions(const charts::ChartOptions& options);

    /// The study's sweeps by id, and the one shown.
    QStringList sweeps() const;
    QString sweep() const;
    bool setSweep(const QString& id);
    /// The metrics of the run shown ("total_kg_co2e" …), and the one drawn.
    QStringList metrics() const;
    QString metric() const;
    bool setMetric(const QString& name);
    /// The system of a two-parameter sweep's heat map (by id).
    bool setSystem(const QString& id);

    /// The run shown (brought up to date first); null when the study has no sweep or cannot run.
    std::shared_ptr<const study::SweepReport> report();
    /// The figure shown, with the sweep's CSV; empty when there is nothing to show.
    charts::Figure figure() const;
    /// Writes the engine's sweep CSV of the run shown to `path`, atomically.
    OperationResult saveCsv(const QString& path);

    QCustomPlot& plot() { return *m_plot; }
    const QString& status() const { return m_statusText; }
    RefreshWhenShown& refresher() { return *m_refresher; }

private:
    void recompute();
    void redraw();
    void fillChoices();
    void saveCsvDialog();

    StudyDocument& m_doc;
    Prepare m_prepare;
    charts::ChartOptions m_options;
    RefreshWhenShown* m_refresher = nullptr;
    QComboBox* m_sweep = nullptr;
    QComboBox* m_metric = nullptr;
    QComboBox* m_system = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QLabel* m_status = nullptr;
    QString m_statusText;
    QCustomPlot* m_plot = nullptr;
    std::shared_ptr<const study::StudyContext> m_context;
    std::shared_ptr<const study::SweepReport> m_report;
};

} // namespace tinyfoot::studio
