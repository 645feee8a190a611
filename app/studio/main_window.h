// TinyFoot Studio's main window: the study's systems, their stacked-bar chart, the components of
// the selected system, undo/redo, open/save, figure export.
#pragma once

#include "comparison_model.h"
#include "component_model.h"
#include "footprint_chart.h"
#include "study_document.h"

#include <QMainWindow>

class QCustomPlot;
class QListWidget;
class QTableView;
class QComboBox;
class QAction;

namespace tinyfoot::studio {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const Library& library, QWidget* parent = nullptr);
    StudyDocument& document() { return m_doc; }
    QCustomPlot& chart() { return *m_chart; }
    ComparisonModel& comparison() { return m_comparison; }
    /// Opens a file, showing the error (and keeping the open study) when it fails.
    bool openFile(const QString& file);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void refresh();
    void saveAs();
    void exportFigure();
    const Library& m_library;
    StudyDocument m_doc;
    ComponentModel m_model;
    ComparisonModel m_comparison;
    charts::ChartOptions m_chartOptions;
    QCustomPlot* m_chart = nullptr;
    QListWidget* m_systems = nullptr;
    QTableView* m_table = nullptr;
    QComboBox* m_factorSets = nullptr;
};

} // namespace tinyfoot::studio
