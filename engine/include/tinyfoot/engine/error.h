// The engine's one exception type. It is thrown only where a document's content is checked, and
// always names the document and the JSON path at fault:
// - the loaders (loader.h; parseAnalysis and the data-file readers of study/analysis_reader.h);
// - the reference checks (resolveIncludes and checkReferences in library.h, resolveGrowth);
// - the study layer's binding of an analysis to its systems and data (study/study.h:
//   chooseDistributions, fleetOptions, runFleet, runSweep, runUncertainty, runSensitivity), for an
//   input key, id, grid or unit the study names that its systems or data do not have.
// Calculations never throw (calculate, the flat model, the samplers, the fleet model): they report
// problems as Diagnostics in their result.
#pragma once

#include <stdexcept>
#include <string>

namespace tinyfoot {

/// A problem with an input document: which source (file name), where in it (a JSON pointer
/// such as "/components/3/amount/unit"), what was expected and what was found.
class Error : public std::runtime_error {
public:
    Error(std::string source, std::string path, std::string expected, std::string found);

    const std::string& source() const { return m_source; }
    const std::string& path() const { return m_path; }
    const std::string& expected() const { return m_expected; }
    const std::string& found() const { return m_found; }

private:
    std::string m_source;
    std::string m_path;
    std::string m_expected;
    std::string m_found;
};

} // namespace tinyfoot
