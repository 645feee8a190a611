// What the studio's test files share: one QApplication for the whole test process, the data
// library of the source tree, and the paths of its presets.
#pragma once

#include "data_library.h"

#include <QApplication>
#include <QString>

#include <string>

namespace tinyfoot::test {

/// The process's QApplication, made on first use (the offscreen platform comes from ctest's
/// environment). Never destroyed: a QApplication torn down among the static destructors at exit
/// crashes.
inline QApplication& qtApp() {
    if (auto* existing = qobject_cast<QApplication*>(QCoreApplication::instance())) return *existing;
    static int argc = 1;
    static char name[] = "studio_tests";
    static char* argv[] = {name, nullptr};
    return *new QApplication(argc, argv);
}

/// The data library of the source tree, loaded once.
inline const app::LoadedLibrary& library() {
    static const app::LoadedLibrary lib = app::loadLibrary(TINYFOOT_SOURCE_ROOT);
    return lib;
}

/// A file under presets/ of the source tree.
inline QString presetFile(const std::string& relative) {
    return QString::fromStdString(std::string(TINYFOOT_SOURCE_ROOT) + "/presets/" + relative);
}

} // namespace tinyfoot::test
