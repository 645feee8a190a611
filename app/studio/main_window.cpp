#include "main_window.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace tinyfoot::studio {

MainWindow::MainWindow(const Library& library, QWidget* parent)
    : QMainWindow(parent), m_library(library), m_doc(library), m_model(m_doc), m_comparison(m_doc, library) {
    setAcceptDrops(true);
    m_chartOptions.fontPoints = 12; // on screen; exported figures take their own size
    m_chart = new QCustomPlot(this);
    m_chart->setMinimumSize(480, 320);
    setCentralWidget(m_chart);

    m_systems = new QListWidget(this);
    auto* systemsDock = new QDockWidget(tr("Systems"), this);
    systemsDock->setObjectName(QStringLiteral("systems"));
    systemsDock->setWidget(m_systems);
    addDockWidget(Qt::LeftDockWidgetArea, systemsDock);

    m_table = new QTableView(this);
    m_table->setModel(&m_model);
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
        const FactorSet* set = m_library.findFactorSet(m_doc.factorSetId().toStdString());
        for (Bound b : {Bound::Lower, Bound::Typical, Bound::Upper}) {
            System copy = m_doc.study().systems[si];
            copy.components[ci].hsl.bound = b;
            const Result r = calculate(copy, *set, m_library.findHsl(copy.hslCatalogue));
            QAction* a = menu.addAction(QStringLiteral("HSL-%1 %2 — %3 kg CO2e")
                                            .arg(c.hsl.level)
                                            .arg(QString::fromStdString(std::string(boundId(b))))
                                            .arg(units::inKgCo2e(r.components[ci].co2e), 0, 'f', 3));
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

    m_factorSets = new QComboBox(this);
    for (const auto& s : library.factorSets) m_factorSets->addItem(QString::fromStdString(s.id));

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open study"), {}, tr("TinyFoot studies (*.json)"));
        if (!f.isEmpty()) openFile(f);
    });
    file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, [this] { saveAs(); });
    file->addAction(tr("&Export figure..."), QKeySequence(tr("Ctrl+E")), this, [this] { exportFigure(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_doc.undoStack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_doc.undoStack().createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* logAxis = view->addAction(tr("&Logarithmic axis"));
    logAxis->setCheckable(true);
    logAxis->setChecked(true);
    connect(logAxis, &QAction::toggled, this, [this](bool on) {
        m_chartOptions.logAxis = on;
        refresh();
    });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TinyFoot Studio"), this, [this] {
        QString text =
            tr("<b>TinyFoot Studio</b><br>Life-cycle carbon footprint of TinyML systems.<br><br>Factor sets:<br>");
        for (const auto& s : m_library.factorSets)
            text += QStringLiteral("%1 — %2<br>")
                        .arg(QString::fromStdString(s.id), QString::fromStdString(s.name).toHtmlEscaped());
        text += tr("<br>Every factor carries its source, year and licence: <tt>tinyfoot factors</tt>.");
        QMessageBox::about(this, tr("About TinyFoot Studio"), text);
    });

    QToolBar* tools = addToolBar(tr("Study"));
    tools->setObjectName(QStringLiteral("study"));
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addSeparator();
    tools->addWidget(m_factorSets);
    tools->addAction(logAxis);

    connect(m_factorSets, &QComboBox::currentTextChanged, this, [this](const QString& id) {
        if (id != m_doc.factorSetId()) m_doc.setFactorSet(id);
    });
    connect(m_systems, &QListWidget::currentRowChanged, this, [this](int row) {
        m_model.setSystem(row);
        m_comparison.setReference(row);
    });
    connect(&m_doc, &StudyDocument::changed, this, [this] { refresh(); });
    connect(&m_doc.undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) { setWindowModified(!clean); });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    refresh();
}

void MainWindow::refresh() {
    const int current = m_systems->currentRow();
    m_systems->blockSignals(true);
    m_systems->clear();
    for (std::size_t i = 0; i < m_doc.study().systems.size(); ++i) {
        const auto& r = m_doc.results()[i];
        m_systems->addItem(QStringLiteral("%1  —  %2 kg")
                               .arg(QString::fromStdString(m_doc.study().systems[i].name))
                               .arg(units::inKgCo2e(r.total), 0, 'f', 2));
    }
    m_systems->blockSignals(false);
    const int row = current >= 0 && current < m_systems->count() ? current : (m_systems->count() ? 0 : -1);
    m_systems->setCurrentRow(row);
    if (m_model.system() != row) m_model.setSystem(row);
    m_factorSets->blockSignals(true);
    m_factorSets->setCurrentText(m_doc.factorSetId());
    m_factorSets->blockSignals(false);
    m_chartOptions.titleText = QString::fromStdString(m_doc.study().name);
    charts::drawFootprint(*m_chart, m_doc.results(), m_chartOptions);
    setWindowTitle(QStringLiteral("%1[*] — TinyFoot Studio").arg(QString::fromStdString(m_doc.study().name)));
}

bool MainWindow::openFile(const QString& file) {
    const QString error = m_doc.open(file);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot open"), error);
        statusBar()->showMessage(error);
        return false;
    }
    statusBar()->showMessage(tr("Opened %1").arg(file), 5000);
    return true;
}

void MainWindow::saveAs() {
    const QString f =
        QFileDialog::getSaveFileName(this, tr("Save study"), m_doc.fileName(), tr("TinyFoot studies (*.json)"));
    if (f.isEmpty()) return;
    const QString error = m_doc.saveAs(f);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Cannot save"), error);
}

void MainWindow::exportFigure() {
    const QString f = QFileDialog::getSaveFileName(this, tr("Export figure"), {}, tr("Figures (*.pdf *.svg *.png)"));
    if (f.isEmpty()) return;
    QCustomPlot plot;
    charts::ChartOptions paper = m_chartOptions;
    paper.fontPoints = 8;
    charts::drawFootprint(plot, m_doc.results(), paper);
    const QString error = charts::exportFigure(plot, f, charts::ExportOptions{});
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Cannot export"), error);
    else statusBar()->showMessage(tr("Exported %1").arg(f), 5000);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_doc.isModified()) {
        const auto answer = QMessageBox::question(this, tr("Unsaved changes"), tr("Save the study before closing?"),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) saveAs();
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) openFile(urls.first().toLocalFile());
}

} // namespace tinyfoot::studio
