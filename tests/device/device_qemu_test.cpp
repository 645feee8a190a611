// The device library on the emulated board: the firmware built with arm-none-eabi-gcc runs in
// QEMU (mps2-an385, -icount for deterministic timing) and answers the conformance script exactly
// as the native host port does; energy mode puts its two edges on the emulated pin.
#include "reference_inputs.h"
#include "run_process.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
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
#include <nlohmann/json.hpp>

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
TEST_CASE("the Cortex-M4F board (mps2-an386, DSP kernels) answers the conformance script as the native port") {
    const std::string native = run("printf '%s' '" + kScript + "' | '" + std::string(TINYFOOT_DEVICE_HOST) + "'");
    const std::string emulated =
        run("printf '%s' '" + kScript + "' | timeout 120 '" + std::string(TINYFOOT_QEMU) +
            "' -M mps2-an386 -nographic -monitor none -icount shift=3 "
            "-semihosting-config enable=on,target=native -kernel '" +
            std::string(TINYFOOT_FIRMWARE_DIR) + "/tinyfoot-kws-qemu-an386-performance.elf' -serial stdio");
    // The SMLAD pointwise kernel gives the portable kernel's scores to the printed digit.
    CHECK(normalised(native) == normalised(emulated));
    CHECK(emulated.find("m-name-dut-[TinyFoot QEMU mps2-an386]") != std::string::npos);
}
TEST_CASE("the other MLPerf Tiny reference models run on the Cortex-M4F board and report their classes") {
    struct Case {
        const char* name;
        const char* code;
        std::size_t scores;
    };
    for (const Case& c : {Case{"vww", "vww01", 2}, Case{"ic", "ic01", 10}, Case{"ad", "ad01", 1}}) {
        CAPTURE(c.name);
        const std::string out = run(
            "printf '%s' 'profile%db load 4%db 01020304%infer 1 0%' | timeout 120 '" + std::string(TINYFOOT_QEMU) +
            "' -M mps2-an386 -nographic -monitor none -icount shift=3 "
            "-semihosting-config enable=on,target=native -kernel '" +
            std::string(TINYFOOT_FIRMWARE_DIR) + "/tinyfoot-" + c.name + "-qemu-an386-performance.elf' -serial stdio");
        CHECK(out.find(std::string("m-model-[") + c.code + "]") != std::string::npos);
        const auto at = out.find("m-results-[");
        REQUIRE(at != std::string::npos);
        const std::string scores = out.substr(at, out.find(']', at) - at);
        CHECK(static_cast<std::size_t>(std::count(scores.begin(), scores.end(), ',')) + 1 == c.scores);
        CHECK(out.find("\ne-[") == std::string::npos);
    }
}
TEST_CASE("on the emulated boards the reference networks answer differently to different inputs, as natively") {
    struct Case {
        const char* model;
        const char* machine;
        const char* elf;
        std::size_t inputSize;
    };
    for (const Case& c : {Case{"kws", "mps2-an385", "tinyfoot-kws-qemu-mps2.elf", 490},
                          Case{"kws", "mps2-an386", "tinyfoot-kws-qemu-an386-performance.elf", 490},
                          Case{"vww", "mps2-an386", "tinyfoot-vww-qemu-an386-performance.elf", 96 * 96 * 3},
                          Case{"ic", "mps2-an386", "tinyfoot-ic-qemu-an386-performance.elf", 32 * 32 * 3},
                          Case{"ad", "mps2-an386", "tinyfoot-ad-qemu-an386-performance.elf", 640}}) {
        CAPTURE(c.elf);
        // All five inputs in one script (the VWW one is too long for a command line).
        const std::string script = std::string(TINYFOOT_FIRMWARE_DIR) + "/inputs-" + c.model + ".script";
        {
            std::ofstream out(script, std::ios::binary);
            for (const auto& input : tinyfoot::test::referenceInputs(c.inputSize))
                out << tinyfoot::test::inferScript(input.bytes);
        }
        const auto emulated = tinyfoot::test::resultsLines(
            run("timeout 300 '" + std::string(TINYFOOT_QEMU) + "' -M " + c.machine +
                " -nographic -monitor none -icount shift=3 -semihosting-config enable=on,target=native -kernel '" +
                std::string(TINYFOOT_FIRMWARE_DIR) + "/" + c.elf + "' -serial stdio < '" + script + "'"));
        const auto native = tinyfoot::test::resultsLines(
            run("'" + std::string(TINYFOOT_DEVICE_HOST) + "' --model " + c.model + " < '" + script + "'"));
        REQUIRE(emulated.size() == 5);
        // The board computes what the native build computes, to the printed digit.
        CHECK(emulated == native);
        // Five different answers; the classifiers put the four non-zero inputs in two classes or more.
        CHECK(std::set<std::string>(emulated.begin(), emulated.end()).size() == 5);
        if (std::string(c.model) != "ad")
            CHECK(tinyfoot::test::distinctTopClasses({emulated.begin() + 1, emulated.end()}) >= 2);
    }
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
TEST_CASE("end to end: an emulated energy session through tinyfoot measure into a footprint") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(TINYFOOT_FIRMWARE_DIR) / "e2e";
    fs::remove_all(dir);
    fs::create_directories(dir / "inputs");
    // The same input for all five windows, so that every window does the same work.
    std::string input;
    for (int i = 0; i < 490; ++i) input += static_cast<char>((i * 29 + 7) & 0xFF);
    for (int w = 1; w <= 5; ++w)
        std::ofstream(dir / "inputs" / ("window" + std::to_string(w) + ".bin"), std::ios::binary) << input;
    const std::string qemuCmd = "'" + std::string(TINYFOOT_QEMU) +
                                "' -M mps2-an385 -nographic -monitor none -icount shift=3 "
                                "-semihosting-config enable=on,target=native -kernel '" +
                                std::string(TINYFOOT_FIRMWARE_DIR) +
                                "/tinyfoot-kws-qemu-mps2-energy.elf' "
                                "-chardev socket,id=pin,path=" +
                                (dir / "pin.sock").string() +
                                ",server=on,wait=on -chardev socket,id=dev,path=" + (dir / "dev.sock").string() +
                                ",server=on,wait=on -serial chardev:dev -serial chardev:pin >/dev/null 2>&1 &";
    REQUIRE(std::system(("timeout 600 " + qemuCmd).c_str()) == 0);
    const auto r = tinyfoot::test::runProcess(
        TINYFOOT_CLI, {"measure", "--device", "unix:" + (dir / "dev.sock").string(), "--monitor",
                       "emulated:unix:" + (dir / "pin.sock").string(), "--power-model",
                       std::string(TINYFOOT_SOURCE_ROOT) + "/data/power/stm32l4.json", "--inputs",
                       (dir / "inputs").string(), "--iterations", "50", "--out", (dir / "session").string()});
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(tinyfoot::test::slurp((dir / "session" / "results.json").string()));
    CHECK(j.at("kind") == "emulated estimate");
    CHECK(j.at("complete") == true);
    const auto& windows = j.at("windows");
    REQUIRE(windows.size() == 5);
    // 120 uA/MHz x 125 MHz (QEMU -icount shift=3: 8 ns per instruction) x 3.0 V = 45 mW active.
    const double activeW = 120e-6 * 125.0 * 3.0;
    const double first = windows[0].at("energy_per_inference").at("value").get<double>();
    for (const auto& w : windows) {
        const double seconds = w.at("end_s").get<double>() - w.at("start_s").get<double>();
        CHECK(seconds >= 10.0);
        // Every window: active power x its virtual duration, to the trace's 0.1 ms resolution.
        CHECK(w.at("energy").at("value").get<double>() == doctest::Approx(activeW * seconds * 1e6).epsilon(1e-4));
        // Deterministic: the same work costs the same in every window.
        CHECK(w.at("energy_per_inference").at("value").get<double>() == doctest::Approx(first).epsilon(1e-4));
    }
    CHECK(j.at("energy_per_inference").at("value").get<double>() == doctest::Approx(first).epsilon(1e-4));
    // The power model's validation at this clock gives the estimate its spread: the published
    // NUCLEO-L4R5ZI KWS medians over the emulated figure of this very session (to 0.1 %; a change
    // of firmware that moves the figure shows here, and data/power/stm32l4.json must follow).
    const auto& spread = j.at("spread");
    CHECK(spread.at("low").get<double>() == doctest::Approx(2833.138 / first).epsilon(1e-3));
    CHECK(spread.at("high").get<double>() == doctest::Approx(5627.485 / first).epsilon(1e-3));
    CHECK(spread.at("basis").get<std::string>().find("tiny_results_v1.1") != std::string::npos);
    // The same input on the performance-mode firmware: its laps give the inference time.
    std::string hex;
    for (char ch : input) {
        const auto c = static_cast<unsigned char>(ch);
        static const char* d = "0123456789abcdef";
        hex += d[c >> 4];
        hex += d[c & 15];
    }
    std::string script = "db load 490%";
    for (std::size_t i = 0; i < hex.size(); i += 62) script += "db " + hex.substr(i, 62) + "%";
    script += "infer 10 1%";
    const std::string out = run("printf '%s' '" + script + "' | timeout 300 '" + std::string(TINYFOOT_QEMU) +
                                "' -M mps2-an385 -nographic -monitor none -icount shift=3 "
                                "-semihosting-config enable=on,target=native -kernel '" +
                                std::string(TINYFOOT_FIRMWARE_DIR) + "/tinyfoot-kws-qemu-mps2.elf' -serial stdio");
    std::vector<long> laps;
    for (std::size_t pos = 0; (pos = out.find("m-lap-us-", pos)) != std::string::npos; pos += 9)
        laps.push_back(std::stol(out.substr(pos + 9)));
    REQUIRE(laps.size() == 3);
    const double inferenceSeconds = static_cast<double>(laps[2] - laps[1]) * 1e-6 / 10.0;
    // The analytic value: active power x the inference time the instruction count gives.
    CHECK(first == doctest::Approx(activeW * inferenceSeconds * 1e6).epsilon(1e-3));
    // And into a footprint, labelled as an emulated estimate.
    const auto rep = tinyfoot::test::runProcess(
        TINYFOOT_CLI, {"--data", TINYFOOT_SOURCE_ROOT, "report", "kws-typical", "--use-from",
                       (dir / "session" / "results.json").string(), "--inference-rate", "1/s", "--format", "json"});
    REQUIRE(rep.exitCode == 0);
    CHECK(rep.out.find("\"kind\": \"emulated estimate\"") != std::string::npos);
    CHECK(rep.out.find("measurement-spread") != std::string::npos);
}
#endif
