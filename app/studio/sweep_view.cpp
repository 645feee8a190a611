#include "sweep_view.h"

#include "data_library.h"
#include "sweep_chart.h"

#include "tinyfoot/engine/report/study_report.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace tinyfoot::studio {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

/// Replaces a combo box's items by `items`, keeping the current one when it is still there
/// (else `preferred`, else the first), without signals.
void setItems(QComboBox& box, const QStringList& items, const QString& preferred = {}) {
    QStringList current;
    for (int i = 0; i < box.count(); ++i) current << box.itemText(i);
    const QSignalBlocker block(&box);
    if (current != items) {
        const QString keep = box.currentText();
        box.clear();
        box.addItems(items);
        if (items.contains(keep)) box.setCurrentText(keep);
        else if (items.contains(preferred)) box.setCurrentText(preferred);
    }
}

} // namespace

SweepView::SweepView(StudyDocument& doc, Prepare prepare, QWidget* parent)
    : QWidget(parent), m_doc(doc), m_prepare(std::move(prepare)) {
    m_options.fontPoints = 12;
    m_options.title = false;
    m_sweep = new QComboBox(this);
    m_sweep->setToolTip(tr("The study's sweeps (its \"analysis\": \"sweeps\")"));
    m_metric = new QComboBox(this);
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_system = new QComboBox(this);
    m_system->setToolTip(tr("The system a two-parameter sweep's heat map shows"));
    m_saveCsv = new QPushButton(tr("Save CSV…"), this);
    m_saveCsv->setToolTip(tr("Every point, system and metric of the sweep as tidy CSV (as `tinyfoot sweep` writes)"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(360, 240);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Sweep:"), this));
    row->addWidget(m_sweep);
    row->addWidget(new QLabel(tr("Metric:"), this));
    row->addWidget(m_metric);
    row->addWidget(new QLabel(tr("System:"), this));
    row->addWidget(m_system);
    row->addStretch(1);
    row->addWidget(m_saveCsv);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);

    m_refresher = new RefreshWhenShown(this, [this] { recompute(); });
    connect(m_sweep, &QComboBox::currentTextChanged, this, [this] { recompute(); });
    connect(m_metric, &QComboBox::currentTextChanged, this, [this] { redraw(); });
    connect(m_system, &QComboBox::currentTextChanged, this, [this] { redraw(); });
    connect(m_saveCsv, &QPushButton::clicked, this, [this] { saveCsvDialog(); });
    connect(&m_doc, &StudyDocument::changed, this, [this] { m_refresher->invalidate(); });
}

void SweepView::setChartOptions(const charts::ChartOptions& options) {
    m_options = options;
    m_options.title = false;
    if (m_refresher->upToDate()) redraw(); // else the coming refresh draws with them
}

QStringList SweepView::sweeps() const {
    QStringList ids;
    for (int i = 0; i < m_sweep->count(); ++i) ids << m_sweep->itemText(i);
    return ids;
}
QString SweepView::sweep() const { return m_sweep->currentText(); }
bool SweepView::setSweep(const QString& id) {
    m_refresher->update();
    const int i = m_sweep->findText(id);
    if (i < 0) return false;
    m_sweep->setCurrentIndex(i);
    return true;
}

QStringList SweepView::metrics() const {
    QStringList names;
    for (int i = 0; i < m_metric->count(); ++i) names << m_metric->itemText(i);
    return names;
}
QString SweepView::metric() const { return m_metric->currentText(); }
bool SweepView::setMetric(const QString& name) {
    m_refresher->update();
    const int i = m_metric->findText(name);
    if (i < 0) return false;
    m_metric->setCurrentIndex(i);
    return true;
}
bool SweepView::setSystem(const QString& id) {
    m_refresher->update();
    const int i = m_system->findText(id);
    if (i < 0) return false;
    m_system->setCurrentIndex(i);
    return true;
}

std::shared_ptr<const study::SweepReport> SweepView::report() {
    m_refresher->update();
    return m_report;
}

void SweepView::recompute() {
    m_report.reset();
    m_context.reset();
    QString status;
    const OperationResult prepared = m_prepare(m_context);
    if (prepared.failed()) status = prepared.message();
    QStringList ids;
    if (m_context)
        for (const auto& s : m_context->analysis.sweeps) ids << text(s.id);
    setItems(*m_sweep, ids);
    if (m_context && ids.isEmpty())
        status = tr("The study has no sweeps: add them to its \"analysis\" (\"sweeps\": a parameter and its values, "
                    "see the user guide), or run `tinyfoot sweep` with --x.");
    if (m_context && !ids.isEmpty()) {
        const auto& specs = m_context->analysis.sweeps;
        const auto spec = std::find_if(specs.begin(), specs.end(),
                                       [&](const study::SweepSpec& s) { return text(s.id) == m_sweep->currentText(); });
        try {
            m_report = std::make_shared<const study::SweepReport>(study::runSweep(*m_context, *spec));
            status = m_report->y
                         ? tr("%1 × %2 points over %3 and %4; the heat map shows the system chosen.")
                               .arg(m_report->x.values.size())
                               .arg(m_report->y->values.size())
                               .arg(text(m_report->x.parameter), text(m_report->y->parameter))
                         : tr("%1 points over %2.").arg(m_report->x.values.size()).arg(text(m_report->x.parameter));
        } catch (const std::exception& e) {
            status = text(e.what());
        }
    }
    fillChoices();
    m_statusText = status;
    m_status->setText(status);
    redraw();
}

void SweepView::fillChoices() {
    QStringList metricNames, systemIds;
    if (m_report) {
        for (const auto& m : charts::sweepMetrics(*m_report)) metricNames << text(m);
        for (const auto& s : m_report->systems) systemIds << text(s);
    }
    setItems(*m_metric, metricNames, QStringLiteral("total_kg_co2e"));
    setItems(*m_system, systemIds);
    m_system->setEnabled(m_report && m_report->y);
    m_saveCsv->setEnabled(static_cast<bool>(m_report));
}

charts::Figure SweepView::figure() const {
    return charts::sweepFigure(m_report, m_metric->currentText().toStdString(),
                               static_cast<std::size_t>(std::max(0, m_system->currentIndex())));
}

void SweepView::redraw() {
    if (const charts::Figure f = figure()) {
        f.draw(*m_plot, m_options);
    } else {
        charts::beginFigure(*m_plot, m_options);
        charts::endFigure(*m_plot, m_options, false);
    }
}

OperationResult SweepView::saveCsv(const QString& path) {
    const auto r = report();
    if (!r) return OperationResult::failure(tr("There is no sweep to save: %1").arg(m_statusText));
    try {
        app::saveAtomically(path.toStdString(), report::sweepCsv(*r));
    } catch (const std::exception& e) {
        return OperationResult::failure(text(e.what()));
    }
    return OperationResult::success();
}

void SweepView::saveCsvDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the sweep as CSV"),
                                                      text(m_doc.study().id) + QStringLiteral("-sweep-") +
                                                          m_sweep->currentText() + QStringLiteral(".csv"),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    const OperationResult saved = saveCsv(path);
    if (saved.failed()) QMessageBox::warning(this, tr("Save CSV"), saved.message());
}

} // namespace tinyfoot::studio
