// A heavy analysis of the open study (Monte Carlo or sensitivity) run on a thread of its own, so
// that the studio's window never waits for it. Progress and the end come back as queued signals;
// cancel() stops the run at its next sample, and what it had computed is kept, marked partial.
#pragma once

#include "operation_result.h"

#include "tinyfoot/engine/study/study.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace tinyfoot::studio {

/// One heavy run (Monte Carlo or sensitivity) on its own thread. The context is shared with the
/// thread, so the job may outlive the study it was started from.
class AnalysisJob : public QObject {
    Q_OBJECT
public:
    enum class Kind { Uncertainty, Sensitivity };
    /// With `category`, the run is in that impact category or single score instead of kg CO2e
    /// (its sets belong to the library, which outlives the job).
    AnalysisJob(Kind kind, std::shared_ptr<const study::StudyContext> context,
                std::optional<study::CategoryChoice> category = std::nullopt, QObject* parent = nullptr);
    ~AnalysisJob() override; ///< cancels and waits for the thread

    void start();
    void cancel() { m_cancel.store(true); }
    bool isRunning() const;
    /// Blocks until the thread has finished (for tests and shutdown).
    void wait();
    Kind kind() const { return m_kind; }

    std::shared_ptr<const study::StudyContext> context() const { return m_context; }
    const std::optional<study::UncertaintyReport>& uncertainty() const { return m_uncertainty; }
    const std::optional<study::SensitivityReport>& sensitivity() const { return m_sensitivity; }
    /// Whether the run ran, or the engine refused the study (read once finished() has come).
    const OperationResult& outcome() const { return m_outcome; }

signals:
    void progress(quint64 done, quint64 total); ///< queued to the job's thread of affinity
    void finished();

private:
    Kind m_kind;
    std::shared_ptr<const study::StudyContext> m_context;
    std::optional<study::CategoryChoice> m_category;
    std::atomic<bool> m_cancel{false};
    QThread* m_thread = nullptr;
    std::optional<study::UncertaintyReport> m_uncertainty;
    std::optional<study::SensitivityReport> m_sensitivity;
    OperationResult m_outcome;
};

} // namespace tinyfoot::studio
