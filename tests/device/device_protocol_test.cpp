// Conformance of the device library with the protocol table (docs/harness.md, "Device side"):
// every command and every error, through a port that records the UART and the timestamp pin
// in one ordered transcript.
#include "run_process.h"

#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Recorder {
    std::string transcript; ///< UART characters, and "<PIN0@t>" / "<PIN1@t>" at pin edges
    std::vector<std::pair<std::uint32_t, int>> edges;
    std::uint32_t clock = 1000;
};

void putChar(void* ctx, char c) { static_cast<Recorder*>(ctx)->transcript += c; }
std::uint32_t nowUs(void* ctx) { return static_cast<Recorder*>(ctx)->clock; }
void pin(void* ctx, int level) {
    auto* r = static_cast<Recorder*>(ctx);
    r->edges.emplace_back(r->clock, level);
    r->transcript += level ? "<PIN1>" : "<PIN0>";
}
void delayUs(void* ctx, std::uint32_t us) { static_cast<Recorder*>(ctx)->clock += us; }

struct Fixture {
    Recorder rec;
    tfd_port port{};
    tfd_kws_model kws{};
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(TFD_INPUT_MAX);
    tfd_device dev{};

    explicit Fixture(tfd_mode mode) {
        port.context = &rec;
        port.put_char = putChar;
        port.now_us = nowUs;
        port.timestamp_pin = pin;
        port.delay_us = delayUs;
        tfd_kws_model_init(&kws, TFD_KWS_SEED);
        tfd_init(&dev, &port, &kws.model, mode, "vendor", "firmware 1", buffer.data(), buffer.size());
    }

    /// Sends characters and returns what the device answered to them.
    std::string send(const std::string& text) {
        rec.transcript.clear();
        for (char c : text) tfd_receive(&dev, c);
        return rec.transcript;
    }
};

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (s[i] == '\r' && s[i + 1] == '\n') {
            out.push_back(s.substr(start, i - start));
            start = i + 2;
            ++i;
        }
    if (start < s.size()) out.push_back(s.substr(start));
    return out;
}

} // namespace

TEST_CASE("boot announces the mode, takes a timestamp and is ready") {
    Fixture perf(TFD_MODE_PERFORMANCE);
    tfd_boot(&perf.dev);
    const auto l = lines(perf.rec.transcript.substr(perf.rec.transcript.find('m')));
    REQUIRE(l.size() == 4);
    CHECK(l[0] == "m-timestamp-mode-performance");
    CHECK(l[1] == "m-lap-us-1000");
    CHECK(l[2] == "m-init-done");
    CHECK(l[3] == "m-ready");
    Fixture energy(TFD_MODE_ENERGY);
    tfd_boot(&energy.dev);
    CHECK(energy.rec.transcript == "<PIN1>m-timestamp-mode-energy\r\n<PIN0><PIN1>m-init-done\r\nm-ready\r\n");
}

TEST_CASE("name, profile and timestamp answer in the protocol's words") {
    Fixture f(TFD_MODE_PERFORMANCE);
    CHECK(f.send("name%") == "m-name-dut-[vendor]\r\nm-ready\r\n");
    CHECK(f.send("profile%") == "m-profile-[firmware 1]\r\nm-model-[kws01]\r\nm-ready\r\n");
    f.rec.clock = 4294967295u;
    CHECK(f.send("timestamp%") == "m-lap-us-4294967295\r\nm-ready\r\n");
}

TEST_CASE("energy mode: a timestamp is a low pulse of at least 50 us on the pin and nothing on the UART") {
    Fixture f(TFD_MODE_ENERGY);
    CHECK(f.send("timestamp%") == "<PIN0><PIN1>m-ready\r\n");
    REQUIRE(f.rec.edges.size() == 2);
    CHECK(f.rec.edges[0].second == 0);
    CHECK(f.rec.edges[1].second == 1);
    CHECK(f.rec.edges[1].first - f.rec.edges[0].first >= 50u);
}

TEST_CASE("db load, hex chunks, load-done and print") {
    Fixture f(TFD_MODE_PERFORMANCE);
    CHECK(f.send("db load 0%") == "e-[Command 'db load' must be >0 bytes]\r\nm-ready\r\n");
    CHECK(f.send("db load 27649%") == "e-[Command 'db load' exceeds the buffer: 27649 > 27648 bytes]\r\nm-ready\r\n");
    CHECK(f.send("db load x%") == "e-[Command 'db load' expects a number of bytes]\r\nm-ready\r\n");
    CHECK(f.send("db 00%") == "e-[No 'db load' in progress]\r\nm-ready\r\n");
    CHECK(f.send("db load 27648%") == "m-[Expecting 27648 bytes]\r\nm-ready\r\n");
    CHECK(f.send("db load 10%") == "m-[Expecting 10 bytes]\r\nm-ready\r\n");
    CHECK(f.send("db 0001020304%") == "m-ready\r\n");
    CHECK(f.send("db 0g%") == "e-[Invalid hex digit '0g']\r\nm-ready\r\n");
    CHECK(f.send("db 050%") == "e-[Insufficent number of hex digits]\r\nm-ready\r\n");
    CHECK(f.send("db 05060708090a%") == "e-[More bytes than 'db load' announced]\r\nm-ready\r\n");
    CHECK(f.send("db 05060708FF%") == "m-load-done\r\nm-ready\r\n");
    CHECK(f.send("db print%") == "m-buffer-00-01-02-03-04-05-06-07\r\nm-buffer-08-ff\r\nm-ready\r\n");
    CHECK(f.send("db%") == "e-[Command 'db' expects load N, print or hex bytes]\r\nm-ready\r\n");
}

TEST_CASE("31-byte chunks (direct) and 26-byte chunks (through an IO manager) load the same input") {
    for (std::size_t chunk : {31u, 26u}) {
        Fixture f(TFD_MODE_PERFORMANCE);
        CHECK(f.send("db load 490%") == "m-[Expecting 490 bytes]\r\nm-ready\r\n");
        std::string last;
        for (std::size_t i = 0; i < 490; i += chunk) {
            std::string hex;
            for (std::size_t j = i; j < std::min<std::size_t>(i + chunk, 490); ++j) {
                static const char* d = "0123456789abcdef";
                hex += d[(j * 7) % 256 >> 4];
                hex += d[(j * 7) % 16];
            }
            CHECK(hex.size() + 3 <= TFD_COMMAND_MAX);
            last = f.send("db " + hex + "%");
        }
        CHECK(last == "m-load-done\r\nm-ready\r\n");
        for (std::size_t j = 0; j < 490; ++j) CHECK(f.buffer[j] == static_cast<std::uint8_t>((j * 7) % 256));
    }
}

TEST_CASE("infer: warm-up, timed run between two timestamps, results") {
    Fixture f(TFD_MODE_PERFORMANCE);
    CHECK(f.send("infer 0 1%") == "e-[Inference iterations must be >0]\r\nm-ready\r\n");
    CHECK(f.send("infer -3 1%") == "e-[Inference iterations must be >0]\r\nm-ready\r\n");
    CHECK(f.send("infer%") == "e-[Inference iterations must be >0]\r\nm-ready\r\n");
    CHECK(f.send("infer 2 x%") == "e-[Warmup iterations must be >=0]\r\nm-ready\r\n");
    const auto l = lines(f.send("infer 3 2%"));
    REQUIRE(l.size() == 8);
    CHECK(l[0] == "m-warmup-start-2");
    CHECK(l[1] == "m-warmup-done");
    CHECK(l[2] == "m-infer-start-3");
    CHECK(l[3].rfind("m-lap-us-", 0) == 0);
    CHECK(l[4].rfind("m-lap-us-", 0) == 0);
    CHECK(l[5] == "m-infer-done");
    CHECK(l[6].rfind("m-results-[", 0) == 0);
    CHECK(l[6].back() == ']');
    CHECK(l[7] == "m-ready");
    // results repeats the last scores.
    CHECK(f.send("results%") == l[6] + "\r\nm-ready\r\n");
}

TEST_CASE("energy mode: nothing on the UART between the two timestamps of an infer") {
    Fixture f(TFD_MODE_ENERGY);
    const std::string t = f.send("infer 2 1%");
    const auto first = t.find("<PIN0>");
    const auto second = t.find("<PIN0>", first + 1);
    REQUIRE(first != std::string::npos);
    REQUIRE(second != std::string::npos);
    CHECK(t.substr(first, second - first) == "<PIN0><PIN1>");
    CHECK(t.find("m-lap-us") == std::string::npos);
    CHECK(t.substr(0, first) == "m-warmup-start-1\r\nm-warmup-done\r\nm-infer-start-2\r\n");
    CHECK(t.substr(second).rfind("<PIN0><PIN1>m-infer-done\r\nm-results-[", 0) == 0);
}

TEST_CASE("unknown commands, case sensitivity, help and overlong commands") {
    Fixture f(TFD_MODE_PERFORMANCE);
    CHECK(f.send("Name%") == "e-[Unknown command: Name]\r\nm-ready\r\n");
    CHECK(f.send("%") == "e-[Unknown command: ]\r\nm-ready\r\n");
    // A stray newline is part of the next command, as on the reference firmware.
    CHECK(f.send("\nname%") == "e-[Unknown command: \nname]\r\nm-ready\r\n");
    const auto help = lines(f.send("help%"));
    CHECK(help.size() >= 9);
    CHECK(help.back() == "m-ready");
    // 80 characters are a command; 81 are refused whole, and the next command works.
    CHECK(f.send(std::string(80, 'a') + "%") == "e-[Unknown command: " + std::string(80, 'a') + "]\r\nm-ready\r\n");
    CHECK(f.send(std::string(81, 'a') + "%") == "e-[Command too long: more than 80 characters]\r\nm-ready\r\n");
    CHECK(f.send("name%") == "m-name-dut-[vendor]\r\nm-ready\r\n");
}

TEST_CASE("numbers are formatted without printf") {
    char buf[32];
    CHECK(tfd_format_uint(buf, 0) == 1);
    CHECK(std::string(buf) == "0");
    tfd_format_uint(buf, 4294967295u);
    CHECK(std::string(buf) == "4294967295");
    tfd_format_float3(buf, 0.0625f);
    CHECK(std::string(buf) == "0.063");
    tfd_format_float3(buf, -1.5f);
    CHECK(std::string(buf) == "-1.500");
    tfd_format_float3(buf, -0.0001f);
    CHECK(std::string(buf) == "0.000");
    tfd_format_float3(buf, 1.0f);
    CHECK(std::string(buf) == "1.000");
}

TEST_CASE("the host port speaks the protocol on standard input and output") {
    const std::string script = "name%profile%db load 2%db 0102%infer 1 0%bogus%";
    const auto r = tinyfoot::test::runProcess(
        "/bin/sh", {"-c", "printf '%s' '" + script + "' | '" + std::string(TINYFOOT_DEVICE_HOST) + "' --vendor test"});
    REQUIRE(r.exitCode == 0);
    const auto l = lines(r.out);
    REQUIRE(l.size() >= 20);
    CHECK(l[0] == "m-timestamp-mode-performance");
    CHECK(l[4] == "m-name-dut-[test]");
    CHECK(l[7] == "m-model-[kws01]");
    CHECK(l[9] == "m-[Expecting 2 bytes]");
    CHECK(l[11] == "m-load-done");
    CHECK(r.out.find("e-[Unknown command: bogus]\r\nm-ready\r\n") != std::string::npos);
    const auto bad = tinyfoot::test::runProcess(TINYFOOT_DEVICE_HOST, {"--nonsense"});
    CHECK(bad.exitCode == 2);
    // --model: the other reference networks, as on the emulated Cortex-M4F board.
    for (const auto& [name, code] :
         {std::pair<std::string, std::string>{"vww", "vww01"}, {"ic", "ic01"}, {"ad", "ad01"}}) {
        const auto m = tinyfoot::test::runProcess(
            "/bin/sh", {"-c", "printf 'profile%%' | '" + std::string(TINYFOOT_DEVICE_HOST) + "' --model " + name});
        REQUIRE(m.exitCode == 0);
        CHECK(m.out.find("m-model-[" + code + "]") != std::string::npos);
    }
    CHECK(tinyfoot::test::runProcess(TINYFOOT_DEVICE_HOST, {"--model", "resnet50"}).exitCode == 2);
}
