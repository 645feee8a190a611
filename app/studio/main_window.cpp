#include "main_window.h"

#include "add_component_dialog.h"
#include "component_editor.h"
#include "export_dialog.h"
#include "footprint_chart.h"
#include "html_pdf.h"
#include "panels.h"
#include "preset_gallery.h"

#include "tinyfoot/engine/report/datasheet.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>

#include <set>

namespace tinyfoot::studio {

QString aboutText(const Library& library) {
    const auto html = [](const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); };
    QString text = QObject::tr("<h3>TinyFoot Studio %1</h3><p>Life-cycle carbon footprint (kg CO2e) of TinyML "
                               "systems and of the devices they are compared with.</p>")
                       .arg(QStringLiteral(TINYFOOT_VERSION));
    text += QObject::tr("<p><b>Data sources and licences</b> (each factor carries its own source, year and licence: "
                        "<tt>tinyfoot factors</tt>)</p><ul>");
    for (const auto& set : library.factorSets) {
        std::set<std::string> licences;
        for (const auto& f : set.factors)
            if (!f.licence.empty()) licences.insert(f.licence);
        QString sources;
        for (const auto& src : set.sources)
            sources += QStringLiteral("<br>%1 <a href=\"%2\">%2</a>").arg(html(src.citation), html(src.url));
        QString licenceList;
        for (const auto& l : licences)
            licenceList += (licenceList.isEmpty() ? QString() : QStringLiteral("; ")) + html(l);
        text += QStringLiteral("<li><b>%1</b> (%2)%3<br><i>%4</i></li>")
                    .arg(html(set.name), html(set.id), sources,
                         licenceList.isEmpty() ? QObject::tr("no licence stated") : licenceList);
    }
    for (const auto& hsl : library.hslCatalogues) {
        QString sources;
        for (const auto& src : hsl.sources)
            sources += QStringLiteral("<br>%1 <a href=\"%2\">%2</a>").arg(html(src.citation), html(src.url));
        text += QStringLiteral("<li><b>%1</b> (%2)%3</li>").arg(html(hsl.name), html(hsl.id), sources);
    }
    text += QObject::tr("</ul><p>Charts: QCustomPlot (GPL v3). Toolkit: Qt 6 (LGPL v3).</p>");
    return text;
}

MainWindow::MainWindow(const Library& library, study::StudyData studyData, const QString& autosaveFolder,
                       QWidget* parent)
    : QMainWindow(parent), m_library(library), m_data(std::move(studyData)), m_doc(library), m_model(m_doc),
      m_comparison(m_doc, library), m_autosave(std::make_unique<Autosaver>(m_doc, autosaveFolder)) {
    setAcceptDrops(true);
    m_chartOptions.fontPoints = 12; // on screen; exported figures take their own size
    m_chart = new QCustomPlot(this);
    m_chart->setMinimumSize(480, 320);
    m_footprintRefresh = new RefreshWhenShown(m_chart, [this] {
        m_chartOptions.titleText = QString::fromStdString(m_doc.study().name);
        charts::drawFootprint(*m_chart, m_doc.results(), m_chartOptions);
    });
    m_studyViews = new StudyViews(m_doc, m_library, m_data, this);
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->addTab(m_chart, tr("Footprint"));
    m_centralTabs->addTab(m_studyViews, tr("Study views"));
    m_impactView = new ImpactView(m_doc, m_library, this);
    m_centralTabs->addTab(m_impactView, tr("Impact categories"));
    setCentralWidget(m_centralTabs);

    // Systems: the study's systems with their totals, the preset gallery to add more.
    m_systems = new QListWidget(this);
    auto* addSystems = new QPushButton(tr("Add presets…"), this);
    addSystems->setToolTip(tr("The preset gallery: the paper's systems, the calculator's presets, reference devices"));
    auto* removeSystemButton = new QPushButton(tr("Remove"), this);
    connect(addSystems, &QPushButton::clicked, this, [this] { addPresets(); });
    connect(removeSystemButton, &QPushButton::clicked, this, [this] { removeSystem(); });
    auto* systemsPanel = new QWidget(this);
    auto* systemsLayout = new QVBoxLayout(systemsPanel);
    systemsLayout->setContentsMargins(0, 0, 0, 0);
    systemsLayout->addWidget(m_systems, 1);
    auto* systemButtons = new QHBoxLayout;
    systemButtons->addWidget(addSystems);
    systemButtons->addWidget(removeSystemButton);
    systemsLayout->addLayout(systemButtons);
    auto* systemsDock = new QDockWidget(tr("Systems"), this);
    systemsDock->setObjectName(QStringLiteral("systems"));
    systemsDock->setWidget(systemsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, systemsDock);

    m_table = new QTableView(this);
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(ComponentModel::Name, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    // The calculator's option cards: right-click an HSL component for its lower, typical and
    // upper options, each with what it would cost.
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_table->indexAt(pos);
        const int s = m_model.system();
        if (!index.isValid() || s < 0) return;
        const auto si = static_cast<std::size_t>(s);
        const auto ci = static_cast<std::size_t>(index.row());
        const Component& c = m_doc.study().systems[si].components[ci];
        if (c.method != Method::Hsl) return;
        QMenu menu(this);
        for (Bound b : {Bound::Lower, Bound::Typical, Bound::Upper}) {
            Component option = c;
            option.hsl.bound = b;
            QAction* a = menu.addAction(QStringLiteral("HSL-%1 %2 — %3 kg CO2e")
                                            .arg(c.hsl.level)
                                            .arg(QString::fromStdString(std::string(boundId(b))))
                                            .arg(m_doc.kgWith(si, ci, option), 0, 'f', 3));
            a->setCheckable(true);
            a->setChecked(b == c.hsl.bound);
            connect(a, &QAction::triggered, this, [this, si, ci, b] { m_doc.setHslBound(si, ci, b); });
        }
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    auto* componentsDock = new QDockWidget(tr("Components"), this);
    componentsDock->setObjectName(QStringLiteral("components"));
    componentsDock->setWidget(m_table);
    addDockWidget(Qt::BottomDockWidgetArea, componentsDock);

    auto* comparisonTable = new QTableView(this);
    comparisonTable->setModel(&m_comparison);
    comparisonTable->verticalHeader()->hide();
    comparisonTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    comparisonTable->horizontalHeader()->setSectionResizeMode(ComparisonModel::SystemColumn, QHeaderView::Stretch);
    auto* comparisonDock = new QDockWidget(tr("Comparison"), this);
    comparisonDock->setObjectName(QStringLiteral("comparison"));
    comparisonDock->setWidget(comparisonTable);
    addDockWidget(Qt::BottomDockWidgetArea, comparisonDock);
    tabifyDockWidget(componentsDock, comparisonDock);
    componentsDock->raise();

    // The component editor: option cards, custom value, physical quantities with their units.
    m_editor = new ComponentEditor(m_doc, m_library, this);
    auto* editorScroll = new QScrollArea(this);
    editorScroll->setWidget(m_editor);
    editorScroll->setWidgetResizable(true);
    editorScroll->setMinimumWidth(340);
    auto* editorDock = new QDockWidget(tr("Component"), this);
    editorDock->setObjectName(QStringLiteral("editor"));
    editorDock->setWidget(editorScroll);
    addDockWidget(Qt::RightDockWidgetArea, editorDock);

    m_factorSets = new QComboBox(this);
    m_factorSets->setToolTip(tr("The factor set every system is computed with"));
    for (const auto& s : library.factorSets) m_factorSets->addItem(QString::fromStdString(s.id));

    buildMenus();
    QMenu* view = menuBar()->findChild<QMenu*>(QStringLiteral("view"));
    for (QDockWidget* dock : {systemsDock, componentsDock, comparisonDock, editorDock})
        view->addAction(dock->toggleViewAction());

    connect(m_factorSets, &QComboBox::currentTextChanged, this, [this](const QString& id) {
        if (id != m_doc.factorSetId()) m_doc.setFactorSet(id);
    });
    connect(m_systems, &QListWidget::currentRowChanged, this, [this](int row) {
        m_model.setSystem(row);
        m_comparison.setReference(row);
        const int first = m_model.rowCount() > 0 ? 0 : -1;
        if (first >= 0) m_table->selectRow(first);
        m_editor->setComponent(row, first);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { m_editor->setComponent(currentSystem(), current.row()); });
    connect(&m_doc, &StudyDocument::changed, this, [this] { refresh(); });
    // Hovering a bar segment shows where its number comes from.
    m_chart->setMouseTracking(true);
    connect(m_chart, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QString tip = chartTooltipAt(event->pos());
        if (tip.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(m_chart->mapToGlobal(event->pos()), tip, m_chart);
    });
    connect(&m_doc.undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) { setWindowModified(!clean); });
    connect(&m_recent, &RecentFiles::openRequested, this, [this](const QString& f) {
        if (maybeSave()) openFile(f);
    });
    connect(m_autosave.get(), &Autosaver::autosaveFailed, this,
            [this](const QString& error) { statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 10000); });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: 1440 x 900, or the screen's free area when it is smaller.
        const QRect free = screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900);
        resize(std::min(1440, free.width()), std::min(900, free.height()));
    }
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First start: room for the systems' names and the editor, once the window has its size.
        QTimer::singleShot(0, this, [this, systemsDock, editorDock, componentsDock] {
            resizeDocks({systemsDock, editorDock}, {300, 360}, Qt::Horizontal);
            resizeDocks({componentsDock}, {230}, Qt::Vertical);
        });
    }
    m_chartOptions.logAxis = settings.value(QStringLiteral("view/logAxis"), true).toBool();
    m_chartOptions.bars = settings.value(QStringLiteral("view/shareBars"), false).toBool() ? charts::BarStyle::Share
                                                                                           : charts::BarStyle::Stacked;
    m_studyViews->setChartOptions(m_chartOptions);
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, [this] { newStudy(); });
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave()) return;
        const QString f = QFileDialog::getOpenFileName(this, tr("Open study"), {}, tr("TinyFoot studies (*.json)"));
        if (!f.isEmpty()) openFile(f);
    });
    m_recent.attach(file->addMenu(tr("Open &Recent")));
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] { saveAs(); });
    file->addSeparator();
    file->addAction(tr("&Export Figure…"), QKeySequence(tr("Ctrl+E")), this, [this] { exportFigure(); });
    file->addAction(tr("Export &Panels…"), this, [this] { exportPanelsDialog(); });
    file->addAction(tr("Export &Datasheet…"), this, [this] { exportDatasheetDialog(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_doc.undoStack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_doc.undoStack().createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("Add &Systems from Presets…"), QKeySequence(tr("Ctrl+Shift+P")), this, [this] { addPresets(); });
    edit->addAction(tr("&Duplicate System"), QKeySequence(tr("Ctrl+D")), this, [this] {
        const int s = currentSystem();
        if (s >= 0 && m_doc.duplicateSystem(static_cast<std::size_t>(s))) select(s + 1, 0);
    });
    edit->addAction(tr("Remove System"), this, [this] { removeSystem(); });
    edit->addSeparator();
    edit->addAction(tr("Add &Component…"), QKeySequence(tr("Ctrl+Shift+N")), this, [this] { addComponent(); });
    QAction* removeComponentAction = edit->addAction(tr("Remove Component"), this, [this] { removeComponent(); });
    removeComponentAction->setShortcut(QKeySequence::Delete);
    removeComponentAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(removeComponentAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("view"));
    QAction* logAxis = view->addAction(tr("&Logarithmic Axis"));
    logAxis->setCheckable(true);
    logAxis->setChecked(QSettings().value(QStringLiteral("view/logAxis"), true).toBool());
    connect(logAxis, &QAction::toggled, this, [this](bool on) {
        m_chartOptions.logAxis = on;
        QSettings().setValue(QStringLiteral("view/logAxis"), on);
        applyChartOptions();
    });
    QAction* shares = view->addAction(tr("&Shares Below Totals"));
    shares->setObjectName(QStringLiteral("shareBars"));
    shares->setCheckable(true);
    shares->setToolTip(tr("Each system's total as a marker, and its blocks' shares of it as 100 % bars: "
                          "on a log axis, stacked segments do not show their shares"));
    shares->setChecked(QSettings().value(QStringLiteral("view/shareBars"), false).toBool());
    connect(shares, &QAction::toggled, this, [this](bool on) {
        m_chartOptions.bars = on ? charts::BarStyle::Share : charts::BarStyle::Stacked;
        QSettings().setValue(QStringLiteral("view/shareBars"), on);
        applyChartOptions();
    });
    QAction* grey = view->addAction(tr("&Greyscale Palette"));
    grey->setCheckable(true);
    connect(grey, &QAction::toggled, this, [this](bool on) {
        m_chartOptions.palette = on ? charts::Palette::Grey : charts::Palette::OkabeIto;
        applyChartOptions();
    });
    view->addSeparator();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TinyFoot Studio"), this,
                    [this] { QMessageBox::about(this, tr("About TinyFoot Studio"), aboutText(m_library)); });

    QToolBar* tools = addToolBar(tr("Study"));
    tools->setObjectName(QStringLiteral("study"));
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addSeparator();
    tools->addWidget(m_factorSets);
    tools->addAction(logAxis);
}

void MainWindow::applyChartOptions() {
    m_footprintRefresh->invalidate();
    m_studyViews->setChartOptions(m_chartOptions);
}

QString MainWindow::chartTooltipAt(const QPoint& position) const {
    m_footprintRefresh->update();
    int dataIndex = -1;
    auto* bars = qobject_cast<QCPBars*>(m_chart->plottableAt(position, true, &dataIndex));
    if (!bars || dataIndex < 0 || dataIndex >= bars->data()->size()) return {};
    const auto point = bars->data()->at(dataIndex);
    const int system = static_cast<int>(std::lround(point->key)) - 1; // bars stand at 1, 2, 3 …
    if (system < 0 || static_cast<std::size_t>(system) >= m_doc.results().size()) return {};
    const auto s = static_cast<std::size_t>(system);
    const Result& r = m_doc.results()[s];
    // The block's kg from the result: a bar's value is a stacked span or a share, not the kg.
    double kg = 0.0;
    for (Block b : kAllBlocks)
        if (QString::fromStdString(std::string(blockName(b))) == bars->name()) kg = units::inKgCo2e(r.block(b));
    const double total = units::inKgCo2e(r.total);
    QString tip =
        QStringLiteral("<b>%1</b> — %2: %3 kg CO2e (%4 % of %5 kg)")
            .arg(QString::fromStdString(m_doc.study().systems[s].name).toHtmlEscaped(), bars->name().toHtmlEscaped(),
                 QLocale().toString(kg, 'f', 3), QLocale().toString(total > 0 ? 100.0 * kg / total : 0.0, 'f', 1),
                 QLocale().toString(total, 'f', 2));
    for (std::size_t c = 0; c < r.components.size(); ++c)
        if (QString::fromStdString(std::string(blockName(r.components[c].block))) == bars->name() &&
            r.components[c].enabled)
            tip += QStringLiteral("<hr>") + componentTooltip(m_doc, s, c);
    return tip;
}

int MainWindow::currentSystem() const { return m_systems->currentRow(); }

int MainWindow::currentComponent() const {
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void MainWindow::select(int system, int component) {
    m_systems->setCurrentRow(system);
    if (component >= 0 && component < m_model.rowCount()) m_table->selectRow(component);
    m_editor->setComponent(system, component);
}

void MainWindow::refresh() {
    const int current = m_systems->currentRow();
    const int component = currentComponent();
    const QSignalBlocker blockSystems(m_systems);
    m_systems->clear();
    for (std::size_t i = 0; i < m_doc.study().systems.size(); ++i) {
        const auto& r = m_doc.results()[i];
        auto* item = new QListWidgetItem(QStringLiteral("%1  —  %2 kg")
                                             .arg(QString::fromStdString(m_doc.study().systems[i].name),
                                                  QLocale().toString(units::inKgCo2e(r.total), 'f', 2)),
                                         m_systems);
        item->setToolTip(QString::fromStdString(m_doc.study().systems[i].description));
    }
    const int row = current >= 0 && current < m_systems->count() ? current : (m_systems->count() ? 0 : -1);
    m_systems->setCurrentRow(row);
    if (m_model.system() != row) m_model.setSystem(row);
    m_comparison.setReference(row);
    const int keep = component >= 0 && component < m_model.rowCount() ? component : (m_model.rowCount() ? 0 : -1);
    if (keep >= 0 && keep != currentComponent()) m_table->selectRow(keep);
    m_editor->setComponent(row, keep);
    {
        const QSignalBlocker blockSets(m_factorSets);
        m_factorSets->setCurrentText(m_doc.factorSetId());
    }
    m_footprintRefresh->invalidate(); // the study views and impact categories follow the document themselves
    const QString name = m_doc.fileName().isEmpty() ? QString::fromStdString(m_doc.study().name)
                                                    : QFileInfo(m_doc.fileName()).fileName();
    setWindowTitle(QStringLiteral("%1[*] — TinyFoot Studio").arg(name));
    setWindowModified(m_doc.isModified());
}

bool MainWindow::openFile(const QString& file) {
    const OperationResult opened = m_doc.open(file);
    if (opened.failed()) {
        QMessageBox::warning(this, tr("Cannot open"), opened.message());
        statusBar()->showMessage(opened.message());
        return false;
    }
    m_recent.add(file);
    statusBar()->showMessage(tr("Opened %1").arg(file), 5000);
    return true;
}

bool MainWindow::maybeSave() {
    if (!m_doc.isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("The study “%1” has unsaved changes. Save them?").arg(QString::fromStdString(m_doc.study().name)),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return save();
    return true;
}

bool MainWindow::save() {
    if (!m_doc.canSave()) return saveAs();
    const OperationResult saved = m_doc.save();
    if (saved.failed()) {
        QMessageBox::warning(this, tr("Cannot save"), saved.message());
        return false;
    }
    m_recent.add(m_doc.fileName());
    statusBar()->showMessage(tr("Saved %1").arg(m_doc.fileName()), 5000);
    return true;
}

bool MainWindow::saveAs() {
    QString suggestion = m_doc.fileName();
    if (suggestion.isEmpty() || !m_doc.canSave())
        suggestion =
            QFileInfo(suggestion).dir().filePath(QString::fromStdString(m_doc.study().id) + QStringLiteral(".json"));
    const QString f = QFileDialog::getSaveFileName(this, tr("Save study"), suggestion, tr("TinyFoot studies (*.json)"));
    if (f.isEmpty()) return false;
    const OperationResult saved = m_doc.saveAs(f);
    if (saved.failed()) {
        QMessageBox::warning(this, tr("Cannot save"), saved.message());
        return false;
    }
    m_recent.add(f);
    statusBar()->showMessage(tr("Saved %1").arg(f), 5000);
    return true;
}

void MainWindow::newStudy() {
    if (!maybeSave()) return;
    m_doc.newStudy();
    statusBar()->showMessage(tr("A new study: add systems from the preset gallery (Edit → Add Systems)."), 8000);
}

charts::Figure MainWindow::currentFigure() const {
    if (m_centralTabs->currentIndex() == 1) return m_studyViews->figure(m_studyViews->currentView());
    charts::FigureSources sources;
    sources.results = std::make_shared<const std::vector<Result>>(m_doc.results());
    return charts::makeFigure(charts::FigureView::Footprint, sources);
}

void MainWindow::exportFigure() {
    if (m_centralTabs->currentWidget() == m_impactView) {
        QMessageBox::information(this, tr("No figure"),
                                 tr("The impact categories are a table: File → Export Datasheet writes them with "
                                    "their sources (PDF, HTML or Markdown)."));
        return;
    }
    charts::Figure figure = currentFigure();
    if (!figure) {
        QMessageBox::information(this, tr("Nothing to export"),
                                 tr("This view has nothing to show yet: run it first (Study views → Run)."));
        return;
    }
    ExportDialog dialog(std::move(figure.draw), std::move(figure.csv), this);
    dialog.setTitleText(QString::fromStdString(m_doc.study().name));
    dialog.setSuggestedName(QString::fromStdString(m_doc.study().id));
    if (dialog.exec() == QDialog::Accepted && !dialog.exportedFigure().isEmpty())
        statusBar()->showMessage(
            dialog.exportedCsv().isEmpty()
                ? tr("Exported %1").arg(dialog.exportedFigure())
                : tr("Exported %1 and its data %2").arg(dialog.exportedFigure(), dialog.exportedCsv()),
            8000);
}

OperationResult MainWindow::exportPanels(const QString& path, const std::vector<charts::FigureView>& views,
                                         const charts::ExportOptions& size) const {
    if (views.size() < 2) return OperationResult::failure(tr("A figure of panels needs at least two views."));
    std::vector<charts::Figure> figures;
    std::string csv;
    for (const charts::FigureView v : views) {
        charts::Figure f;
        if (v == charts::FigureView::Footprint) {
            charts::FigureSources sources;
            sources.results = std::make_shared<const std::vector<Result>>(m_doc.results());
            f = charts::makeFigure(charts::FigureView::Footprint, sources);
        } else if (const auto tab = StudyViews::viewShowing(v)) {
            f = m_studyViews->figure(*tab);
        }
        const QString name = QString::fromStdString(charts::figureViewName(v));
        if (!f) return OperationResult::failure(tr("The %1 view has nothing to show yet: run it first.").arg(name));
        csv += (figures.empty() ? "" : "\n") + std::string("# panel ") +
               charts::panelLabel(static_cast<int>(figures.size())).toStdString() + " " + name.toStdString() + "\n" +
               f.csv();
        figures.push_back(std::move(f));
    }
    charts::ChartOptions options;
    options.palette = m_chartOptions.palette;
    const QString error = charts::exportPanels(figures, charts::defaultPanelLayout(static_cast<int>(figures.size())),
                                               options, path, size);
    if (!error.isEmpty()) return OperationResult::failure(error);
    QSaveFile file(QFileInfo(path).path() + QStringLiteral("/") + QFileInfo(path).completeBaseName() +
                   QStringLiteral(".csv"));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(csv.data(), static_cast<qint64>(csv.size())) != static_cast<qint64>(csv.size()) || !file.commit())
        return OperationResult::failure(tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return OperationResult::success();
}

void MainWindow::exportPanelsDialog() {
    bool ok = false;
    const QString named = QInputDialog::getText(
        this, tr("Export Panels"),
        tr("Views, in the order of the panels (footprint, fleet, growth, uncertainty, distribution, tornado, sobol, "
           "difference):"),
        QLineEdit::Normal, QStringLiteral("footprint,uncertainty,tornado"), &ok);
    if (!ok) return;
    std::vector<charts::FigureView> views;
    for (const QString& n : named.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto v = charts::figureViewNamed(n.trimmed().toStdString());
        if (!v || *v == charts::FigureView::WhatIfs) {
            QMessageBox::warning(this, tr("Export Panels"), tr("No view named '%1'.").arg(n.trimmed()));
            return;
        }
        views.push_back(*v);
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Panels"), QString::fromStdString(m_doc.study().id) + QStringLiteral("-panels.pdf"),
        tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png)"));
    if (path.isEmpty()) return;
    // Double column, as `tinyfoot chart --panels` draws them.
    charts::ExportOptions size;
    size.widthInches = charts::columnWidthInches(QStringLiteral("double"));
    size.heightInches = 2.8;
    const OperationResult r = exportPanels(path, views, size);
    if (r.failed()) QMessageBox::warning(this, tr("Export Panels"), r.message());
    else statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
}

OperationResult MainWindow::exportDatasheet(const QString& path) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QStringLiteral("md") && suffix != QStringLiteral("html") && suffix != QStringLiteral("pdf"))
        return OperationResult::failure(tr("%1: a datasheet is written as .md, .html or .pdf").arg(path));
    const auto& systems = m_doc.study().systems;
    const auto& results = m_doc.results();
    std::vector<report::DatasheetSystem> sheets;
    for (std::size_t s = 0; s < systems.size() && s < results.size(); ++s)
        sheets.push_back({&systems[s], &results[s], m_doc.factorSet(), m_library.findHsl(systems[s].hslCatalogue)});
    if (sheets.empty()) return OperationResult::failure(tr("The study has no systems."));
    const ImpactSet* impacts = m_library.defaultImpacts();
    const auto blocks = report::datasheets(sheets, impacts, "TinyFoot Studio " + std::string(TINYFOOT_VERSION),
                                           m_library.defaultItemMasses());
    const std::string html = report::datasheetHtml(blocks, report::datasheetTitle(sheets));
    if (suffix == QStringLiteral("pdf")) {
        const QString error = charts::writeHtmlPdf(QString::fromStdString(html), path);
        return error.isEmpty() ? OperationResult::success() : OperationResult::failure(error);
    }
    const std::string text = suffix == QStringLiteral("md") ? report::datasheetMarkdown(blocks) : html;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.commit())
        return OperationResult::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return OperationResult::success();
}

void MainWindow::exportDatasheetDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Datasheet"), QString::fromStdString(m_doc.study().id) + QStringLiteral("-datasheet.pdf"),
        tr("PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"));
    if (path.isEmpty()) return;
    const OperationResult r = exportDatasheet(path);
    if (r.failed()) QMessageBox::warning(this, tr("Export Datasheet"), r.message());
    else statusBar()->showMessage(tr("Exported the datasheet %1").arg(path), 8000);
}

void MainWindow::addPresets() {
    PresetGallery gallery(m_library, m_doc.factorSetId(), this);
    if (gallery.exec() != QDialog::Accepted) return;
    const int added = gallery.addChosenTo(m_doc);
    if (added > 0) {
        select(m_systems->count() - 1, 0);
        statusBar()->showMessage(tr("Added %n system(s)", nullptr, added), 5000);
    }
}

void MainWindow::removeSystem() {
    const int s = currentSystem();
    if (s < 0) return;
    const auto system = static_cast<std::size_t>(s);
    if (m_doc.study().systems.size() == 1) {
        statusBar()->showMessage(tr("A study keeps at least one system."), 5000);
        return;
    }
    const QStringList named = m_doc.analysisEntriesNaming(system);
    if (named.isEmpty()) {
        (void)m_doc.removeSystem(system);
        return;
    }
    const QString name = QString::fromStdString(m_doc.study().systems[system].name);
    QString items;
    for (const QString& entry : named) items += QStringLiteral("<li>%1</li>").arg(entry.toHtmlEscaped());
    QMessageBox box(QMessageBox::Question, tr("Remove system"),
                    tr("The study's analysis names “%1”:<ul>%2</ul>These entries would fail without it. Remove the "
                       "system and these entries (one step to undo), or cancel?")
                        .arg(name.toHtmlEscaped(), items),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("removeSystem"));
    QPushButton* remove = box.addButton(tr("Remove Both"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove && m_doc.removeSystemAndAnalysis(system))
        statusBar()->showMessage(tr("Removed “%1” and %n analysis entries naming it (Edit → Undo restores them)",
                                    nullptr, static_cast<int>(named.size()))
                                     .arg(name),
                                 8000);
}

void MainWindow::addComponent() {
    const int s = currentSystem();
    if (s < 0) return;
    AddComponentDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    if (dialog.addTo(m_doc, static_cast<std::size_t>(s))) select(s, m_model.rowCount() - 1);
}

void MainWindow::removeComponent() {
    const int s = currentSystem(), c = currentComponent();
    if (s < 0 || c < 0) return;
    if (!m_doc.removeComponent(static_cast<std::size_t>(s), static_cast<std::size_t>(c)))
        statusBar()->showMessage(tr("A system keeps at least one component."), 5000);
    else select(s, std::min(c, m_model.rowCount() - 1));
}

void MainWindow::offerRecovery() {
    for (const Recovery& r : Autosaver::pending(m_autosave->folder())) {
        QMessageBox box(QMessageBox::Question, tr("Recover unsaved work"),
                        tr("TinyFoot Studio did not close properly. The study “%1”%2 was autosaved on %3 with "
                           "changes that were never saved.")
                            .arg(r.studyName, r.originalFile.isEmpty() ? QString() : tr(" (%1)").arg(r.originalFile),
                                 QLocale().toString(r.savedAt, QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        QPushButton* recover = box.addButton(tr("Recover"), QMessageBox::AcceptRole);
        QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box.addButton(tr("Later"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() == discard) {
            Autosaver::remove(r);
        } else if (box.clickedButton() == recover) {
            if (!maybeSave()) return;
            const OperationResult recovered = Autosaver::recover(m_doc, r);
            if (recovered.failed()) QMessageBox::warning(this, tr("Cannot recover"), recovered.message());
            else statusBar()->showMessage(tr("Recovered “%1”: save it to keep it.").arg(r.studyName), 10000);
            return; // one study open at a time; the others are offered next time
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_autosave->discard(); // a clean end: nothing to recover
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && maybeSave()) openFile(urls.first().toLocalFile());
}

} // namespace tinyfoot::studio
