// Power-monitor stream parsers: pure functions over bytes (no port, no clock). Each parser is fed
// whatever a read returned — partial lines, split words — and reports samples, timestamp edges,
// lost samples and messages to a sink.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot::harness {

/// What a monitor stream carries. Values are in SI units: amperes or joules per sample.
class StreamSink {
public:
    virtual ~StreamSink() = default;
    virtual void sample(double value) = 0;
    virtual void edge() = 0;
    virtual void lost(std::uint64_t count) = 0;
    /// "ack", "error", "info", "end", "overcurrent", "unexpected" (garbage), "events" (a numbering gap).
    virtual void message(const std::string& kind, const std::string& text) = 0;
};

/// Splits a byte stream into lines ending "\n", "\r\n" or "\r\r\n" (QEMU on a tty doubles CRs);
/// bytes of an unfinished line are kept for the next feed.
class LineFramer {
public:
    /// Appends bytes; returns the lines they complete (without their line ends).
    std::vector<std::string> feed(std::string_view bytes);
    /// The unfinished line so far.
    const std::string& pending() const { return m_pending; }

private:
    std::string m_pending;
};

/// ST X-NUCLEO-LPM01A, `format ascii_dec`: samples like "6409-07" (640.9e-6), "TimeStamp: 001s
/// 000ms, buff 00%" once a second (samples missing between two of them were lost), "event NN
/// ris|fal" at timestamp-pin edges (numbered: a gap is reported), "PowerShield > ack|error ...",
/// "Acquisition completed".
class Lpm01aAsciiParser {
public:
    /// `rateHz`: the acquisition frequency (`freq`), for the TimeStamp cadence check.
    Lpm01aAsciiParser(StreamSink& sink, double rateHz) : m_sink(sink), m_rate(rateHz) {}
    void feed(std::string_view bytes);
    /// A sample value as the LPM01A writes it; nothing when the text is not one.
    static std::optional<double> parseValue(std::string_view text);

private:
    void line(const std::string& l);
    StreamSink& m_sink;
    double m_rate;
    LineFramer m_framer;
    std::uint64_t m_sinceStamp = 0;
    bool m_stamped = false;
    std::optional<long> m_lastEvent;
};

/// ST X-NUCLEO-LPM01A, `format bin_hexa`: big-endian 16-bit words, bits 15..12 exponent e and
/// bits 11..0 mantissa m, value m · 16^-e amperes; metadata blocks start 0xF0 then a type byte:
/// 0xF1 error text and 0xF2 info text (up to a NUL), 0xF3 timestamp (4-byte big-endian ms, 1-byte
/// buffer %, FF FF), 0xF4 end of acquisition, 0xF5 overcurrent. Edges come as ASCII "event"
/// text in info blocks.
class Lpm01aBinaryParser {
public:
    Lpm01aBinaryParser(StreamSink& sink, double rateHz) : m_sink(sink), m_rate(rateHz) {}
    void feed(std::string_view bytes);
    static double decodeWord(std::uint16_t word);

private:
    StreamSink& m_sink;
    double m_rate;
    std::vector<std::uint8_t> m_buf;
    std::uint64_t m_sinceStamp = 0;
    bool m_stamped = false;
};

/// Calibration of the PPK2's five current ranges (from its metadata), with the defaults Nordic's
/// open-source application uses when a key is missing.
struct Ppk2Calibration {
    std::array<double, 5> r{1031.64, 101.65, 10.15, 0.94, 0.043};
    std::array<double, 5> gs{1, 1, 1, 1, 1};
    std::array<double, 5> gi{1, 1, 1, 1, 1};
    std::array<double, 5> o{0, 0, 0, 0, 0};
    std::array<double, 5> s{0, 0, 0, 0, 0};
    std::array<double, 5> i{0, 0, 0, 0, 0};
    std::array<double, 5> ug{1, 1, 1, 1, 1};
    /// Parses the metadata text ("key: value" lines up to "END"); unknown keys are ignored.
    static Ppk2Calibration parse(std::string_view metadata);
};

/// Nordic Power Profiler Kit II: 4-byte little-endian words at 100 kS/s; bits 0-13 ADC value,
/// 14-16 range, 18-23 a rolling counter (a gap is lost samples), 24-31 logic inputs D0-D7; the
/// device's timestamp pin on D0 (a falling edge is a timestamp). Values are amperes.
class Ppk2Parser {
public:
    Ppk2Parser(StreamSink& sink, Ppk2Calibration calibration, double sourceVolts)
        : m_sink(sink), m_cal(calibration), m_volts(sourceVolts) {}
    void feed(std::string_view bytes);
    /// The current of one sample word (amperes).
    double current(std::uint32_t word) const;

private:
    StreamSink& m_sink;
    Ppk2Calibration m_cal;
    double m_volts;
    std::vector<std::uint8_t> m_buf;
    std::optional<unsigned> m_counter;
    std::optional<bool> m_d0;
};

/// TinyFoot's INA226 bridge: a small board reads an INA226 and streams text lines.
///   header: "# tinyfoot-ina226 1 rate_hz=<Hz> shunt_ohm=<ohm>"
///   sample: "<seq> <shunt> <bus> <pin>" — seq a 16-bit counter (a gap is lost samples), shunt
///           and bus the signed/unsigned raw registers (LSB 2.5 µV and 1.25 mV), pin 0 or 1
///   other:  "! <text>" an error the bridge reports
/// Values are joules per sample (shunt current × bus voltage / rate).
class Ina226Parser {
public:
    explicit Ina226Parser(StreamSink& sink) : m_sink(sink) {}
    void feed(std::string_view bytes);
    std::optional<double> rateHz() const { return m_rate; }

private:
    void line(const std::string& l);
    StreamSink& m_sink;
    LineFramer m_framer;
    std::optional<double> m_rate;
    double m_shuntOhm = 0.0;
    std::optional<unsigned> m_seq;
    std::optional<int> m_pin;
};

} // namespace tinyfoot::harness
