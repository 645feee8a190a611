// Multi-panel figures: several figures of one study side by side (or in a grid) on one page,
// each labelled (a), (b), (c) … in the style's font, exported as one vector PDF or SVG (text
// stays text) or one PNG. Each panel is laid out by the same rules as a figure of its own at its
// share of the page (figure.h); a panel whose legend names only series an earlier panel's legend
// already shows draws none, so that series the panels share have one legend in the figure.
#pragma once

#include "figure.h"
#include "figure_factory.h"

#include <QString>

#include <optional>
#include <string_view>
#include <vector>

namespace tinyfoot::charts {

/// Panels in `columns` columns and `rows` rows, filled row by row.
struct PanelLayout {
    int columns = 1;
    int rows = 1;
};

/// The layout `text` names, "CxR" (columns x rows, e.g. "3x1" three side by side, "1x3" three
/// one above the other, "2x2"); nullopt for anything else (or a count outside 1 to 9).
std::optional<PanelLayout> panelLayoutNamed(std::string_view text);

/// The default layout of `count` panels: all in one row.
PanelLayout defaultPanelLayout(int count);

/// The label of the i-th panel: "(a)", "(b)" …
QString panelLabel(int index);

/// Draws `figures` as panels of one figure, in `layout` (which must hold them all), at the size of
/// `exportOptions`, and exports it by the extension of `path` (.pdf, .svg, .png). Each panel
/// takes `options` with its label before its title ("(a) Carbon footprint per device"; the label
/// alone with options.title false). Returns an empty string on success, else what went wrong.
QString exportPanels(const std::vector<Figure>& figures, PanelLayout layout, const ChartOptions& options,
                     const QString& path, const ExportOptions& exportOptions);

} // namespace tinyfoot::charts
