// tinyfoot-studio-screenshot: the user guide's pictures of TinyFoot Studio, taken on the studio's
// own core (tinyfoot_studio_core) without anyone at the window.
// Usage: tinyfoot-studio-screenshot [STUDY.json] --out FILE.png [--raise components|comparison]
//          [--view footprint|fleet|growth|what-ifs|uncertainty|distribution|tornado|sobol|difference|
//                  difference:ratio|impacts:CATEGORY|sweep:ID[:SYSTEM]] [--run]
//          [--in co2e|CATEGORY|single-score] [--dialog export|presets] [--figure-style STYLE:COLUMN]
//          [--select SYSTEM:COMPONENT]
// Opens the study as tinyfoot-studio does, sets the window up as asked, grabs it (or the --dialog
// shown over it) once it is painted, or once the --run started on the --view has finished, writes
// the PNG and quits. Run it under a virtual display (xvfb-run) for the desktop's fonts and style,
// or with QT_QPA_PLATFORM=offscreen. Unsaved work goes to a temporary autosave folder: nothing of
// the user's sessions is offered or touched.
// Exit codes: 0 written, 2 usage error, 3 invalid input, 4 the PNG not written.
#include "export_dialog.h"
#include "figure_factory.h"
#include "main_window.h"
#include "preset_gallery.h"
#include "studio_startup.h"

#include <QApplication>
#include <QDockWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <iostream>
#include <memory>

namespace {

using namespace tinyfoot;
using studio::StudyViews;

constexpr int kUsageError = 2;
constexpr int kInvalidInput = 3;
constexpr int kOutputError = 4;

/// What to show before the picture is taken.
struct Shot {
    QString file;       ///< the study (default: the paper's comparison)
    QString out;        ///< the PNG
    QString raise;      ///< a dock to bring to the front
    QString view;       ///< a figure view (figure_factory.h names)
    bool run = false;   ///< start the view's Monte Carlo or sensitivity run and wait for it
    QString in;         ///< the run's impact category ("co2e", "adpe" …, "single-score")
    QString dialog;     ///< "export" or "presets", shown over the window
    QString selection;  ///< "SYSTEM:COMPONENT", rows from 0
    bool ratio = false; ///< --view difference:ratio: the Differences tab showing ratios
    QString
        style; ///< --figure-style: the export dialog's style ("ieee:single") (not --style, which QApplication takes)
};

int usage(const std::string& message) {
    std::cerr << "tinyfoot-studio-screenshot: " << message
              << "\nUsage: tinyfoot-studio-screenshot [STUDY.json] --out FILE.png [--raise DOCK] [--view "
                 "VIEW|difference:ratio|sweep:ID[:SYSTEM]] [--run] [--in CATEGORY] "
                 "[--dialog export|presets] [--figure-style STYLE:COLUMN] [--select SYSTEM:COMPONENT]\n";
    return kUsageError;
}

/// Reads the arguments into `shot`; an empty string when they are good, else what is wrong.
std::string parse(const QStringList& args, Shot& shot) {
    for (int i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--run")) shot.run = true;
        else if (a == QLatin1String("--out") && hasValue) shot.out = args[++i];
        else if (a == QLatin1String("--raise") && hasValue) shot.raise = args[++i];
        else if (a == QLatin1String("--view") && hasValue) shot.view = args[++i];
        else if (a == QLatin1String("--in") && hasValue) shot.in = args[++i];
        else if (a == QLatin1String("--dialog") && hasValue) shot.dialog = args[++i];
        else if (a == QLatin1String("--select") && hasValue) shot.selection = args[++i];
        else if (a == QLatin1String("--figure-style") && hasValue) shot.style = args[++i];
        else if (a.startsWith(QLatin1String("--"))) return "unknown option or missing value: " + a.toStdString();
        else shot.file = a;
    }
    if (shot.out.isEmpty()) return "--out FILE.png is required";
    if (shot.view == QLatin1String("difference:ratio")) {
        shot.view = QStringLiteral("difference");
        shot.ratio = true;
    }
    if (!shot.view.isEmpty() && !shot.view.startsWith(QLatin1String("impacts")) &&
        !shot.view.startsWith(QLatin1String("sweep")) && !charts::figureViewNamed(shot.view.toStdString()))
        return "--view: no view named '" + shot.view.toStdString() + "'";
    if (!shot.dialog.isEmpty() && shot.dialog != QLatin1String("export") && shot.dialog != QLatin1String("presets"))
        return "--dialog expects export or presets";
    return {};
}

} // namespace

int main(int argc, char** argv) {
    studio::prepareApplication();
    QApplication app(argc, argv);
    studio::nameApplication();
    Shot shot;
    if (const std::string problem = parse(QApplication::arguments(), shot); !problem.empty()) return usage(problem);

    studio::StudioLibrary library;
    if (const auto loaded = studio::loadStudioLibrary(library); loaded.failed()) {
        std::cerr << "tinyfoot-studio-screenshot: " << loaded.message().toStdString() << "\n";
        return kInvalidInput;
    }
    if (shot.file.isEmpty()) shot.file = library.defaultStudy();
    QTemporaryDir autosave;
    studio::MainWindow window(library.loaded.library, std::move(library.data), autosave.path());
    if (const auto opened = window.document().open(shot.file); opened.failed()) {
        std::cerr << "tinyfoot-studio-screenshot: " << opened.message().toStdString() << "\n";
        return kInvalidInput;
    }
    window.show();
    if (!shot.raise.isEmpty())
        if (auto* dock = window.findChild<QDockWidget*>(shot.raise)) dock->raise();
    // --select 0:5 selects the first system's sixth component.
    if (const QStringList parts = shot.selection.split(QLatin1Char(':')); parts.size() == 2)
        window.select(parts[0].toInt(), parts[1].toInt());
    // --view opens a study view (or the footprint); --run starts its Monte Carlo or sensitivity run.
    bool waitForRun = false;
    // --view impacts:adpe opens the impact-categories tab on that category.
    if (shot.view.startsWith(QLatin1String("impacts"))) {
        window.centralTabs().setCurrentWidget(&window.impactView());
        if (const qsizetype colon = shot.view.indexOf(QLatin1Char(':')); colon >= 0)
            if (!window.impactView().setCategory(shot.view.mid(colon + 1))) {
                std::cerr << "tinyfoot-studio-screenshot: no impact category '"
                          << shot.view.mid(colon + 1).toStdString() << "'\n";
                return kUsageError;
            }
    } else if (shot.view.startsWith(QLatin1String("sweep"))) {
        // --view sweep:lifetime-by-grid:image-worst opens the Sweep tab on that sweep (and system).
        window.centralTabs().setCurrentIndex(1);
        window.studyViews().setCurrentView(StudyViews::Sweep);
        const QStringList parts = shot.view.split(QLatin1Char(':'));
        if ((parts.size() > 1 && !window.studyViews().sweepView().setSweep(parts[1])) ||
            (parts.size() > 2 && !window.studyViews().sweepView().setSystem(parts[2]))) {
            std::cerr << "tinyfoot-studio-screenshot: no sweep or system '" << shot.view.toStdString() << "'\n";
            return kUsageError;
        }
    } else if (const auto figure = charts::figureViewNamed(shot.view.toStdString())) {
        if (const auto view = StudyViews::viewShowing(*figure)) {
            window.centralTabs().setCurrentIndex(1);
            window.studyViews().setCurrentView(*view);
            window.studyViews().setDifferenceRatio(shot.ratio);
            if (!shot.in.isEmpty() && !window.studyViews().setImpactCategory(shot.in)) {
                std::cerr << "tinyfoot-studio-screenshot: --in: no category '" << shot.in.toStdString() << "'\n";
                return kUsageError;
            }
            if (shot.run) {
                if (*view == StudyViews::Tornado || *view == StudyViews::Sobol) window.studyViews().runSensitivity();
                else window.studyViews().runUncertainty();
                waitForRun = window.studyViews().job() != nullptr;
            }
        } else {
            window.centralTabs().setCurrentIndex(0);
        }
    }
    std::unique_ptr<QDialog> dialog;
    if (shot.dialog == QLatin1String("export")) {
        charts::Figure figure = window.currentFigure();
        auto e = std::make_unique<studio::ExportDialog>(std::move(figure.draw), std::move(figure.csv), &window);
        e->setTitleText(QString::fromStdString(window.document().study().name));
        if (!shot.style.isEmpty())
            if (const auto applied = e->applyStyleChoice(shot.style); applied.failed()) {
                std::cerr << "tinyfoot-studio-screenshot: --figure-style: " << applied.message().toStdString() << "\n";
                return kUsageError;
            }
        dialog = std::move(e);
    } else if (shot.dialog == QLatin1String("presets")) {
        dialog = std::make_unique<studio::PresetGallery>(window.document().library(), window.document().factorSetId(),
                                                         &window);
    }
    if (dialog) dialog->show();

    // The picture once the window (and the dialog) have been painted.
    const auto takePicture = [&] {
        QTimer::singleShot(300, &window, [&] {
            const bool ok = (dialog ? dialog->grab() : window.grab()).save(shot.out);
            std::cout << (ok ? "wrote " : "could not write ") << shot.out.toStdString() << "\n";
            QApplication::exit(ok ? 0 : kOutputError);
        });
    };
    if (waitForRun) QObject::connect(&window.studyViews(), &StudyViews::runFinished, &window, takePicture);
    else takePicture();
    return QApplication::exec();
}
