#include "figure_style.h"

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/format/number.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace tinyfoot::app {

namespace {

using Json = nlohmann::ordered_json;

/// TinyFoot draws no text below 6 pt and no larger than 36 pt (the charts' and the CLI's limits).
constexpr double kFontFloor = 6.0;
constexpr double kFontCeiling = 36.0;
/// Figures from half an inch to 40 inches wide or high (the CLI's limits).
constexpr double kSmallestInches = 0.5;
constexpr double kLargestInches = 40.0;

std::string kindOf(const Json& j) {
    switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
    case Json::value_t::string: return "\"" + j.get<std::string>() + "\"";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return j.empty() ? "an empty object" : "an object";
    default: return "the number " + format::shortest(j.get<double>());
    }
}

/// Reads the members of one JSON object, each access naming its JSON pointer; members nobody
/// asked for are errors (finish()).
class Reader {
public:
    Reader(const Json& object, std::string path, const std::string& source)
        : m_object(object), m_path(std::move(path)), m_source(source) {
        if (!m_object.is_object()) fail(m_path, "an object", kindOf(m_object));
    }

    [[noreturn]] void fail(const std::string& path, const std::string& expected, const std::string& found) const {
        throw Error(m_source, path.empty() ? "/" : path, expected, found);
    }
    std::string at(const std::string& key) const { return m_path + "/" + key; }

    const Json* optional(const std::string& key) {
        m_seen.insert(key);
        const auto it = m_object.find(key);
        return it == m_object.end() ? nullptr : &*it;
    }
    const Json& required(const std::string& key, const std::string& expected) {
        const Json* j = optional(key);
        if (!j) fail(at(key), expected, "nothing (the member is missing)");
        return *j;
    }

    std::string text(const std::string& key, const Json& j, const std::string& expected) const {
        if (!j.is_string() || j.get<std::string>().empty()) fail(at(key), expected, kindOf(j));
        return j.get<std::string>();
    }
    double number(const std::string& key, const Json& j, double lo, double hi, const std::string& expected) const {
        if (!j.is_number() || j.get<double>() < lo || j.get<double>() > hi) fail(at(key), expected, kindOf(j));
        return j.get<double>();
    }
    std::string word(const std::string& key, const Json& j, const std::vector<std::string>& words) const {
        std::string list;
        for (const auto& w : words) list += (list.empty() ? "" : ", ") + std::string("\"") + w + "\"";
        if (!j.is_string() || std::find(words.begin(), words.end(), j.get<std::string>()) == words.end())
            fail(at(key), "one of " + list, kindOf(j));
        return j.get<std::string>();
    }

    void finish() const {
        for (const auto& [key, value] : m_object.items())
            if (!m_seen.count(key))
                fail(at(key), "no member \"" + key + "\" (not part of a figure style)", kindOf(value));
    }

private:
    const Json& m_object;
    std::string m_path;
    const std::string& m_source;
    std::set<std::string> m_seen;
};

bool isIdentifier(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

StyleLength readLength(const Json& j, const std::string& path, const std::string& source, const std::string& what) {
    Reader r(j, path, source);
    StyleLength l;
    l.unit = r.word("unit", r.required("unit", "\"mm\", \"in\" or \"pt\""), {"mm", "in", "pt"});
    const Json& v = r.required("value", "a number");
    if (!v.is_number()) r.fail(r.at("value"), "a number", kindOf(v));
    l.value = v.get<double>();
    const double inches = l.inches();
    if (!(inches >= kSmallestInches && inches <= kLargestInches))
        r.fail(r.at("value"), what + " from 0.5 to 40 in (12.7 to 1016 mm)", kindOf(v) + " " + l.unit);
    r.finish();
    return l;
}

Json lengthJson(const StyleLength& l) {
    Json j = Json::object();
    j["value"] = l.value;
    j["unit"] = l.unit;
    return j;
}

} // namespace

double StyleLength::inches() const {
    if (unit == "mm") return value / 25.4;
    if (unit == "pt") return value / 72.0;
    return value;
}

const StyleColumn* FigureStyle::column(const std::string& columnId) const {
    for (const auto& c : columns)
        if (c.id == columnId) return &c;
    return nullptr;
}

std::string FigureStyle::columnIds() const {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c.id;
    return out;
}

FigureStyle parseFigureStyle(const std::string& text, const std::string& source) {
    Json doc;
    try {
        doc = Json::parse(text);
    } catch (const Json::parse_error& e) {
        throw Error(source, "", "a JSON document (a figure style)", std::string("text that is not JSON: ") + e.what());
    }
    Reader r(doc, "", source);
    const Json& format = r.required("format", "\"" + std::string(kFigureStyleFormat) + "\"");
    if (!format.is_string() || format.get<std::string>() != kFigureStyleFormat)
        r.fail("/format", "\"" + std::string(kFigureStyleFormat) + "\"", kindOf(format));
    const Json& version = r.required("version", "version 1");
    if (!version.is_number_integer() || version.get<long long>() != 1) r.fail("/version", "version 1", kindOf(version));

    FigureStyle s;
    const Json& id = r.required("id", "an identifier (lower-case letters, digits, '-', '_')");
    if (!id.is_string() || !isIdentifier(id.get<std::string>()))
        r.fail("/id", "an identifier (lower-case letters, digits, '-', '_')", kindOf(id));
    s.id = id.get<std::string>();
    s.name = r.text("name", r.required("name", "a name (text)"), "a name (text)");

    const Json& columns =
        r.required("columns", "an object of column widths, e.g. {\"single\": {\"value\": 3.5, \"unit\": \"in\"}}");
    if (!columns.is_object() || columns.empty())
        r.fail("/columns",
               "an object of one or more column widths, e.g. {\"single\": {\"value\": 3.5, \"unit\": \"in\"}}",
               kindOf(columns));
    for (const auto& [key, value] : columns.items()) {
        if (!isIdentifier(key))
            r.fail("/columns/" + key, "a column id (lower-case letters, digits, '-', '_')", "\"" + key + "\"");
        s.columns.push_back({key, readLength(value, "/columns/" + key, source, "a column width")});
    }
    if (const Json* h = r.optional("height")) s.height = readLength(*h, "/height", source, "a height");
    if (const Json* f = r.optional("font_family")) s.fontFamily = r.text("font_family", *f, "a font family (text)");
    if (const Json* m = r.optional("minimum_font_points"))
        s.minimumFontPoints = r.number("minimum_font_points", *m, 1.0, kFontCeiling, "a size in points from 1 to 36");
    if (const Json* f = r.optional("font_points")) {
        const double lo = std::max(kFontFloor, s.minimumFontPoints.value_or(0.0));
        s.fontPoints = r.number("font_points", *f, lo, kFontCeiling,
                                "a size in points from " + format::shortest(lo) +
                                    " to 36 (TinyFoot's floor is 6 pt, and not below minimum_font_points)");
    }
    if (const Json* p = r.optional("palette")) s.palette = r.word("palette", *p, {"okabe-ito", "grey"});
    if (const Json* l = r.optional("legend"))
        s.legend = r.word("legend", *l, {"auto", "right", "inside", "below", "none"});
    if (const Json* b = r.optional("bar_style"))
        s.barStyle = r.word("bar_style", *b, {"log-stacked", "linear-stacked", "share"});
    if (const Json* t = r.optional("title")) {
        if (!t->is_boolean()) r.fail("/title", "true or false (whether the figure has a title row)", kindOf(*t));
        s.title = t->get<bool>();
    }
    if (const Json* src = r.optional("sources")) {
        if (!src->is_array()) r.fail("/sources", "an array of sources", kindOf(*src));
        for (std::size_t i = 0; i < src->size(); ++i) {
            Reader sr((*src)[i], "/sources/" + std::to_string(i), source);
            StyleSource one;
            one.citation = sr.text("citation", sr.required("citation", "a citation (text)"), "a citation (text)");
            one.url = sr.text("url", sr.required("url", "a URL (text)"), "a URL (text)");
            if (one.url.rfind("https://", 0) != 0 && one.url.rfind("http://", 0) != 0)
                sr.fail(sr.at("url"), "a URL starting https:// or http://", "\"" + one.url + "\"");
            const Json& read = sr.required("read", "the year the source was read (e.g. 2026)");
            if (!read.is_number_integer() || read.get<long long>() < 1990 || read.get<long long>() > 2100)
                sr.fail(sr.at("read"), "the year the source was read (e.g. 2026)", kindOf(read));
            one.read = read.get<int>();
            sr.finish();
            s.sources.push_back(std::move(one));
        }
    }
    if (const Json* n = r.optional("note")) s.note = r.text("note", *n, "a note (text)");
    r.finish();
    return s;
}

FigureStyle loadFigureStyleFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string(), "", "a readable figure style file", "a file that cannot be opened");
    std::ostringstream text;
    text << in.rdbuf();
    return parseFigureStyle(text.str(), file.string());
}

std::string figureStyleJson(const FigureStyle& s) {
    nlohmann::ordered_json j;
    j["format"] = kFigureStyleFormat;
    j["version"] = 1;
    j["id"] = s.id;
    j["name"] = s.name;
    nlohmann::ordered_json columns = nlohmann::ordered_json::object();
    for (const auto& c : s.columns) columns[c.id] = lengthJson(c.width);
    j["columns"] = columns;
    if (s.height) j["height"] = lengthJson(*s.height);
    if (s.fontFamily) j["font_family"] = *s.fontFamily;
    if (s.fontPoints) j["font_points"] = *s.fontPoints;
    if (s.minimumFontPoints) j["minimum_font_points"] = *s.minimumFontPoints;
    if (s.palette) j["palette"] = *s.palette;
    if (s.legend) j["legend"] = *s.legend;
    if (s.barStyle) j["bar_style"] = *s.barStyle;
    if (s.title) j["title"] = *s.title;
    if (!s.sources.empty()) {
        nlohmann::ordered_json sources = nlohmann::ordered_json::array();
        for (const auto& src : s.sources) {
            nlohmann::ordered_json one;
            one["citation"] = src.citation;
            one["url"] = src.url;
            one["read"] = src.read;
            sources.push_back(one);
        }
        j["sources"] = sources;
    }
    if (!s.note.empty()) j["note"] = s.note;
    return j.dump(2) + "\n";
}

std::vector<FigureStyle> loadFigureStyles(const fs::path& root) {
    std::vector<fs::path> files;
    std::error_code ec;
    const fs::path dir = root / "data" / "styles";
    if (fs::is_directory(dir, ec))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<FigureStyle> styles;
    for (const auto& f : files) {
        FigureStyle s = loadFigureStyleFile(f);
        if (s.sources.empty())
            throw Error(f.string(), "/sources", "the guideline the style's numbers come from (a data style cites it)",
                        "none");
        if (findFigureStyle(styles, s.id))
            throw Error(f.string(), "/id", "an id no other style of data/styles has", "\"" + s.id + "\" again");
        styles.push_back(std::move(s));
    }
    return styles;
}

const FigureStyle* findFigureStyle(const std::vector<FigureStyle>& styles, const std::string& id) {
    for (const auto& s : styles)
        if (s.id == id) return &s;
    return nullptr;
}

} // namespace tinyfoot::app
