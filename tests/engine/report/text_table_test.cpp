// Text tables for people: padding and column alignment, counted in characters.
#include "tinyfoot/engine/report/text_table.h"

#include <doctest/doctest.h>

using namespace tinyfoot;

TEST_CASE("a character outside ASCII counts as one column") {
    CHECK(report::displayWidth("kg") == 2);
    CHECK(report::displayWidth("\xC2\xB5J") == 2);    // µJ
    CHECK(report::displayWidth("2 \xC3\x97 3") == 5); // 2 × 3
    CHECK(report::padRight("\xC2\xB5J", 4) == "\xC2\xB5J  ");
    CHECK(report::padLeft("\xC2\xB5J", 4) == "  \xC2\xB5J");
}

TEST_CASE("padding never cuts a text that is already wide enough") {
    CHECK(report::padRight("component", 4) == "component");
    CHECK(report::padLeft("1234.56", 3) == "1234.56");
    CHECK(report::padRight("", 3) == "   ");
}

TEST_CASE("an aligned table pads each column to its widest cell and trims the line ends") {
    const std::string text = report::alignedTable({{"input", "low", "high"}, {"lifetime", "1", "10"}, {"x", "", ""}});
    CHECK(text == "input     low  high\n"
                  "lifetime    1    10\n"
                  "x\n");
    CHECK(report::alignedTable({{"a", "b"}, {"ccc", "d"}}, 2) == "a    b\nccc  d\n");
    CHECK(report::alignedTable({}) == "");
}
