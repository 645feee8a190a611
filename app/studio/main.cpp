// tinyfoot-studio: the desktop app.
// Usage: tinyfoot-studio [STUDY.json] [--screenshot FILE.png] [--raise components|comparison]
#include "main_window.h"

#include "tinyfoot/engine/error.h"

#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>

#include <iostream>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TinyFoot"));
    QApplication::setApplicationName(QStringLiteral("TinyFoot Studio"));
    QApplication::setDesktopFileName(QStringLiteral("tinyfoot-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/tinyfoot-studio.svg")));
    QString file, screenshot, raise;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--screenshot") && i + 1 < args.size()) screenshot = args[++i];
        else if (args[i] == QLatin1String("--raise") && i + 1 < args.size()) raise = args[++i];
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
    tinyfoot::studio::MainWindow window(loaded.library);
    window.resize(1280, 800);
    const QString error = window.document().open(file);
    if (!error.isEmpty()) std::cerr << "tinyfoot-studio: " << error.toStdString() << "\n";
    window.show();
    if (!raise.isEmpty())
        if (auto* dock = window.findChild<QDockWidget*>(raise)) dock->raise();
    if (!screenshot.isEmpty()) {
        QTimer::singleShot(300, &window, [&] {
            const bool ok = window.grab().save(screenshot);
            std::cout << (ok ? "wrote " : "could not write ") << screenshot.toStdString() << "\n";
            QApplication::exit(ok ? 0 : 4);
        });
    }
    return QApplication::exec();
}
