// CSV fields and lines as every TinyFoot file writes them.
#include "tinyfoot/engine/report/csv.h"

#include <doctest/doctest.h>

using namespace tinyfoot;

TEST_CASE("a CSV field is quoted only when it holds a comma, a quote or a line break") {
    CHECK(report::csvField("kws-best") == "kws-best");
    CHECK(report::csvField("") == "");
    CHECK(report::csvField("a, b") == "\"a, b\"");
    CHECK(report::csvField("the \"best\" case") == "\"the \"\"best\"\" case\"");
    CHECK(report::csvField("two\nlines") == "\"two\nlines\"");
    CHECK(report::csvField("cr\r") == "\"cr\r\"");
}

TEST_CASE("a quoted CSV field is quoted whatever it holds") {
    CHECK(report::csvQuoted("CC-BY-4.0") == "\"CC-BY-4.0\"");
    CHECK(report::csvQuoted("") == "\"\"");
    CHECK(report::csvQuoted("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

TEST_CASE("a CSV line joins its fields with commas and ends with a line feed") {
    CHECK(report::csvLine({"a", "", "\"b,c\"", "1.5"}) == "a,,\"b,c\",1.5\n");
    CHECK(report::csvLine({}) == "\n");
}
