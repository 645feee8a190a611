// Harness throughput: a PPK2 stream (4-byte words, 100 kS/s in real life) parsed and integrated
// into windows on one core, fed in 64 KiB reads as a serial port delivers them. Prints samples
// per second, the multiple of the PPK2's rate, and the peak RSS after a short and a long run
// (constant memory: nothing grows with the capture).
//
// Usage: harness_benchmark [--seconds S]   (S seconds of PPK2 data; default 600)
#include "tinyfoot/harness/energy.h"
#include "tinyfoot/harness/monitors.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace tinyfoot::harness;

namespace {

constexpr double kPpk2Rate = 100000.0;

long peakRssKiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

/// Feeds the analyzer; every edge alternately opens and closes an infer window.
struct Sink : StreamSink {
    SessionAnalyzer analyzer{kPpk2Rate, EdgeRule::LastTwo, 0.0, 1};
    bool open = false;
    double volts = 3.0;
    void sample(double amps) override { analyzer.sample(amps * volts / kPpk2Rate); }
    void edge() override {
        if (!open) analyzer.beginInfer(1000);
        analyzer.edge();
        if (open) analyzer.endInfer();
        open = !open;
    }
    void lost(std::uint64_t n) override { analyzer.lost(n); }
    void message(const std::string&, const std::string&) override {}
};

struct Run {
    double samplesPerSecond = 0;
    std::size_t windows = 0;
};

Run run(double seconds) {
    Sink sink;
    Ppk2Parser parser(sink, Ppk2Calibration{}, 3.0);
    const auto total = static_cast<std::uint64_t>(seconds * kPpk2Rate);
    std::vector<char> chunk(64 * 1024);
    std::uint64_t produced = 0;
    unsigned counter = 0;
    const auto start = std::chrono::steady_clock::now();
    while (produced < total) {
        std::size_t n = 0;
        while (n + 4 <= chunk.size() && produced < total) {
            // D0 low for 10 samples every second: a timestamp edge per second.
            const bool d0 = (produced % 100000) >= 10;
            const std::uint32_t word = (1000u + static_cast<std::uint32_t>(produced % 7)) | (2u << 14) |
                                       (counter << 18) | (static_cast<std::uint32_t>(d0) << 24);
            counter = (counter + 1) & 0x3F;
            std::memcpy(chunk.data() + n, &word, 4);
            n += 4;
            ++produced;
        }
        parser.feed(std::string_view(chunk.data(), n));
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const SessionResult r = sink.analyzer.finish();
    return {static_cast<double>(total) / elapsed, r.windows.size()};
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 600;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::atof(argv[++i]);
        else {
            std::fprintf(stderr, "usage: harness_benchmark [--seconds S]\n");
            return 2;
        }
    }
    const Run warm = run(seconds / 10);
    const long rssShort = peakRssKiB();
    const Run full = run(seconds);
    const long rssLong = peakRssKiB();
    std::printf("PPK2 stream, %.0f s of data (%.0f samples) parsed and integrated on one core\n", seconds,
                seconds * kPpk2Rate);
    std::printf("throughput: %.2f million samples/s = %.1fx the PPK2's 100 kS/s (%zu windows)\n",
                full.samplesPerSecond / 1e6, full.samplesPerSecond / kPpk2Rate, full.windows);
    std::printf("peak RSS: %ld KiB after %.0f s of data, %ld KiB after %.0f s\n", rssShort, seconds / 10, rssLong,
                seconds);
    (void)warm;
    return 0;
}
