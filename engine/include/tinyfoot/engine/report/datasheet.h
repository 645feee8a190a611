// The environmental-impact section of an ML-sensor datasheet (after the template of Stewart et
// al., "Datasheets for Machine Learning Sensors", arXiv 2306.08848): the footprint by life-cycle
// stage and by component, per year of use and per inference, the energy the use stage is built
// from (with the measurement behind it), the other impact categories, the assumptions and the
// data with their provenance. One document model, written as Markdown or as HTML (the PDF is the
// HTML laid out by the application, app/cli).
#pragma once

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/end_of_life_mass.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/impact.h"
#include "tinyfoot/engine/system.h"

#include <string>
#include <vector>

namespace tinyfoot::report {

/// What a datasheet is written from. `impacts`/`impactSet` may be null (no other categories).
struct DatasheetInput {
    const System* system = nullptr;
    const Result* result = nullptr;
    const FactorSet* factors = nullptr;
    const HslCatalogue* hsl = nullptr;
    const ImpactResult* impacts = nullptr;
    const ImpactSet* impactSet = nullptr;
    const EndOfLifeMass* endOfLife = nullptr; ///< null: no end-of-life mass section
    std::string generator;                    ///< "tinyfoot 0.1.0"
};

/// The datasheet as blocks: headings, paragraphs, tables and lists of plain text.
struct DatasheetBlock {
    enum class Kind { Heading, Paragraph, Table, List };
    Kind kind = Kind::Paragraph;
    int level = 2;                              ///< Heading
    std::string text;                           ///< Heading, Paragraph
    std::vector<std::vector<std::string>> rows; ///< Table: the first row is the header
    std::vector<bool> numeric;                  ///< Table: right-aligned columns
    std::vector<std::string> items;             ///< List
};

std::vector<DatasheetBlock> datasheet(const DatasheetInput& in);

/// One system of a multi-system datasheet, as calculated.
struct DatasheetSystem {
    const System* system = nullptr;
    const Result* result = nullptr;
    const FactorSet* factors = nullptr;
    const HslCatalogue* hsl = nullptr;
};
/// The datasheets of several systems one after another, each assessed under `impactSet` (null:
/// no other categories). What `tinyfoot datasheet` and the studio's Export Datasheet write.
/// The end-of-life mass by material is weighed with `itemMasses` (null: items by part or area
/// are listed as unweighed).
std::vector<DatasheetBlock> datasheets(const std::vector<DatasheetSystem>& systems, const ImpactSet* impactSet,
                                       const std::string& generator, const ItemMassTable* itemMasses = nullptr);
/// "Environmental impact: <name>" for one system, "... of N systems" for several.
std::string datasheetTitle(const std::vector<DatasheetSystem>& systems);

std::string datasheetMarkdown(const std::vector<DatasheetBlock>& blocks);
/// A complete HTML document (UTF-8, a small embedded style sheet, no scripts or external files).
std::string datasheetHtml(const std::vector<DatasheetBlock>& blocks, const std::string& title);

} // namespace tinyfoot::report
