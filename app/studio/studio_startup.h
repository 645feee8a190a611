// What every program built on the studio (tinyfoot-studio, tinyfoot-studio-screenshot) does before
// its window opens: the high-DPI policy, the application's names and icon, and loading the library
// and study data from the data folder, so that the app and its tools start the same way.
#pragma once

#include "operation_result.h"

#include "data_library.h"

#include "tinyfoot/engine/study/study.h"

#include <QString>

namespace tinyfoot::studio {

/// What must be set before the QApplication exists: fractional high-DPI scale factors (125 %,
/// 150 %) are kept as they are instead of rounded, so text and charts have the size the desktop
/// asks for.
void prepareApplication();

/// The organisation, application and desktop file names (they place QSettings and the autosave
/// folder) and the window icon; once the QApplication exists.
void nameApplication();

/// The library and the study data the studio computes with.
struct StudioLibrary {
    app::LoadedLibrary loaded;
    study::StudyData data;
    /// The study opened when none is named: the paper's comparison.
    QString defaultStudy() const;
};

/// Finds the data folder (TINYFOOT_DATA, the install location, the source tree) and loads the
/// library and the study data into `into`; a failure names the bad file.
OperationResult loadStudioLibrary(StudioLibrary& into);

} // namespace tinyfoot::studio
