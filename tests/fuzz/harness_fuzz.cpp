// libFuzzer target for the harness' stream parsers: any bytes fed in any pieces to the LPM01A
// (ascii and binary), PPK2 and INA226 parsers, with their output driving a session analysis,
// must neither crash nor trip a sanitizer. Built and run by scripts/fuzz.sh.
#include "tinyfoot/harness/energy.h"
#include "tinyfoot/harness/monitors.h"

#include <cstdint>
#include <string_view>

namespace {

using namespace tinyfoot::harness;

struct Into : StreamSink {
    SessionAnalyzer analyzer{1000.0, EdgeRule::LastTwo, 0.0, 1};
    int edges = 0;
    void sample(double v) override { analyzer.sample(v); }
    void edge() override {
        // Alternate: an edge opens a command, the next closes it.
        if (edges % 2 == 0) analyzer.beginInfer(1);
        analyzer.edge();
        if (edges % 2 == 1) {
            analyzer.edge();
            analyzer.endInfer();
        }
        ++edges;
    }
    void lost(std::uint64_t n) override { analyzer.lost(n % 1000000); }
    void message(const std::string& kind, const std::string& text) override {
        if (kind == "overcurrent") analyzer.fault(kind, text);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // The first byte chooses how the rest is split into reads.
    const std::size_t piece = size ? 1 + data[0] % 17 : 1;
    Into a, b, c, d;
    Lpm01aAsciiParser ascii(a, 1000.0);
    Lpm01aBinaryParser binary(b, 1000.0);
    Ppk2Parser ppk2(c, Ppk2Calibration::parse(bytes.substr(0, 200)), 3.0);
    Ina226Parser ina(d);
    for (std::size_t i = 0; i < bytes.size(); i += piece) {
        const auto part = bytes.substr(i, piece);
        ascii.feed(part);
        binary.feed(part);
        ppk2.feed(part);
        ina.feed(part);
    }
    for (Into* s : {&a, &b, &c, &d}) (void)s->analyzer.finish();
    LineFramer f;
    (void)f.feed(bytes);
    return 0;
}
