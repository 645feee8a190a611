// Finding and loading TinyFoot's data library (data/ and presets/) from disk.
#pragma once

#include "figure_style.h"

#include "tinyfoot/engine/library.h"
#include "tinyfoot/engine/study/analysis_reader.h"
#include "tinyfoot/engine/system.h"

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tinyfoot::app {

/// The folder that holds data/ and presets/. Looked for, in order: `explicitRoot` (--data),
/// the environment variable TINYFOOT_DATA, the install location, the source tree.
/// Throws Error when none holds both folders.
std::filesystem::path findDataRoot(const std::optional<std::filesystem::path>& explicitRoot);

struct LoadedLibrary {
    Library library;
    std::filesystem::path root;
    std::vector<std::filesystem::path> files; ///< every file loaded, in load order
};

/// Loads every factor set (data/factors/*.json), HSL catalogue (data/hsl/*.json) and preset
/// system (presets/**/*.json outside presets/studies/), and checks each preset's references.
/// Throws Error (naming the file) on the first bad file.
LoadedLibrary loadLibrary(const std::filesystem::path& root);

/// A document given on the command line: a system or a study.
using Document = std::variant<System, Study>;

/// Reads a file and loads it by its "format" (a system or a study), with the harness results
/// files its use stages name (relative to the file). Does not check the references against a
/// factor set: which set applies (--factors, the study's own, the library's default) is the
/// caller's to say, with checkDocument. Throws Error naming the file and field.
Document readDocumentFile(const std::filesystem::path& file, const Library& library);

/// Checks every system's references (factors, HSL levels, model tables) against `set`, or, when
/// `set` is null, against the set the document names (a study's "factor_set") else the library's
/// default. Throws Error naming the document and field.
void checkDocument(const Document& doc, const Library& library, const FactorSet* set = nullptr);

/// readDocumentFile, then checkDocument against the document's own factor set.
Document loadDocumentFile(const std::filesystem::path& file, const Library& library);

/// Any file TinyFoot reads, by its "format": a system, a study, a factor set, an HSL catalogue, a
/// harness results file or a figure style.
using AnyDocument = std::variant<System, Study, FactorSet, HslCatalogue, ImpactSet, ItemMassTable, WeightingSet,
                                 Measurement, FigureStyle>;

/// Loads any file by its "format", strictly; systems and studies are checked as loadDocumentFile
/// checks them. What `tinyfoot validate FILE` runs. Throws Error naming the file and field.
AnyDocument loadAnyFile(const std::filesystem::path& file, const Library& library);

/// Loads a harness results file (tinyfoot.measurement); `shownAs` is how reports name it.
Measurement loadMeasurementFile(const std::filesystem::path& file, const std::string& shownAs);

/// Loads the harness results files that use stages of `system` reference, relative to `baseDir`.
void resolveMeasurements(System& system, const std::filesystem::path& baseDir);

/// A preset id or a file path: presets are looked up first when the argument has no '/' and
/// does not end in ".json". A file is read with readDocumentFile: the caller checks it against
/// the factor set it computes with.
Document readDocumentArgument(const std::string& argument, const Library& library);

/// The systems of a document (one for a system, all for a study).
std::vector<System> systemsOf(const Document& doc);

/// What studies may name besides the library: sector totals (data/sectors, factor sets of CO2e
/// per year) and growth curves (data/growth, studies naming curves) under the data root.
/// Throws Error naming the bad file.
study::StudyData loadStudyData(const std::filesystem::path& root, const Library& library);

/// Writes `text` to `file` atomically: a temporary file beside it, flushed, then renamed over.
void saveAtomically(const std::filesystem::path& file, const std::string& text);

} // namespace tinyfoot::app
