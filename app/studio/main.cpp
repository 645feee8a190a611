// tinyfoot-studio: the desktop app.
// Usage: tinyfoot-studio [STUDY.json] [--screenshot FILE.png] [--raise components|comparison]
//                        [--view footprint|fleet|growth|what-ifs|uncertainty|distribution|tornado|sobol]
//                        [--run] [--dialog export|presets] [--select SYSTEM:COMPONENT]
// --screenshot grabs the window (or the --dialog shown over it) once it is painted, or once the
// --run started on the --view has finished, writes the PNG and quits: the user guide's pictures.
#include "export_dialog.h"
#include "main_window.h"
#include "preset_gallery.h"

#include "tinyfoot/engine/error.h"

#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>

#include <iostream>
#include <memory>

int main(int argc, char** argv) {
    // High-DPI: Qt 6 scales by the screen's factor; keep fractional factors (125 %, 150 %) as they
    // are instead of rounding them, so text and charts have the size the desktop asks for.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TinyFoot"));
    QApplication::setApplicationName(QStringLiteral("TinyFoot Studio"));
    QApplication::setDesktopFileName(QStringLiteral("tinyfoot-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/tinyfoot-studio.svg")));
    QString file, screenshot, raise, view, dialogName, selection;
    bool run = false;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--screenshot") && i + 1 < args.size()) screenshot = args[++i];
        else if (args[i] == QLatin1String("--raise") && i + 1 < args.size()) raise = args[++i];
        else if (args[i] == QLatin1String("--view") && i + 1 < args.size()) view = args[++i];
        else if (args[i] == QLatin1String("--run")) run = true;
        else if (args[i] == QLatin1String("--select") && i + 1 < args.size()) selection = args[++i];
        else if (args[i] == QLatin1String("--dialog") && i + 1 < args.size()) dialogName = args[++i];
        else file = args[i];
    }
    tinyfoot::app::LoadedLibrary loaded;
    try {
        loaded = tinyfoot::app::loadLibrary(tinyfoot::app::findDataRoot(std::nullopt));
    } catch (const tinyfoot::Error& e) {
        std::cerr << "tinyfoot-studio: " << e.what() << "\n";
        return 3;
    }
    if (file.isEmpty())
        file = QString::fromStdString((loaded.root / "presets" / "studies" / "paper-comparison.json").string());
    tinyfoot::study::StudyData data;
    try {
        data = tinyfoot::app::loadStudyData(loaded.root, loaded.library);
    } catch (const tinyfoot::Error& e) {
        std::cerr << "tinyfoot-studio: " << e.what() << "\n";
        return 3;
    }
    tinyfoot::studio::MainWindow window(loaded.library, std::move(data));
    if (const auto opened = window.document().open(file); opened.failed())
        std::cerr << "tinyfoot-studio: " << opened.message().toStdString() << "\n";
    window.show();
    // Work a crashed session left unsaved is offered once the window is up (not when taking a
    // screenshot, which must not wait for an answer).
    if (screenshot.isEmpty()) QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    if (!raise.isEmpty())
        if (auto* dock = window.findChild<QDockWidget*>(raise)) dock->raise();
    // --select 0:5 selects the first system's sixth component (rows from 0).
    if (const QStringList parts = selection.split(QLatin1Char(':')); parts.size() == 2)
        window.select(parts[0].toInt(), parts[1].toInt());
    // --view opens a study view; --run starts its Monte Carlo or sensitivity run.
    const QStringList views{QStringLiteral("fleet"),       QStringLiteral("growth"),       QStringLiteral("what-ifs"),
                            QStringLiteral("uncertainty"), QStringLiteral("distribution"), QStringLiteral("tornado"),
                            QStringLiteral("sobol")};
    if (views.contains(view)) {
        window.centralTabs().setCurrentIndex(1);
        const auto v = static_cast<tinyfoot::studio::StudyViews::View>(views.indexOf(view));
        window.studyViews().setCurrentView(v);
        if (run) {
            if (v == tinyfoot::studio::StudyViews::Tornado || v == tinyfoot::studio::StudyViews::Sobol)
                window.studyViews().runSensitivity();
            else window.studyViews().runUncertainty();
        }
    }
    std::unique_ptr<QDialog> dialog;
    if (dialogName == QLatin1String("export")) {
        tinyfoot::charts::Figure figure = window.currentFigure();
        auto e =
            std::make_unique<tinyfoot::studio::ExportDialog>(std::move(figure.draw), std::move(figure.csv), &window);
        e->setTitleText(QString::fromStdString(window.document().study().name));
        dialog = std::move(e);
    } else if (dialogName == QLatin1String("presets")) {
        dialog = std::make_unique<tinyfoot::studio::PresetGallery>(window.document().library(),
                                                                   window.document().factorSetId(), &window);
    }
    if (dialog) dialog->show();
    if (!screenshot.isEmpty()) {
        const auto shoot = [&] {
            QTimer::singleShot(300, &window, [&] {
                const bool ok = (dialog ? dialog->grab() : window.grab()).save(screenshot);
                std::cout << (ok ? "wrote " : "could not write ") << screenshot.toStdString() << "\n";
                QApplication::exit(ok ? 0 : 4);
            });
        };
        if (run && window.studyViews().job())
            QObject::connect(&window.studyViews(), &tinyfoot::studio::StudyViews::runFinished, &window, shoot);
        else shoot();
    }
    return QApplication::exec();
}
