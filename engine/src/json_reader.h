// Strict reading of JSON documents: every access knows its JSON pointer, every object checks
// that no unknown key is left, and every failure is a tinyfoot::Error naming source and path.
// Internal to the engine's loaders.
#pragma once

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/quantity.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <istream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinyfoot::detail {

using Json = nlohmann::json;

/// Parses a whole document; a syntax error or truncation becomes an Error with line and column.
Json parseDocument(std::istream& in, const std::string& source);

/// "a string \"kg\"", "a number 5", "an object" ... for messages.
std::string describe(const Json& j);

class ObjectReader;

/// A JSON value with its location.
class Node {
public:
    Node(const Json& json, std::string path, const std::string& source)
        : m_json(&json), m_path(std::move(path)), m_source(&source) {}

    const Json& json() const { return *m_json; }
    const std::string& path() const { return m_path; }
    const std::string& source() const { return *m_source; }

    [[noreturn]] void fail(const std::string& expected) const;
    [[noreturn]] void fail(const std::string& expected, const std::string& found) const;

    std::string string() const;          ///< a string
    std::string nonEmptyString() const;  ///< a string with at least one character
    double number() const;               ///< a finite number
    double nonNegative() const;          ///< a finite number ≥ 0
    int integer(int min, int max) const; ///< an integer in [min, max]
    bool boolean() const;
    ObjectReader object() const;
    std::vector<Node> array() const;         ///< any array
    std::vector<Node> nonEmptyArray() const; ///< an array with at least one element

    /// {"value": v, "unit": u} with v finite and ≥ 0 and u a unit of `dimension`.
    Amount amount(Dimension dimension) const;
    /// Like amount() but the dimension is whatever the unit says (any listed in `allowed`).
    Amount amountOfAny(const std::vector<Dimension>& allowed) const;

private:
    const Json* m_json;
    std::string m_path;
    const std::string* m_source;
};

/// A JSON object being read: keys are taken one by one and finish() rejects any key left over.
class ObjectReader {
public:
    ObjectReader(const Json& json, std::string path, const std::string& source)
        : m_json(&json), m_path(std::move(path)), m_source(&source) {}

    bool has(const std::string& key) const { return m_json->contains(key); }
    Node required(const std::string& key);
    std::optional<Node> optional(const std::string& key);
    /// Rejects keys not read; `allowed` is listed in the message.
    void finish() const;
    const std::string& path() const { return m_path; }
    Node self() const { return Node(*m_json, m_path, *m_source); }

private:
    const Json* m_json;
    std::string m_path;
    const std::string* m_source;
    std::set<std::string> m_read;
    std::vector<std::string> m_asked;
};

/// Checks "format" and "version" of a document and returns the root object reader.
ObjectReader documentRoot(const Json& json, const std::string& source, const std::string& format);

// ---------------------------------------------------------------------------------------------
// The members every TinyFoot format shares, read the same way by every loader (systems, factor
// sets, catalogues, studies and their analysis, measurements).

/// An identifier: a non-empty string of lower-case letters, digits, '.', '_' and '-'.
std::string identifier(const Node& n);

/// An identifier that `seen` does not hold yet (added to it); otherwise an error at `n` expecting
/// `expected` (e.g. "a sweep id not used before") and finding "'<id>' again".
std::string uniqueIdentifier(const Node& n, std::set<std::string>& seen, const std::string& expected);
/// A finite number > 0.
double positive(const Node& n);
/// A number in (0, 1].
double fraction(const Node& n);
/// A number from 0 to 100.
double percent(const Node& n);
/// A whole number in [min, max]; both at most 2^53 (the largest integer a JSON number holds exactly).
std::uint64_t wholeNumber(const Node& n, double min, double max);
/// A "range" member: [low, high] with 0 <= low <= high, that `value` (read from `valueNode`, in
/// the same unit) must lie in.
std::pair<double, double> range(const Node& n, const Node& valueNode, double value);
/// The string of member `key`, or "" when it is absent.
std::string optionalString(ObjectReader& o, const std::string& key);
/// "published", "derived" or "back-solved".
Derivation derivation(const Node& n);

/// Whether a "sources" member must be there (with at least one source) or may be left out.
enum class SourcesRule { Optional, Required };
/// The "sources" member: [{"citation": non-empty string, "url": string}]. The citation is
/// required; the URL is optional everywhere (a printed book, a datasheet on request, a user's own
/// entry have none) and an empty URL is the same as none. One rule for every format.
std::vector<Source> readSources(ObjectReader& o, SourcesRule rule);

/// One of a fixed list of words, each standing for a value: the error names the accepted words.
template <class T>
T choice(const Node& n, std::initializer_list<std::pair<std::string_view, T>> options) {
    const std::string s = n.string();
    std::string list;
    for (const auto& [word, value] : options) {
        if (word == s) return value;
        list += (list.empty() ? "\"" : ", \"") + std::string(word) + "\"";
    }
    n.fail("one of " + list);
}

/// One of `values`, written in files as `idOf(value)` (the same function the writer uses, so a
/// choice is read back from exactly the text written).
template <class T, class IdOf>
T choice(const Node& n, std::initializer_list<T> values, IdOf idOf) {
    const std::string s = n.string();
    std::string list;
    for (const T value : values) {
        const std::string_view word = idOf(value);
        if (word == s) return value;
        list += (list.empty() ? "\"" : ", \"") + std::string(word) + "\"";
    }
    n.fail("one of " + list);
}

} // namespace tinyfoot::detail
