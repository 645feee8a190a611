#include "study_views.h"

#include "tinyfoot/engine/impact.h"

#include "edit_analysis_command.h"
#include "input_distribution_dialog.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/format/number.h"
#include "tinyfoot/engine/report/study_report.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace tinyfoot::studio {

namespace {

using Json = nlohmann::json;

/// The milestones of the paper's growth table (devices), used when a study names none.
const std::vector<double> kPaperMilestones{15e9, 50e9, 100e9, 250e9, 1e12};

/// Merge ids of the run settings (distinct from other commands' ids).
enum MergeId {
    kDevicesId = 0x5401,
    kHorizonId,
    kUncertaintySamplesId,
    kSensitivitySamplesId,
    kSeedId,
    kHslDistributionId,
    kFactorDistributionId
};

QCustomPlot* newPlot(QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumSize(360, 240);
    return plot;
}

QString people(units::Co2e v) { return QString::fromStdString(format::co2eForPeople(units::inKgCo2e(v))); }

} // namespace

StudyViews::StudyViews(StudyDocument& doc, const Library& library, const study::StudyData& studyData, QWidget* parent)
    : QWidget(parent), m_doc(doc), m_library(library), m_data(studyData) {
    m_options.fontPoints = 12;
    m_options.title = false;

    m_tabs = new QTabWidget(this);
    const QString names[ViewCount] = {tr("Fleet"),       tr("Growth"),       tr("What-ifs"),
                                      tr("Uncertainty"), tr("Distribution"), tr("Tornado"),
                                      tr("Sobol"),       tr("Differences"),  tr("Sweep")};
    for (int v = 0; v < ViewCount; ++v) {
        if (v == Sweep) {
            m_sweepView = new SweepView(
                m_doc, [this](std::shared_ptr<const study::StudyContext>& ctx) { return prepare(ctx); }, this);
            m_plots[v] = &m_sweepView->plot();
            m_refresh[v] = &m_sweepView->refresher();
            m_tabs->addTab(m_sweepView, names[v]);
        } else if (v == WhatIfs) {
            m_whatIfs = new QTableWidget(this);
            m_whatIfs->setColumnCount(8);
            m_whatIfs->setHorizontalHeaderLabels({tr("System"), tr("Sector"), tr("Share %"), tr("Years"), tr("Savings"),
                                                  tr("Fleet footprint"), tr("Net saving"), tr("Break-even share %")});
            m_whatIfs->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
            m_whatIfs->verticalHeader()->hide();
            // The share of a what-if is edited in its cell (one undo step per edit).
            m_whatIfs->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
            m_whatIfs->setToolTip(tr("Double-click a share to change that what-if (for every system)"));
            m_tabs->addTab(m_whatIfs, names[v]);
        } else if (v == Differences) {
            // A selector above the figure: the differences or the ratios of the last run's pairs.
            auto* page = new QWidget(this);
            m_differenceQuantity = new QComboBox(page);
            m_differenceQuantity->addItem(tr("Difference A \u2212 B"), false);
            m_differenceQuantity->addItem(tr("Ratio A / B"), true);
            m_differenceQuantity->setToolTip(
                tr("Each pair of the study's differences from the last Monte Carlo run: paired (common random "
                   "numbers) beside the interval independent runs would give"));
            auto* row = new QHBoxLayout;
            row->addWidget(new QLabel(tr("Show:"), page));
            row->addWidget(m_differenceQuantity);
            row->addStretch(1);
            m_plots[v] = newPlot(page);
            auto* column = new QVBoxLayout(page);
            column->setContentsMargins(0, 0, 0, 0);
            column->addLayout(row);
            column->addWidget(m_plots[v], 1);
            m_tabs->addTab(page, names[v]);
        } else {
            m_plots[v] = newPlot(this);
            m_tabs->addTab(m_plots[v], names[v]);
        }
        if (!m_refresh[v])
            m_refresh[v] = new RefreshWhenShown(m_tabs->widget(v), [this, v] { refreshTab(static_cast<View>(v)); });
    }

    m_devices = new QLineEdit(this);
    m_devices->setPlaceholderText(tr("e.g. 250e9"));
    m_devices->setMinimumWidth(m_devices->fontMetrics().horizontalAdvance(QStringLiteral("0000000000000")));
    m_devices->setToolTip(tr("Devices in service (a constant fleet). The paper's figure: 250 bn MCUs."));
    auto* validator = new QDoubleValidator(1.0, 1e15, 6, m_devices);
    validator->setLocale(QLocale::c());
    m_devices->setValidator(validator);
    m_horizon = new QSpinBox(this);
    m_horizon->setRange(1, 1000);
    m_horizon->setSuffix(tr(" years"));
    m_samples = new QSpinBox(this);
    m_samples->setRange(1000, 100000000);
    m_samples->setSingleStep(10000);
    m_samples->setGroupSeparatorShown(true);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2147483647);
    m_hslDistribution = new QComboBox(this);
    for (const char* id : {"triangular", "triangular_at_bound", "fixed"})
        m_hslDistribution->addItem(QString::fromLatin1(id));
    m_hslDistribution->setToolTip(tr("HSL quantities: triangular from the catalogue's lower, typical and upper values; "
                                     "triangular_at_bound: its mode at the value the system takes; fixed"));
    m_factorDistribution = new QComboBox(this);
    for (const char* id : {"uniform", "triangular", "normal", "lognormal", "fixed"})
        m_factorDistribution->addItem(QString::fromLatin1(id));
    m_factorDistribution->setToolTip(tr("Factors with a feasible range: uniform over it, triangular around the value, "
                                        "normal or lognormal with the range as their central 95 %; fixed"));
    m_category = new QComboBox(this);
    m_category->addItem(tr("kg CO2e"), QStringLiteral("co2e"));
    if (const ImpactSet* set = m_library.defaultImpacts()) {
        for (const auto& info : impactCategories())
            m_category->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(std::string(info.id)),
                                                              QString::fromStdString(readableUnit(info.unit))),
                                QString::fromStdString(std::string(info.id)));
        if (m_library.findWeightingSet(m_library.defaultWeightingSet))
            m_category->addItem(tr("single score (Pt, %1)").arg(QString::fromStdString(m_library.defaultWeightingSet)),
                                QStringLiteral("single-score"));
        m_category->setToolTip(tr("Monte Carlo and sensitivity in kg CO2e, in an impact category of '%1', or as "
                                  "the normalised and weighted single score (docs/method.md section 7)")
                                   .arg(QString::fromStdString(set->id)));
    }
    m_metric = new QComboBox(this);
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_metric->setMinimumContentsLength(16);
    m_run = new QPushButton(tr("Run"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* fleetRow = new QHBoxLayout;
    fleetRow->addWidget(new QLabel(tr("Fleet:"), this));
    fleetRow->addWidget(m_devices, 1);
    fleetRow->addWidget(new QLabel(tr("devices over"), this));
    fleetRow->addWidget(m_horizon);
    fleetRow->addStretch(1);
    auto* runSettings = new QHBoxLayout;
    runSettings->addWidget(new QLabel(tr("Samples:"), this));
    runSettings->addWidget(m_samples);
    runSettings->addWidget(new QLabel(tr("Seed:"), this));
    runSettings->addWidget(m_seed);
    runSettings->addWidget(new QLabel(tr("HSL:"), this));
    runSettings->addWidget(m_hslDistribution);
    runSettings->addWidget(new QLabel(tr("Factors:"), this));
    runSettings->addWidget(m_factorDistribution);
    m_inputDistribution = new QPushButton(tr("Input…"), this);
    m_inputDistribution->setToolTip(tr("The distribution of one input (by key), overriding its family's default"));
    runSettings->addWidget(m_inputDistribution);
    runSettings->addStretch(1);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel(tr("In:"), this));
    runRow->addWidget(m_category);
    runRow->addWidget(new QLabel(tr("Metric:"), this));
    runRow->addWidget(m_metric);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fleetRow);
    layout->addLayout(runSettings);
    layout->addLayout(runRow);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_devices, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const double n = QLocale::c().toDouble(m_devices->text(), &ok);
        if (ok) setFleetDevices(n);
    });
    connect(m_horizon, &QSpinBox::valueChanged, this, [this](int v) { setHorizonYears(v); });
    connect(m_samples, &QSpinBox::valueChanged, this, [this](int v) { setSamples(v); });
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) { setSeed(v); });
    connect(m_hslDistribution, &QComboBox::currentTextChanged, this,
            [this](const QString& id) { setHslDistribution(id); });
    connect(m_factorDistribution, &QComboBox::currentTextChanged, this,
            [this](const QString& id) { setFactorDistribution(id); });
    connect(m_metric, &QComboBox::currentTextChanged, this, [this] { redrawHeavyViews(); });
    connect(m_differenceQuantity, &QComboBox::currentIndexChanged, this,
            [this] { m_refresh[Differences]->invalidate(); });
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
        // Results in another unit are of no use for the new choice: run again.
        if (m_uncertainty || m_sensitivity) m_stale = true;
        refreshControls();
        showStatus();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        refreshControls();
        showStatus();
    });
    connect(m_run, &QPushButton::clicked, this, [this] {
        const View v = currentView();
        if (v == Tornado || v == Sobol) runSensitivity();
        else runUncertainty();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancelRun(); });
    connect(m_inputDistribution, &QPushButton::clicked, this, [this] { inputDistributionDialog(); });
    connect(m_whatIfs, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() != 2 || !m_fleet || m_fleet->whatIfs.empty() || m_fleet->whatIfs[0].empty()) return;
        bool ok = false;
        const double share = QLocale::c().toDouble(item->text().trimmed(), &ok);
        const std::size_t whatIf = static_cast<std::size_t>(item->row()) % m_fleet->whatIfs[0].size();
        const OperationResult set =
            ok ? setWhatIfShare(whatIf, share)
               : OperationResult::failure(tr("A share is a number of percent, e.g. 20 or 0.6."));
        if (set.failed()) {
            m_refresh[WhatIfs]->invalidate(); // the cell back to the study's value
            setStatus(set.message());
        }
    });
    connect(&m_doc, &StudyDocument::changed, this, [this] { studyChanged(); });
    studyChanged();
}

StudyViews::~StudyViews() {
    if (m_job) {
        m_job->cancel();
        m_job->wait();
    }
}

void StudyViews::setChartOptions(const charts::ChartOptions& options) {
    m_options = options;
    // On screen the tab names the figure; the study's name is in the window title. Exported
    // figures take the title the export dialog gives them.
    m_options.title = false;
    m_sweepView->setChartOptions(m_options);
    for (int v = 0; v < ViewCount; ++v)
        if (v != Sweep) m_refresh[v]->invalidate();
}

StudyViews::View StudyViews::currentView() const { return static_cast<View>(m_tabs->currentIndex()); }
void StudyViews::setCurrentView(View view) { m_tabs->setCurrentIndex(view); }
QCustomPlot& StudyViews::plot(View view) {
    if (view == WhatIfs) view = Fleet;
    m_refresh[view]->update();
    return *m_plots[view];
}

QTableWidget& StudyViews::whatIfTable() {
    m_refresh[WhatIfs]->update();
    return *m_whatIfs;
}

void StudyViews::setStatus(const QString& text) {
    m_statusText = text;
    m_status->setText(text);
}

OperationResult StudyViews::prepare(std::shared_ptr<const study::StudyContext>& context) const {
    context.reset();
    const Study& st = m_doc.study();
    if (st.systems.empty()) return OperationResult::failure(tr("The study has no systems."));
    const FactorSet* set = m_doc.factorSet();
    if (!set) return OperationResult::failure(tr("The library has no factor set."));
    try {
        const std::string source = st.sourceName.empty() ? st.id : st.sourceName;
        study::Analysis analysis = study::parseAnalysis(st.analysisJson, source);
        if (analysis.sourceName.empty()) analysis.sourceName = source;
        context = std::make_shared<const study::StudyContext>(
            study::prepareStudy(st.systems, m_library, *set, std::move(analysis), m_data, source));
        return OperationResult::success();
    } catch (const std::exception& e) {
        return OperationResult::failure(QString::fromStdString(e.what()));
    }
}

void StudyViews::studyChanged() {
    // A run of the study as it was is of no use any more.
    if (m_running) {
        m_job->cancel();
        m_job->setProperty("discard", true);
    }
    if (m_uncertainty || m_sensitivity) m_stale = true;
    refreshControls();
    // The fleet, growth and what-ifs are recomputed by the first of their tabs shown; the Monte
    // Carlo and sensitivity figures keep their results (marked out of date).
    m_fleetOutOfDate = true;
    for (View v : {Fleet, Growth, WhatIfs}) m_refresh[v]->invalidate();
    showStatus();
}

void StudyViews::refreshControls() {
    Json a = Json::object();
    if (!m_doc.study().analysisJson.empty()) a = Json::parse(m_doc.study().analysisJson, nullptr, false);
    if (!a.is_object()) a = Json::object();
    const auto number = [&](const char* section, const char* member, double fallback) {
        if (a.contains(section) && a[section].is_object() && a[section].contains(member) &&
            a[section][member].is_number())
            return a[section][member].get<double>();
        return fallback;
    };
    const bool sensitivity = currentView() == Tornado || currentView() == Sobol;
    {
        const QSignalBlocker b1(m_devices), b2(m_horizon), b3(m_samples), b4(m_seed), b5(m_hslDistribution),
            b6(m_factorDistribution);
        const auto text = [&](const char* member, const char* fallback) {
            if (a.contains("uncertainty") && a["uncertainty"].is_object() && a["uncertainty"].contains(member) &&
                a["uncertainty"][member].is_string())
                return QString::fromStdString(a["uncertainty"][member].get<std::string>());
            return QString::fromLatin1(fallback);
        };
        m_hslDistribution->setCurrentText(text("hsl", "triangular"));
        m_factorDistribution->setCurrentText(text("factors", "uniform"));
        const double devices = number("fleet", "devices", 0.0);
        if (!m_devices->hasFocus())
            m_devices->setText(devices > 0
                                   ? QString::number(devices, 'g', 6).replace(QStringLiteral("e+"), QStringLiteral("e"))
                                   : QString());
        m_horizon->setValue(static_cast<int>(number("fleet", "horizon_years", 3)));
        const char* section = sensitivity ? "sensitivity" : "uncertainty";
        m_samples->setValue(static_cast<int>(number(section, "samples", sensitivity ? 8192 : 100000)));
        m_seed->setValue(static_cast<int>(number(section, "seed", 1)));
    }
    const bool heavy = currentView() >= Uncertainty && currentView() <= Sobol;
    const bool running = m_running;
    m_run->setText(sensitivity ? tr("Run sensitivity") : tr("Run Monte Carlo"));
    m_run->setEnabled(heavy && !running);
    m_cancel->setEnabled(running);
    m_samples->setEnabled(heavy);
    m_hslDistribution->setEnabled(heavy);
    m_factorDistribution->setEnabled(heavy);
    m_inputDistribution->setEnabled(heavy);
    m_seed->setEnabled(heavy);
    m_category->setEnabled(heavy && !running); // a run keeps the category it started with
    m_metric->setEnabled(currentView() == Distribution || currentView() == Tornado || currentView() == Sobol);
    m_samples->setToolTip(sensitivity ? tr("Sobol base samples N: N × (inputs + 2) model runs")
                                      : tr("Monte Carlo samples"));
}

namespace {
/// A number as the study file writes it: whole numbers without a fraction.
std::string numberJson(double value) {
    if (std::floor(value) == value && std::abs(value) < 9e15) return Json(static_cast<std::int64_t>(value)).dump();
    return Json(value).dump();
}
} // namespace

void StudyViews::editAnalysis(const std::string& section, const std::string& member, const std::string& jsonValue,
                              int mergeId) {
    const std::string before = m_doc.study().analysisJson;
    Json a = before.empty() ? Json::object() : Json::parse(before, nullptr, false);
    if (!a.is_object()) a = Json::object();
    if (!a.contains(section) || !a[section].is_object()) a[section] = Json::object();
    Json& s = a[section];
    const Json value = Json::parse(jsonValue);
    if (s.contains(member) && s[member] == value) return;
    s[member] = value;
    if (section == "fleet") {
        if (member == "devices") s.erase("growth"); // a constant fleet replaces a growing one
        if (!s.contains("horizon_years")) s["horizon_years"] = 3;
    }
    const std::string after = a.dump();
    try {
        (void)study::parseAnalysis(after, m_doc.study().sourceName); // refuse what the engine would refuse
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()));
        refreshControls();
        return;
    }
    m_doc.undoStack().push(
        new EditAnalysisCommand(m_doc, before, after, mergeId,
                                tr("Set %1 %2").arg(QString::fromStdString(section), QString::fromStdString(member))));
}

OperationResult StudyViews::setWhatIfShare(std::size_t whatIf, double sharePercent) {
    const std::string before = m_doc.study().analysisJson;
    Json a = before.empty() ? Json::object() : Json::parse(before, nullptr, false);
    if (!a.is_object() || !a.contains("net") || !a["net"].is_object() || !a["net"].contains("what_ifs") ||
        !a["net"]["what_ifs"].is_array() || whatIf >= a["net"]["what_ifs"].size() ||
        !a["net"]["what_ifs"][whatIf].is_object())
        return OperationResult::failure(tr("The study has no what-if %1.").arg(whatIf + 1));
    Json& w = a["net"]["what_ifs"][whatIf];
    if (w.contains("share_percent") && w["share_percent"] == Json::parse(numberJson(sharePercent)))
        return OperationResult::success();
    w["share_percent"] = Json::parse(numberJson(sharePercent));
    const std::string after = a.dump();
    try {
        (void)study::parseAnalysis(after, m_doc.study().sourceName); // refuse what the engine would refuse
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()));
        return OperationResult::failure(QString::fromStdString(e.what()));
    }
    m_doc.undoStack().push(new EditAnalysisCommand(m_doc, before, after, -1,
                                                   tr("Set the share of what-if %1 (%2) to %3 %")
                                                       .arg(whatIf + 1)
                                                       .arg(QString::fromStdString(w.value("sector", std::string())))
                                                       .arg(sharePercent)));
    return OperationResult::success();
}

OperationResult StudyViews::setInputDistribution(const std::string& key, const Json& spec) {
    const std::string before = m_doc.study().analysisJson;
    Json a = before.empty() ? Json::object() : Json::parse(before, nullptr, false);
    if (!a.is_object()) a = Json::object();
    if (!a.contains("uncertainty") || !a["uncertainty"].is_object()) a["uncertainty"] = Json::object();
    Json& u = a["uncertainty"];
    Json inputs = Json::array();
    if (u.contains("inputs") && u["inputs"].is_array())
        for (const Json& e : u["inputs"])
            if (!(e.is_object() && e.value("input", std::string()) == key)) inputs.push_back(e);
    if (!spec.is_null()) {
        Json entry = Json::object();
        entry["input"] = key;
        for (const auto& [member, value] : spec.items()) entry[member] = value;
        inputs.push_back(std::move(entry));
    }
    if (inputs.empty()) u.erase("inputs");
    else u["inputs"] = std::move(inputs);
    const std::string after = a.dump();
    if (after == before) return OperationResult::success();
    // Refuse what the engine would refuse: the reader's checks, then the binding to the systems.
    Study edited = m_doc.study();
    edited.analysisJson = after;
    try {
        const study::Analysis analysis = study::parseAnalysis(after, edited.sourceName);
        std::shared_ptr<const study::StudyContext> ctx;
        if (const OperationResult prepared = prepare(ctx); prepared.failed()) return prepared;
        std::vector<Diagnostic> diagnostics;
        (void)study::chooseDistributions(*ctx, analysis.uncertainty.value_or(study::UncertaintySpec{}), diagnostics);
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()));
        return OperationResult::failure(QString::fromStdString(e.what()));
    }
    m_doc.undoStack().push(
        new EditAnalysisCommand(m_doc, before, after, -1,
                                spec.is_null() ? tr("Give %1 its default distribution").arg(QString::fromStdString(key))
                                               : tr("Set the distribution of %1").arg(QString::fromStdString(key))));
    return OperationResult::success();
}

void StudyViews::inputDistributionDialog() {
    std::shared_ptr<const study::StudyContext> ctx;
    if (const OperationResult prepared = prepare(ctx); prepared.failed()) {
        setStatus(prepared.message());
        return;
    }
    std::vector<InputDistributionDialog::Input> inputs;
    for (const auto& in : ctx->model.inputs()) inputs.push_back({in.key, in.unit});
    Json a = Json::parse(m_doc.study().analysisJson.empty() ? std::string("{}") : m_doc.study().analysisJson, nullptr,
                         false);
    Json entries;
    if (a.is_object() && a.contains("uncertainty") && a["uncertainty"].is_object())
        entries = a["uncertainty"].value("inputs", Json());
    InputDistributionDialog dialog(
        std::move(inputs), std::move(entries),
        [this](const std::string& key, const Json& spec) { return setInputDistribution(key, spec); }, this);
    dialog.exec();
}

void StudyViews::setFleetDevices(double devices) { editAnalysis("fleet", "devices", numberJson(devices), kDevicesId); }
void StudyViews::setHorizonYears(int years) { editAnalysis("fleet", "horizon_years", numberJson(years), kHorizonId); }
void StudyViews::setHslDistribution(const QString& id) {
    editAnalysis("uncertainty", "hsl", Json(id.toStdString()).dump(), kHslDistributionId);
}
void StudyViews::setFactorDistribution(const QString& id) {
    editAnalysis("uncertainty", "factors", Json(id.toStdString()).dump(), kFactorDistributionId);
}
void StudyViews::setSamples(int samples) {
    const bool sensitivity = currentView() == Tornado || currentView() == Sobol;
    editAnalysis(sensitivity ? "sensitivity" : "uncertainty", "samples", numberJson(samples),
                 sensitivity ? kSensitivitySamplesId : kUncertaintySamplesId);
}
void StudyViews::setSeed(int seed) {
    const bool sensitivity = currentView() == Tornado || currentView() == Sobol;
    editAnalysis(sensitivity ? "sensitivity" : "uncertainty", "seed", numberJson(seed), kSeedId);
}

void StudyViews::ensureFleet() {
    if (!m_fleetOutOfDate) return;
    m_fleetOutOfDate = false;
    m_fleet.reset();
    OperationResult prepared = prepare(m_fleetContext);
    if (m_fleetContext) {
        try {
            m_fleet = std::make_shared<const study::FleetReport>(study::runFleet(*m_fleetContext));
        } catch (const std::exception& e) {
            prepared = OperationResult::failure(QString::fromStdString(e.what()));
        }
    }
    // Growth: the study's table, else every curve of data/growth against the paper's milestones.
    auto growth = std::make_shared<charts::GrowthSeries>();
    if (m_fleet && m_fleet->growth) {
        growth->curves = m_fleet->growth->curves;
        growth->milestones = m_fleet->growth->milestonesDevices;
    } else {
        for (const auto& set : m_data.growthSets)
            for (const auto& c : set.curves) growth->curves.push_back(c);
        growth->milestones = kPaperMilestones;
    }
    m_growth = std::move(growth);
    m_fleetStatus.clear();
    if (prepared.failed()) m_fleetStatus = prepared.message();
    else if (!m_fleet || m_fleet->fleets.empty())
        m_fleetStatus = tr("The study has no fleet: give the number of devices to see its footprint over the years.");
}

void StudyViews::showStatus() {
    if (m_running) return;
    const View v = currentView();
    QString status = v == Fleet || v == WhatIfs ? m_fleetStatus : QString();
    if (!m_runStatus.isEmpty() && v != Sweep)
        status += (status.isEmpty() ? QString() : QStringLiteral(" ")) + m_runStatus;
    if (m_stale)
        status += (status.isEmpty() ? QString() : QStringLiteral(" ")) +
                  tr("The Monte Carlo and sensitivity results are from before the last edit: run again.");
    setStatus(status);
}

void StudyViews::refreshTab(View view) {
    if (view == Fleet || view == Growth || view == WhatIfs) ensureFleet();
    if (view == WhatIfs) {
        fillWhatIfs();
    } else if (const charts::Figure f = figure(view)) {
        f.draw(*m_plots[view], m_options);
    } else {
        charts::beginFigure(*m_plots[view], m_options);
        charts::endFigure(*m_plots[view], m_options, false);
    }
    if ((view == Fleet || view == WhatIfs) && view == currentView()) showStatus();
}

void StudyViews::fillWhatIfs() {
    const QSignalBlocker block(m_whatIfs);
    m_whatIfs->setRowCount(0);
    if (m_fleet) {
        for (std::size_t s = 0; s < m_fleet->whatIfs.size(); ++s)
            for (const auto& w : m_fleet->whatIfs[s]) {
                const int row = m_whatIfs->rowCount();
                m_whatIfs->insertRow(row);
                const QString cells[] = {QString::fromStdString(m_fleetContext->results[s].systemId),
                                         w.sector ? QString::fromStdString(w.sector->name) : QString(),
                                         QString::number(w.sharePercent, 'g', 4),
                                         QString::number(w.years, 'g', 4),
                                         people(w.savings),
                                         people(w.fleet),
                                         people(w.net),
                                         QString::number(w.breakEvenSharePercent, 'g', 3)};
                for (int c = 0; c < 8; ++c) {
                    auto* item = new QTableWidgetItem(cells[c]);
                    if (c != 2) item->setFlags(item->flags() & ~Qt::ItemIsEditable);
                    if (c == 1 && w.sector) {
                        QString tip =
                            QStringLiteral("%1 a year (%2)").arg(people(w.sector->perYear)).arg(w.sector->year);
                        for (const auto& src : w.sector->sources)
                            tip += QStringLiteral("\n%1 %2").arg(QString::fromStdString(src.citation),
                                                                 QString::fromStdString(src.url));
                        item->setToolTip(tip);
                    }
                    m_whatIfs->setItem(row, c, item);
                }
            }
    }
}

QStringList StudyViews::metrics() const {
    QStringList names;
    for (int i = 0; i < m_metric->count(); ++i) names << m_metric->itemText(i);
    return names;
}

QString StudyViews::metric() const { return m_metric->currentText(); }

bool StudyViews::setMetric(const QString& name) {
    const int i = m_metric->findText(name);
    if (i < 0) return false;
    m_metric->setCurrentIndex(i);
    return true;
}

std::string StudyViews::metricForCharts() const { return m_metric->currentText().toStdString(); }

void StudyViews::redrawHeavyViews() {
    // The metric list: Monte Carlo metrics, else the sensitivity outputs.
    QStringList names;
    if (m_uncertainty)
        for (const auto& m : m_uncertainty->result.metrics) names << QString::fromStdString(m.name);
    if (names.isEmpty() && m_sensitivity)
        for (const auto& t : m_sensitivity->tornado) names << QString::fromStdString(t.output);
    QStringList current;
    for (int i = 0; i < m_metric->count(); ++i) current << m_metric->itemText(i);
    if (current != names) {
        const QSignalBlocker block(m_metric);
        const QString keep = m_metric->currentText();
        m_metric->clear();
        m_metric->addItems(names);
        if (names.contains(keep)) m_metric->setCurrentText(keep);
    }
    for (View v : {Uncertainty, Distribution, Tornado, Sobol, Differences}) m_refresh[v]->invalidate();
}

void StudyViews::setDifferenceRatio(bool ratio) { m_differenceQuantity->setCurrentIndex(ratio ? 1 : 0); }
bool StudyViews::differenceRatio() const { return m_differenceQuantity->currentData().toBool(); }

namespace {
/// The tabs and the figures they show, in the tabs' order.
constexpr std::pair<StudyViews::View, charts::FigureView> kTabFigures[]{
    {StudyViews::Fleet, charts::FigureView::Fleet},
    {StudyViews::Growth, charts::FigureView::Growth},
    {StudyViews::WhatIfs, charts::FigureView::WhatIfs},
    {StudyViews::Uncertainty, charts::FigureView::Uncertainty},
    {StudyViews::Distribution, charts::FigureView::Distribution},
    {StudyViews::Tornado, charts::FigureView::Tornado},
    {StudyViews::Sobol, charts::FigureView::Sobol},
    {StudyViews::Differences, charts::FigureView::Difference},
};
} // namespace

std::optional<StudyViews::View> StudyViews::viewShowing(charts::FigureView figure) {
    for (const auto& [view, shown] : kTabFigures)
        if (shown == figure) return view;
    return std::nullopt;
}

charts::FigureView StudyViews::figureOf(View view) {
    for (const auto& [tab, shown] : kTabFigures)
        if (tab == view) return shown;
    return charts::FigureView::Fleet;
}

charts::Figure StudyViews::figure(View view) {
    if (view == ViewCount) return {};
    if (view == Sweep) {
        m_sweepView->refresher().update();
        return m_sweepView->figure();
    }
    if (view == Fleet || view == Growth || view == WhatIfs) ensureFleet();
    charts::FigureSources sources;
    sources.context = m_fleetContext;
    sources.fleet = m_fleet;
    sources.growth = m_growth;
    sources.uncertainty = m_uncertainty;
    sources.sensitivity = m_sensitivity;
    if (view == Differences && m_uncertainty && m_uncertaintyContext) {
        // Compared when first asked for after a run (the tab shown, an export), not on each edit.
        if (!m_differences)
            m_differences = std::make_shared<const std::vector<study::DifferenceComparison>>(
                study::compareDifferences(*m_uncertainty, m_uncertaintyContext->model));
        sources.differences = m_differences;
    }
    charts::FigureChoices choices;
    choices.metric = metricForCharts();
    choices.ratio = view == Differences && differenceRatio();
    return charts::makeFigure(figureOf(view), sources, choices);
}

bool StudyViews::setImpactCategory(const QString& id) {
    const int index = m_category->findData(id);
    if (index < 0) return false;
    m_category->setCurrentIndex(index);
    return true;
}

QString StudyViews::impactCategory() const { return m_category->currentData().toString(); }

void StudyViews::runUncertainty() { startJob(AnalysisJob::Kind::Uncertainty); }
void StudyViews::runSensitivity() { startJob(AnalysisJob::Kind::Sensitivity); }

void StudyViews::cancelRun() {
    if (m_running) {
        m_job->cancel();
        setStatus(tr("Cancelling…"));
    }
}

void StudyViews::startJob(AnalysisJob::Kind kind) {
    if (m_job) {
        m_job->cancel();
        m_job->setProperty("discard", true);
        m_job->wait();
        delete m_job;
        m_job = nullptr;
    }
    std::shared_ptr<const study::StudyContext> ctx;
    if (const OperationResult prepared = prepare(ctx); prepared.failed()) {
        setStatus(prepared.message());
        return;
    }
    std::optional<study::CategoryChoice> category;
    if (const QString id = impactCategory(); id != QStringLiteral("co2e")) {
        study::CategoryChoice c;
        c.set = m_library.defaultImpacts();
        if (id == QStringLiteral("single-score"))
            c.weighting = m_library.findWeightingSet(m_library.defaultWeightingSet);
        else c.category = *impactCategoryFromId(id.toStdString());
        if (c.set) category = c;
    }
    m_job = new AnalysisJob(kind, std::move(ctx), category, this);
    connect(m_job, &AnalysisJob::progress, this, [this](quint64 done, quint64 total) {
        m_progress->setValue(total ? static_cast<int>(1000.0 * static_cast<double>(done) / static_cast<double>(total))
                                   : 0);
        m_progress->setFormat(QStringLiteral("%1 of %2").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_job, &AnalysisJob::finished, this, [this] { jobFinished(); });
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    setStatus(kind == AnalysisJob::Kind::Uncertainty ? tr("Monte Carlo running…") : tr("Sensitivity running…"));
    m_running = true;
    m_job->start();
    refreshControls();
}

void StudyViews::jobFinished() {
    AnalysisJob* job = m_job;
    if (!job) return;
    m_running = false;
    if (job->property("discard").toBool()) {
        m_runStatus = tr("The study changed during the run: run again.");
    } else if (job->outcome().failed()) {
        m_runStatus = job->outcome().message();
    } else {
        m_stale = false;
        QString status;
        if (job->uncertainty()) {
            m_uncertainty = std::make_shared<const study::UncertaintyReport>(*job->uncertainty());
            m_uncertaintyContext = job->context();
            m_differences.reset();
            const auto& r = m_uncertainty->result;
            status =
                tr("Monte Carlo: %1 of %2 samples, seed %3%4.")
                    .arg(QLocale().toString(static_cast<qulonglong>(r.samples)),
                         QLocale().toString(static_cast<qulonglong>(r.samplesRequested)))
                    .arg(r.seed)
                    .arg(r.partial ? tr(" — cancelled, the statistics cover the samples drawn (partial)") : QString());
        }
        if (job->sensitivity()) {
            m_sensitivity = std::make_shared<const study::SensitivityReport>(*job->sensitivity());
            const auto& s = m_sensitivity->sobol;
            status = s ? tr("Sensitivity: tornado and Sobol from %1 of %2 base samples (%3 model runs)%4.")
                             .arg(QLocale().toString(static_cast<qulonglong>(s->samples)),
                                  QLocale().toString(static_cast<qulonglong>(s->samplesRequested)),
                                  QLocale().toString(static_cast<qulonglong>(s->modelRuns)))
                             .arg(s->partial ? tr(" — cancelled (partial)") : QString())
                       : tr("Sensitivity: tornado.");
        }
        m_runStatus = status;
        redrawHeavyViews();
    }
    m_progress->setValue(m_progress->maximum());
    showStatus();
    refreshControls();
    emit runFinished();
}

} // namespace tinyfoot::studio
