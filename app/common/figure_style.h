// Figure styles: a named set of figure options (column widths, height, font, palette, legend
// placement, bar style) read from a small JSON file (format "tinyfoot.figure_style"). The
// library's styles sit in data/styles/ (one per publisher's guidelines, each citing them); a
// user's own style is a file of the same format, written by the studio's "Save style…". This
// room reads and writes the files; app/charts turns a style into drawing and export options.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot::app {

/// A length as a style file writes it: a value and one of "mm", "in", "pt".
struct StyleLength {
    double value = 0.0;
    std::string unit = "in";
    double inches() const;
};

/// A column width a style offers ("single", "double", "one-and-half" ...).
struct StyleColumn {
    std::string id;
    StyleLength width;
};

/// Where a style's numbers come from.
struct StyleSource {
    std::string citation;
    std::string url;
    int read = 0; ///< the year the guideline was read
};

/// A figure style. Every member but id, name and columns is optional: what a style leaves out
/// keeps the figure's default (or what the user chose).
struct FigureStyle {
    std::string id;
    std::string name;
    std::vector<StyleColumn> columns; ///< at least one; the first is the default
    std::optional<StyleLength> height;
    std::optional<std::string> fontFamily;
    std::optional<double> fontPoints;        ///< the figure's text size
    std::optional<double> minimumFontPoints; ///< the smallest text the guideline allows
    std::optional<std::string> palette;      ///< "okabe-ito" or "grey"
    std::optional<std::string> legend;       ///< "auto", "right", "inside", "below" or "none"
    std::optional<std::string> barStyle;     ///< "log-stacked", "linear-stacked" or "share"
    std::optional<bool> title;               ///< false: no title row (the caption carries it)
    std::vector<StyleSource> sources;
    std::string note;

    /// The column named `id`; null when the style has none of that name.
    const StyleColumn* column(const std::string& id) const;
    /// The columns' ids, comma separated ("single, double").
    std::string columnIds() const;
};

inline constexpr char kFigureStyleFormat[] = "tinyfoot.figure_style";

/// Reads a style from JSON text, strictly: unknown members, wrong types, words outside their
/// lists, widths and fonts outside their ranges are errors naming `source`, the JSON path, what
/// was expected and what was found (tinyfoot::Error).
FigureStyle parseFigureStyle(const std::string& text, const std::string& source);

/// Reads a style file (parseFigureStyle, the file's path as its source).
FigureStyle loadFigureStyleFile(const std::filesystem::path& file);

/// The style as JSON text that parseFigureStyle reads back to the same style.
std::string figureStyleJson(const FigureStyle& style);

/// The library's styles: every data/styles/*.json under `root`, in file order. Each must cite its
/// guideline (sources) and have an id of its own. Throws Error naming the bad file.
std::vector<FigureStyle> loadFigureStyles(const std::filesystem::path& root);

/// The style called `id` among `styles`; null when none is.
const FigureStyle* findFigureStyle(const std::vector<FigureStyle>& styles, const std::string& id);

} // namespace tinyfoot::app
