// A figure style (app/common/figure_style.h: a publisher's or a user's) as the options a figure
// is drawn and exported with, and the options back as a style, for "Save style…".
#pragma once

#include "figure.h"
#include "figure_style.h"

#include <string>

namespace tinyfoot::charts {

/// Sets on `chart` and `out` what `style` sets: the width of its column `column` (empty: its first
/// column), its height, font family and size, minimum size, palette, legend, bar style and title.
/// What the style leaves out is left as it was. Returns false (changing nothing) when the style
/// has no column called `column`.
bool applyStyle(const app::FigureStyle& style, const std::string& column, ChartOptions& chart, ExportOptions& out);

/// The options as a style called `id` (`name`): one column, "single", at the export width; the
/// height, font, minimum size, palette, legend, bar style and title. applyStyle of it with its
/// column gives the same options.
app::FigureStyle styleOf(const ChartOptions& chart, const ExportOptions& out, const std::string& id,
                         const std::string& name);

} // namespace tinyfoot::charts
