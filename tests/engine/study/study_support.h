// Studies and the study data (data/sectors, data/growth) of the source tree for the study tests,
// through the applications' loaders (paths from compile definitions, never the working directory).
#pragma once

#include "../test_library.h"

#include "tinyfoot/engine/study/analysis.h"
#include "tinyfoot/engine/study/study.h"

#include <sstream>
#include <string>

namespace tinyfoot::test {

inline Study loadStudyText(const std::string& text, const std::string& source) {
    std::istringstream in(text);
    return loadStudy(in, source, library());
}

inline Study loadStudyFile(const std::filesystem::path& p) {
    auto in = open(p);
    return loadStudy(in, p.string(), library());
}

/// Sector totals and growth curves, loaded as the applications load them.
inline const study::StudyData& studyData() {
    static const study::StudyData data = app::loadStudyData(sourceRoot(), library());
    return data;
}

inline study::StudyContext prepare(const Study& st) {
    const FactorSet* set = st.factorSet.empty() ? &paperFactors() : library().findFactorSet(st.factorSet);
    for (const auto& s : st.systems) checkReferences(s, library(), set);
    return study::prepareStudy(st.systems, library(), *set, study::parseAnalysis(st), studyData(), st.sourceName);
}

inline study::StudyContext prepareFile(const std::string& relative) {
    return prepare(loadStudyFile(sourceRoot() / relative));
}

/// A study of presets with an analysis given as JSON text.
inline study::StudyContext prepareInline(const std::vector<std::string>& presets, const std::string& analysis,
                                         const std::string& source = "inline-study.json") {
    std::string systems;
    for (const auto& p : presets) systems += (systems.empty() ? "" : ", ") + std::string("{\"preset\": \"") + p + "\"}";
    const std::string text = R"({"format": "tinyfoot.study", "version": 1, "id": "t", "name": "T", "systems": [)" +
                             systems + "]" + (analysis.empty() ? "" : ", \"analysis\": " + analysis) + "}";
    return prepare(loadStudyText(text, source));
}

} // namespace tinyfoot::test
