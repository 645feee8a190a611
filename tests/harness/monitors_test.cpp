// Monitor stream parsers on streams built here byte by byte, fed in awkward pieces.
#include "tinyfoot/harness/monitors.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace tinyfoot::harness;

namespace {

struct Recorder : StreamSink {
    std::vector<double> samples;
    std::vector<std::size_t> edges; ///< sample count at each edge
    std::uint64_t lostCount = 0;
    std::vector<std::pair<std::string, std::string>> messages;
    void sample(double v) override { samples.push_back(v); }
    void edge() override { edges.push_back(samples.size()); }
    void lost(std::uint64_t n) override { lostCount += n; }
    void message(const std::string& kind, const std::string& text) override { messages.emplace_back(kind, text); }
    int count(const std::string& kind) const {
        int n = 0;
        for (const auto& m : messages) n += m.first == kind;
        return n;
    }
};

/// Feeds `bytes` in pieces of 1, 2, 3, 5, 7 ... bytes, as reads return them.
template <class Parser>
void feedInPieces(Parser& p, const std::string& bytes) {
    std::size_t i = 0, step = 1;
    while (i < bytes.size()) {
        const std::size_t n = std::min(step, bytes.size() - i);
        p.feed(std::string_view(bytes).substr(i, n));
        i += n;
        step = step % 11 + 2;
    }
}

} // namespace

TEST_CASE("LPM01A ascii_dec values, TimeStamp cadence, events and messages") {
    CHECK(*Lpm01aAsciiParser::parseValue("6409-07") == doctest::Approx(640.9e-6));
    CHECK(*Lpm01aAsciiParser::parseValue("1234+02") == doctest::Approx(123400));
    CHECK_FALSE(Lpm01aAsciiParser::parseValue("640-07").has_value());
    CHECK_FALSE(Lpm01aAsciiParser::parseValue("64a9-07").has_value());
    std::string s = "PowerShield > ack start\r\n";
    for (int sec = 0; sec < 3; ++sec) {
        const int n = sec == 1 ? 990 : 1000; // 10 samples lost in the second second
        for (int i = 0; i < n; ++i) {
            s += "5000-07\r\n";
            if (sec == 0 && i == 499) s += "event 01 ris\r\n";
            if (sec == 2 && i == 10) s += "event 02 ris\r\n";
            if (sec == 2 && i == 20) s += "event 04 ris\r\n"; // 03 missing
        }
        s += "TimeStamp: 00" + std::to_string(sec + 1) + "s 000ms, buff 00%\r\r\n";
    }
    s += "garbage\x01\x02\r\nAcquisition completed\r\nPowerShield > error 01 bad\r\n";
    s += "PowerShield > ack\r\n";              // an acknowledgement naming no command (found by fuzzing)
    s += "event 99999999999999999999 ris\r\n"; // an event number beyond any counter (found by fuzzing)
    Recorder r;
    Lpm01aAsciiParser p(r, 1000.0);
    feedInPieces(p, s);
    CHECK(r.samples.size() == 2990);
    CHECK(r.samples.front() == doctest::Approx(500e-6));
    CHECK(r.lostCount == 10);
    CHECK(r.edges == std::vector<std::size_t>{500, 2001, 2011});
    CHECK(r.count("events") == 1);
    CHECK(r.count("ack") == 2);
    CHECK(r.count("end") == 1);
    CHECK(r.count("error") == 1);
    CHECK(r.count("unexpected") == 2);
}

TEST_CASE("LPM01A bin_hexa words and metadata blocks") {
    CHECK(Lpm01aBinaryParser::decodeWord(0x52A0) == doctest::Approx(640.9e-6).epsilon(1e-4));
    CHECK(Lpm01aBinaryParser::decodeWord(0x0123) == 0x123);
    std::string s;
    const auto word = [&](std::uint16_t w) {
        s += static_cast<char>(w >> 8);
        s += static_cast<char>(w & 0xFF);
    };
    for (int i = 0; i < 100; ++i) word(0x52A0);
    s += std::string("\xF0\xF2", 2) + "event 1" + std::string(1, '\0');
    for (int i = 0; i < 100; ++i) word(0x52A0);
    s += std::string("\xF0\xF3\x00\x00\x03\xE8\x00\xFF\xFF", 9); // timestamp 1000 ms
    s += std::string("\xF0\xF5", 2);                             // overcurrent
    s += std::string("\xF0\xF1", 2) + "acquisition error" + std::string(1, '\0');
    s += std::string("\xF0\xF4", 2);
    Recorder r;
    Lpm01aBinaryParser p(r, 200.0);
    feedInPieces(p, s);
    CHECK(r.samples.size() == 200);
    CHECK(r.edges == std::vector<std::size_t>{100});
    CHECK(r.count("overcurrent") == 1);
    CHECK(r.count("error") == 1);
    CHECK(r.count("end") == 1);
}

TEST_CASE("PPK2 words: current by range and calibration, counter gaps, D0 falling edges") {
    const Ppk2Calibration cal =
        Ppk2Calibration::parse("Calibrated: 1\nR0: 1000.0\nR1: 100.0\nGS0: 1\nO1: 8\nUG1: 1.1\nEND\nR2: 5\n");
    CHECK(cal.r[0] == 1000.0);
    CHECK(cal.r[1] == 100.0);
    CHECK(cal.o[1] == 8.0);
    CHECK(cal.ug[1] == 1.1);
    CHECK(cal.r[2] == 10.15); // after END: the default stays
    Recorder r;
    Ppk2Parser p(r, cal, 3.0);
    std::string s;
    unsigned counter = 0;
    const auto word = [&](unsigned adc, unsigned range, bool d0, bool skip = false) {
        if (skip) counter = (counter + 3) & 0x3F; // three samples lost before this one
        const std::uint32_t w = adc | (range << 14) | (counter << 18) | (static_cast<std::uint32_t>(d0) << 24);
        counter = (counter + 1) & 0x3F;
        for (int b = 0; b < 4; ++b) s += static_cast<char>((w >> (8 * b)) & 0xFF);
    };
    for (int i = 0; i < 70; ++i) word(1000, 0, true); // the counter wraps at 64
    word(1000, 1, false);                             // D0 falls: a timestamp
    word(1000, 1, true, true);
    feedInPieces(p, s);
    REQUIRE(r.samples.size() == 72);
    // Range 0: x = 4000 x 1.8 / 163840 / 1000 A; I = x (x + 1).
    const double x0 = 4000.0 * 1.8 / 163840.0 / 1000.0;
    CHECK(r.samples[0] == doctest::Approx(x0 * (x0 + 1)).epsilon(1e-12));
    const double x1 = (4000.0 - 8.0) * 1.8 / 163840.0 / 100.0;
    CHECK(r.samples[70] == doctest::Approx(1.1 * x1 * (x1 + 1)).epsilon(1e-12));
    CHECK(r.edges == std::vector<std::size_t>{70});
    CHECK(r.lostCount == 3);
}

TEST_CASE("INA226 bridge lines: energy per sample, sequence gaps, pin edges, errors") {
    Recorder r;
    Ina226Parser p(r);
    std::string s = "1 2 3 0\n"; // before the header: an error
    s += "# tinyfoot-ina226 1 rate_hz=1000 shunt_ohm=0.5\n";
    s += "0 400 2640 1\n1 400 2640 1\n2 400 2640 0\n5 -40 2640 0\n! overcurrent on the shunt\nnonsense\n";
    feedInPieces(p, s);
    REQUIRE(r.samples.size() == 4);
    // 400 x 2.5 uV / 0.5 ohm = 2 mA; 2640 x 1.25 mV = 3.3 V; 6.6 mW / 1000 Hz = 6.6 uJ.
    CHECK(r.samples[0] == doctest::Approx(6.6e-6).epsilon(1e-12));
    CHECK(r.samples[3] == doctest::Approx(-0.66e-6).epsilon(1e-12));
    CHECK(r.edges == std::vector<std::size_t>{2});
    CHECK(r.lostCount == 2);
    CHECK(r.count("overcurrent") == 1);
    CHECK(r.count("unexpected") == 1);
    CHECK(r.count("error") == 1);
    CHECK(*p.rateHz() == 1000.0);
}

TEST_CASE("line framing tolerates \\r\\r\\n and lines split across reads") {
    LineFramer f;
    CHECK(f.feed("m-rea").empty());
    const auto a = f.feed("dy\r\r\nm-name-dut-[x]\r");
    REQUIRE(a.size() == 1);
    CHECK(a[0] == "m-ready");
    const auto b = f.feed("\n\n");
    REQUIRE(b.size() == 2);
    CHECK(b[0] == "m-name-dut-[x]");
    CHECK(b[1].empty());
}
