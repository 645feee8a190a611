#include "json_reader.h"

#include "tinyfoot/engine/format/number.h"

#include <cmath>
#include <iterator>
#include <limits>
#include <locale>
#include <sstream>

namespace tinyfoot::detail {

namespace {

std::string pointerEscape(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string quoted(const std::string& s) {
    constexpr std::size_t kMax = 60;
    std::string shown = s.size() > kMax ? s.substr(0, kMax) + "..." : s;
    return "\"" + shown + "\"";
}

} // namespace

Json parseDocument(std::istream& in, const std::string& source) {
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(source, "", "a readable file", "a read error");
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // Turn the byte offset into a line and column a person can find.
        std::size_t line = 1, col = 1;
        const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        for (std::size_t i = 0; i < end; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        const bool truncated = e.byte >= text.size();
        std::string what = e.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2:
        // syntax error while parsing value - ..."; keep the part after the last ": ".
        const auto pos = what.find(": syntax error");
        std::string detail = pos == std::string::npos ? what : what.substr(pos + 2);
        throw Error(source, "line " + std::to_string(line) + ", column " + std::to_string(col), "valid JSON",
                    (truncated ? "the end of the file (truncated?): " : "") + detail);
    } catch (const Json::exception& e) {
        throw Error(source, "", "valid JSON", e.what());
    }
}

std::string describe(const Json& j) {
    switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
    case Json::value_t::string: return "a string " + quoted(j.get<std::string>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "the number " + format::shortest(j.get<double>());
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    default: return "a value of an unsupported type";
    }
}

void Node::fail(const std::string& expected) const { fail(expected, describe(*m_json)); }

void Node::fail(const std::string& expected, const std::string& found) const {
    throw Error(*m_source, m_path.empty() ? "/" : m_path, expected, found);
}

std::string Node::string() const {
    if (!m_json->is_string()) fail("a string");
    return m_json->get<std::string>();
}

std::string Node::nonEmptyString() const {
    std::string s = string();
    if (s.empty()) fail("a non-empty string");
    return s;
}

double Node::number() const {
    if (!m_json->is_number()) fail("a number");
    const double v = m_json->get<double>();
    if (!std::isfinite(v)) fail("a finite number");
    return v;
}

double Node::nonNegative() const {
    const double v = number();
    if (v < 0.0) fail("a number >= 0");
    return v;
}

int Node::integer(int min, int max) const {
    const double v = number();
    if (std::floor(v) != v || v < min || v > max)
        fail("a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return static_cast<int>(v);
}

bool Node::boolean() const {
    if (!m_json->is_boolean()) fail("true or false");
    return m_json->get<bool>();
}

ObjectReader Node::object() const {
    if (!m_json->is_object()) fail("an object");
    return ObjectReader(*m_json, m_path, *m_source);
}

std::vector<Node> Node::array() const {
    if (!m_json->is_array()) fail("an array");
    std::vector<Node> out;
    out.reserve(m_json->size());
    for (std::size_t i = 0; i < m_json->size(); ++i)
        out.emplace_back((*m_json)[i], m_path + "/" + std::to_string(i), *m_source);
    return out;
}

std::vector<Node> Node::nonEmptyArray() const {
    auto out = array();
    if (out.empty()) fail("an array with at least one element", "an empty array");
    return out;
}

Amount Node::amount(Dimension dimension) const { return amountOfAny({dimension}); }

Amount Node::amountOfAny(const std::vector<Dimension>& allowed) const {
    std::string expectedUnits;
    std::string kinds;
    for (auto d : allowed) {
        if (!expectedUnits.empty()) {
            expectedUnits += ", ";
            kinds += " or ";
        }
        expectedUnits += acceptedUnits(d);
        kinds += describeDimension(d);
    }
    if (!m_json->is_object())
        fail("an amount {\"value\": number, \"unit\": one of " + expectedUnits + "} (" + kinds + ")");
    ObjectReader o = object();
    const Node unitNode = o.required("unit");
    const std::string unit = unitNode.string();
    const auto info = findUnit(unit);
    bool ok = false;
    if (info)
        for (auto d : allowed) ok = ok || info->dimension == d;
    if (!ok) {
        std::string found = quoted(unit);
        if (info) found += " (" + describeDimension(info->dimension) + ")";
        unitNode.fail("a unit of " + kinds + ": one of " + expectedUnits, found);
    }
    const double value = o.required("value").nonNegative();
    o.finish();
    return Amount::make(value, *info);
}

Node ObjectReader::required(const std::string& key) {
    m_asked.push_back(key);
    const std::string path = m_path + "/" + pointerEscape(key);
    if (!m_json->contains(key)) throw Error(*m_source, path, "the member \"" + key + "\"", "nothing (it is missing)");
    m_read.insert(key);
    return Node((*m_json)[key], path, *m_source);
}

std::optional<Node> ObjectReader::optional(const std::string& key) {
    m_asked.push_back(key);
    if (!m_json->contains(key)) return std::nullopt;
    m_read.insert(key);
    return Node((*m_json)[key], m_path + "/" + pointerEscape(key), *m_source);
}

void ObjectReader::finish() const {
    for (auto it = m_json->begin(); it != m_json->end(); ++it) {
        if (m_read.count(it.key())) continue;
        std::string known;
        std::set<std::string> seen;
        for (const auto& k : m_asked) {
            if (!seen.insert(k).second) continue;
            if (!known.empty()) known += ", ";
            known += k;
        }
        throw Error(*m_source, m_path + "/" + pointerEscape(it.key()), "one of the known members (" + known + ")",
                    "an unknown member \"" + it.key() + "\"");
    }
}

ObjectReader documentRoot(const Json& json, const std::string& source, const std::string& format) {
    Node root(json, "", source);
    if (!json.is_object()) root.fail("a TinyFoot document (a JSON object with \"format\": \"" + format + "\")");
    ObjectReader o = root.object();
    const Node f = o.required("format");
    if (f.string() != format) f.fail("\"" + format + "\"");
    const Node v = o.required("version");
    const int version = v.integer(1, std::numeric_limits<int>::max());
    if (version != 1) v.fail("version 1 (the version this TinyFoot reads)");
    return o;
}

std::string identifier(const Node& n) {
    std::string s = n.nonEmptyString();
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) n.fail("an identifier (lower-case letters, digits, '.', '_', '-')");
    }
    return s;
}

std::string uniqueIdentifier(const Node& n, std::set<std::string>& seen, const std::string& expected) {
    std::string id = identifier(n);
    if (!seen.insert(id).second) n.fail(expected, "'" + id + "' again");
    return id;
}

double positive(const Node& n) {
    const double v = n.number();
    if (!(v > 0.0)) n.fail("a number > 0");
    return v;
}

double fraction(const Node& n) {
    const double v = n.nonNegative();
    if (v <= 0.0 || v > 1.0) n.fail("a fraction in (0, 1]");
    return v;
}

double percent(const Node& n) {
    const double v = n.nonNegative();
    if (v > 100.0) n.fail("a percentage from 0 to 100");
    return v;
}

std::uint64_t wholeNumber(const Node& n, double min, double max) {
    const double v = n.number();
    if (std::floor(v) != v || v < min || v > max) {
        std::ostringstream ss;
        ss.imbue(std::locale::classic());
        ss << "a whole number from " << static_cast<std::uint64_t>(min) << " to " << static_cast<std::uint64_t>(max);
        n.fail(ss.str());
    }
    return static_cast<std::uint64_t>(v);
}

std::pair<double, double> range(const Node& n, const Node& valueNode, double value) {
    const auto pair = n.array();
    if (pair.size() != 2) n.fail("[low, high]", "an array of " + std::to_string(pair.size()));
    const double lo = pair[0].nonNegative();
    const double hi = pair[1].nonNegative();
    if (hi < lo) pair[1].fail("high >= low");
    if (value < lo || value > hi)
        valueNode.fail("a value inside its stated range [" + describe(pair[0].json()) + ", " +
                       describe(pair[1].json()) + "]");
    return {lo, hi};
}

std::string optionalString(ObjectReader& o, const std::string& key) {
    if (auto n = o.optional(key)) return n->string();
    return {};
}

Derivation derivation(const Node& n) {
    const auto d = derivationFromId(n.string());
    if (!d) n.fail("one of published, derived, back-solved");
    return *d;
}

std::vector<Source> readSources(ObjectReader& o, SourcesRule rule) {
    const bool required = rule == SourcesRule::Required;
    std::vector<Source> out;
    const std::optional<Node> node = required ? std::optional<Node>(o.required("sources")) : o.optional("sources");
    if (!node) return out;
    for (const Node& s : required ? node->nonEmptyArray() : node->array()) {
        ObjectReader so = s.object();
        Source src;
        src.citation = so.required("citation").nonEmptyString();
        src.url = optionalString(so, "url");
        so.finish();
        out.push_back(std::move(src));
    }
    return out;
}

} // namespace tinyfoot::detail
