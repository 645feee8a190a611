#include "analysis_job.h"

#include <QThread>

namespace tinyfoot::studio {

AnalysisJob::AnalysisJob(Kind kind, std::shared_ptr<const study::StudyContext> context,
                         std::optional<study::CategoryChoice> category, QObject* parent)
    : QObject(parent), m_kind(kind), m_context(std::move(context)), m_category(category) {}

AnalysisJob::~AnalysisJob() {
    cancel();
    wait();
}

void AnalysisJob::start() {
    m_thread = QThread::create([this] {
        study::RunControl control;
        control.cancel = &m_cancel;
        control.progress = [this](std::uint64_t done, std::uint64_t total) {
            emit progress(static_cast<quint64>(done), static_cast<quint64>(total));
        };
        try {
            const study::StudyContext& ctx = *m_context;
            study::UncertaintySpec spec = ctx.analysis.uncertainty.value_or(study::UncertaintySpec{});
            if (!ctx.analysis.uncertainty) spec.path = "/analysis/uncertainty";
            const study::CategoryChoice* category = m_category ? &*m_category : nullptr;
            if (m_kind == Kind::Uncertainty) {
                m_uncertainty = study::runUncertainty(ctx, spec, 0, control, category);
            } else {
                study::SensitivitySpec s = ctx.analysis.sensitivity.value_or(study::SensitivitySpec{});
                if (!ctx.analysis.sensitivity) s.path = "/analysis/sensitivity";
                m_sensitivity = study::runSensitivity(ctx, spec, s, 0, control, category);
            }
        } catch (const std::exception& e) {
            m_outcome = OperationResult::failure(QString::fromStdString(e.what()));
        }
    });
    m_thread->setParent(this);
    // The thread's finished() arrives here, on this object's thread, after the run has returned.
    connect(m_thread, &QThread::finished, this, &AnalysisJob::finished);
    m_thread->start();
}

bool AnalysisJob::isRunning() const { return m_thread && m_thread->isRunning(); }

void AnalysisJob::wait() {
    if (m_thread) m_thread->wait();
}

} // namespace tinyfoot::studio
