// The device library on the emulated board: the firmware built with arm-none-eabi-gcc runs in
// QEMU (mps2-an385, -icount for deterministic timing) and answers the conformance script exactly
// as the native host port does; energy mode puts its two edges on the emulated pin.
#include "run_process.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#ifndef TINYFOOT_QEMU
// Built without the ARM toolchain or QEMU: skipped (exit 77), except in CI where it must run.
int main() {
    if (std::getenv("CI")) {
        std::fprintf(stderr,
                     "device_qemu_tests: QEMU or arm-none-eabi-gcc missing in CI (scripts/packages/device.test)\n");
        return 1;
    }
    std::fprintf(stderr, "device_qemu_tests: skipped (QEMU or arm-none-eabi-gcc not installed)\n");
    return 77;
}
#else
#include <doctest/doctest.h>

namespace {

const std::string kScript = "name%profile%timestamp%db load 40%"
                            "db 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e%"
                            "db 1f202122232425262728%db print%infer 3 1%results%db zz%db load 0%infer 0 1%Name%" +
                            std::string(81, 'x') + "%";

std::string run(const std::string& command) {
    const auto r = tinyfoot::test::runProcess("/bin/sh", {"-c", command});
    REQUIRE(r.exitCode == 0);
    return r.out;
}

std::string qemu(const std::string& elf, const std::string& pinLog) {
    return run("printf '%s' '" + kScript + "' | timeout 120 '" + std::string(TINYFOOT_QEMU) +
               "' -M mps2-an385 -nographic -monitor none -icount shift=3 "
               "-semihosting-config enable=on,target=native -kernel '" +
               std::string(TINYFOOT_FIRMWARE_DIR) + "/" + elf + "' -serial stdio -serial file:" + pinLog);
}

/// The pin's edges from the UART1 activity log ("F <us>", "R <us>", "S <us>", "W <us>" lines).
std::string pinEdges(const std::string& log) {
    std::string edges;
    std::size_t start = 0;
    while (start < log.size()) {
        if (log[start] == 'F' || log[start] == 'R') edges += log[start];
        const auto nl = log.find('\n', start);
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return edges;
}

/// Lines with the clock readings and the board's name taken out, which differ by design.
std::vector<std::string> normalised(const std::string& out) {
    std::vector<std::string> lines;
    std::string line;
    for (char c : out) {
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.rfind("m-lap-us-", 0) == 0) line = "m-lap-us-<t>";
            if (line.rfind("m-name-dut-[", 0) == 0) line = "m-name-dut-<board>";
            lines.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    return lines;
}

} // namespace

TEST_CASE("the emulated board answers the conformance script exactly as the native port") {
    const std::string native = run("printf '%s' '" + kScript + "' | '" + std::string(TINYFOOT_DEVICE_HOST) + "'");
    const std::string pin = std::string(TINYFOOT_FIRMWARE_DIR) + "/pin-performance.log";
    std::remove(pin.c_str());
    const std::string emulated = qemu("tinyfoot-kws-qemu-mps2.elf", pin);
    const auto a = normalised(native);
    const auto b = normalised(emulated);
    CHECK(a.size() > 30);
    CHECK(a == b);
    CHECK(emulated.find("m-results-[") != std::string::npos);
    CHECK(emulated.find("e-[Command too long: more than 80 characters]") != std::string::npos);
    // Performance mode: the pin only idles high.
    CHECK(pinEdges(tinyfoot::test::slurp(pin)) == "R");
}

TEST_CASE("energy mode on the emulated board: two edges per infer on the pin, no UART output between") {
    const std::string pin = std::string(TINYFOOT_FIRMWARE_DIR) + "/pin-energy.log";
    std::remove(pin.c_str());
    const std::string out = qemu("tinyfoot-kws-qemu-mps2-energy.elf", pin);
    CHECK(out.rfind("m-timestamp-mode-energy\r\n", 0) == 0);
    CHECK(out.find("m-lap-us") == std::string::npos);
    CHECK(out.find("m-infer-start-3\r\nm-infer-done\r\n") != std::string::npos);
    // Boot timestamp, the "timestamp" command and two per infer: four falling edges, each held
    // low for at least 50 us of virtual time.
    const std::string log = tinyfoot::test::slurp(pin);
    CHECK(pinEdges(log) == "RFRFRFRFR");
    long fall = -1;
    std::size_t pos = 0;
    while ((pos = log.find_first_of("FR", pos)) != std::string::npos) {
        const long t = std::stol(log.substr(pos + 2));
        if (log[pos] == 'F') fall = t;
        else if (fall >= 0) CHECK(t - fall >= 50);
        pos = log.find('\n', pos);
    }
}

TEST_CASE("the timed inferences take the same virtual time on every run") {
    const auto lap = [](const std::string& out) {
        std::vector<long> t;
        std::size_t pos = 0;
        while ((pos = out.find("m-lap-us-", pos)) != std::string::npos) {
            pos += 9;
            t.push_back(std::stol(out.substr(pos)));
        }
        return t;
    };
    const std::string pin = std::string(TINYFOOT_FIRMWARE_DIR) + "/pin-repeat.log";
    const auto first = lap(qemu("tinyfoot-kws-qemu-mps2.elf", pin));
    const auto second = lap(qemu("tinyfoot-kws-qemu-mps2.elf", pin));
    REQUIRE(first.size() == 4);
    REQUIRE(second.size() == 4);
    // When host characters arrive depends on the host; the inference window does not: with
    // -icount every instruction advances virtual time by the same step. (Readings are whole
    // microseconds of a 25 MHz timer: a difference may move by the one-microsecond resolution.)
    CHECK(std::labs((first[3] - first[2]) - (second[3] - second[2])) <= 1);
    CHECK(first[3] - first[2] > 0);
}
TEST_CASE("the NUCLEO-L4R5ZI image starts with a vector table for its flash and SRAM1") {
    for (const char* mode : {"performance", "energy"}) {
        CAPTURE(mode);
        const std::string bin =
            tinyfoot::test::slurp(std::string(TINYFOOT_FIRMWARE_DIR) + "/tinyfoot-kws-nucleo-l4r5zi-" + mode + ".bin");
        REQUIRE(bin.size() > 1024);
        const auto word = [&](std::size_t i) {
            std::uint32_t w = 0;
            for (int b = 3; b >= 0; --b)
                w = (w << 8) | static_cast<unsigned char>(bin[i * 4 + static_cast<std::size_t>(b)]);
            return w;
        };
        CHECK(word(0) == 0x20030000u);                 // initial stack: the top of SRAM1 (192 KB)
        CHECK((word(1) & 0xFFF00000u) == 0x08000000u); // reset handler in flash
        CHECK((word(1) & 1u) == 1u);                   // a Thumb address
    }
}
#endif
