// Strict reading of JSON documents: every access knows its JSON pointer, every object checks
// that no unknown key is left, and every failure is a tinyfoot::Error naming source and path.
// Internal to the engine's loaders.
#pragma once

#include "tinyfoot/engine/error.h"
#include "tinyfoot/engine/quantity.h"

#include <nlohmann/json.hpp>

#include <istream>
#include <optional>
#include <set>
#include <string>
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

} // namespace tinyfoot::detail
