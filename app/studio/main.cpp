// tinyfoot-studio: the desktop app.
// Usage: tinyfoot-studio [STUDY.json] | --help | --version
// Opens the study or system file (default: the paper's comparison). The pictures of the user
// guide are taken by tinyfoot-studio-screenshot (tools/studio_screenshot), on the same core.
#include "main_window.h"
#include "studio_startup.h"

#include <QApplication>
#include <QTimer>

#include <cstring>
#include <iostream>

namespace {

constexpr const char* kUsage = R"(Usage: tinyfoot-studio [STUDY.json]

TinyFoot Studio: the carbon footprint of TinyML systems and the devices they are compared with.
Opens a study or system file (default: the paper's comparison, presets/studies/). Pictures of
the window are taken by tinyfoot-studio-screenshot; everything the studio computes is also
scriptable with the command line, tinyfoot.

Options:
  --help      this text
  --version   the version
)";

} // namespace

int main(int argc, char** argv) {
    // Answered before Qt starts: they need no display.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::cout << kUsage;
            return 0;
        }
        if (std::strcmp(argv[i], "--version") == 0) {
            std::cout << "tinyfoot-studio " << TINYFOOT_VERSION << "\n";
            return 0;
        }
        if (std::strncmp(argv[i], "--", 2) == 0) {
            std::cerr << "tinyfoot-studio: unknown option " << argv[i]
                      << " (usage: tinyfoot-studio [STUDY.json]; screenshots: tinyfoot-studio-screenshot)\n";
            return 2;
        }
    }
    tinyfoot::studio::prepareApplication();
    QApplication app(argc, argv);
    tinyfoot::studio::nameApplication();
    QString file;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i < args.size(); ++i) file = args[i];
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
