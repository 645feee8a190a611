// tinyfoot-studio: the desktop app.
// Usage: tinyfoot-studio [STUDY.json]
// Opens the study or system file (default: the paper's comparison). The pictures of the user
// guide are taken by tinyfoot-studio-screenshot (tools/studio_screenshot), on the same core.
#include "main_window.h"
#include "studio_startup.h"

#include <QApplication>
#include <QTimer>

#include <iostream>

int main(int argc, char** argv) {
    tinyfoot::studio::prepareApplication();
    QApplication app(argc, argv);
    tinyfoot::studio::nameApplication();
    QString file;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i].startsWith(QLatin1String("--"))) {
            std::cerr << "tinyfoot-studio: unknown option " << args[i].toStdString()
                      << " (usage: tinyfoot-studio [STUDY.json]; screenshots: tinyfoot-studio-screenshot)\n";
            return 2;
        }
        file = args[i];
    }
    tinyfoot::studio::StudioLibrary library;
    if (const auto loaded = tinyfoot::studio::loadStudioLibrary(library); loaded.failed()) {
        std::cerr << "tinyfoot-studio: " << loaded.message().toStdString() << "\n";
        return 3;
    }
    if (file.isEmpty()) file = library.defaultStudy();
    tinyfoot::studio::MainWindow window(library.loaded.library, std::move(library.data));
    if (const auto opened = window.document().open(file); opened.failed())
        std::cerr << "tinyfoot-studio: " << opened.message().toStdString() << "\n";
    window.show();
    // Work a crashed session left unsaved is offered once the window is up.
    QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    return QApplication::exec();
}
