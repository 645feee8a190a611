// The host's protocol client against the device library itself (in-process, direct and through
// an IO manager), against the host port as a process, and the transports it uses.
#include "tinyfoot/harness/device_client.h"
#include "tinyfoot/harness/transport.h"

#include "tinyfoot_device/device.h"
#include "tinyfoot_device/kws_model.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace tinyfoot::harness;
using namespace std::chrono_literals;

namespace {

/// The device library behind a Link, in this process: what the host writes is received
/// character by character; what the device sends is read back. With `ioManager`, commands must
/// start "dut " and replies come prefixed "[dut]: ", as through an EEMBC IO manager.
class LoopbackDevice : public Link {
public:
    explicit LoopbackDevice(tfd_mode mode, bool ioManager = false) : m_ioManager(ioManager) {
        m_port.context = this;
        m_port.put_char = [](void* c, char ch) { static_cast<LoopbackDevice*>(c)->put(ch); };
        m_port.now_us = [](void* c) { return static_cast<LoopbackDevice*>(c)->m_clock += 7; };
        m_port.timestamp_pin = [](void* c, int level) {
            if (!level) ++static_cast<LoopbackDevice*>(c)->edges;
        };
        m_port.delay_us = [](void* c, std::uint32_t us) { static_cast<LoopbackDevice*>(c)->m_clock += us; };
        tfd_kws_model_init(&m_kws, TFD_KWS_SEED);
        tfd_init(&m_dev, &m_port, &m_kws.model, mode, "loopback", "fw", m_buffer.data(), m_buffer.size());
        tfd_boot(&m_dev);
    }
    void write(std::string_view bytes) override {
        std::string_view b = bytes;
        if (m_ioManager) {
            REQUIRE(b.substr(0, 4) == "dut ");
            b.remove_prefix(4);
        }
        for (char c : b) tfd_receive(&m_dev, c);
    }
    std::string read(std::chrono::milliseconds) override {
        if (silent) return {};
        std::string out;
        out.swap(m_out);
        return out;
    }
    std::string name() const override { return "loopback device"; }
    int edges = 0;
    bool silent = false;

private:
    void put(char c) {
        if (m_ioManager && m_lineStart) m_out += "[dut]: ";
        m_lineStart = c == '\n';
        m_out += c;
    }
    bool m_ioManager;
    bool m_lineStart = true;
    std::uint32_t m_clock = 0;
    std::string m_out;
    tfd_port m_port{};
    tfd_kws_model m_kws{};
    std::vector<std::uint8_t> m_buffer = std::vector<std::uint8_t>(TFD_INPUT_MAX);
    tfd_device m_dev{};
};

std::vector<std::uint8_t> input(std::size_t n) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 37 + 11);
    return v;
}

} // namespace

TEST_CASE("the client drives the device library: boot, name, profile, load, infer") {
    for (bool io : {false, true}) {
        CAPTURE(io);
        LoopbackDevice dev(TFD_MODE_PERFORMANCE, io);
        DeviceClient client(dev, io, 2s);
        const auto boot = client.waitReady(2s);
        REQUIRE(boot.size() == 3);
        CHECK(boot[0] == "m-timestamp-mode-performance");
        CHECK(client.name() == "loopback");
        CHECK(client.profile() == std::make_pair(std::string("fw"), std::string("kws01")));
        client.load(input(490)); // 16 chunks of 31 bytes direct, 19 of 26 through the IO manager
        const InferReply r = client.infer(3, 1, 5s);
        REQUIRE(r.lapsUs.size() == 2);
        CHECK(r.seconds() > 0);
        REQUIRE(r.results.size() == 12);
        double sum = 0;
        for (double x : r.results) sum += x;
        CHECK(sum == doctest::Approx(1.0).epsilon(0.01));
    }
}

TEST_CASE("e- replies and a silent device become errors naming the command") {
    LoopbackDevice dev(TFD_MODE_PERFORMANCE);
    DeviceClient client(dev, false, 200ms);
    client.waitReady(1s);
    CHECK_THROWS_WITH_AS(client.command("infer 0 1"), doctest::Contains("Inference iterations must be >0"),
                         DeviceError);
    CHECK_THROWS_WITH_AS(client.command("bogus"), doctest::Contains("'bogus' failed"), DeviceError);
    dev.silent = true;
    CHECK_THROWS_WITH_AS(client.command("name", 100ms), doctest::Contains("no m-ready"), DeviceError);
}

TEST_CASE("energy mode: the device pulses the pin twice per infer and prints no laps") {
    LoopbackDevice dev(TFD_MODE_ENERGY);
    DeviceClient client(dev, false, 2s);
    client.waitReady(1s);
    const int before = dev.edges;
    const InferReply r = client.infer(2, 0, 5s);
    CHECK(dev.edges - before == 2);
    CHECK(r.lapsUs.empty());
    CHECK(r.results.size() == 12);
}

TEST_CASE("the host port as a child process, over pipes") {
    auto link = spawn({TINYFOOT_DEVICE_HOST, "--vendor", "piped"});
    std::vector<std::string> log;
    DeviceClient client(*link, false, 5s);
    client.onLine = [&](double, const std::string& l) { log.push_back(l); };
    client.waitReady(5s);
    CHECK(client.name() == "piped");
    client.load(input(490));
    const InferReply r = client.infer(2, 1, 10s);
    CHECK(r.lapsUs.size() == 2);
    CHECK(r.results.size() == 12);
    CHECK(log.front() == "m-timestamp-mode-performance");
}

TEST_CASE("pseudo-terminals at a non-standard rate carry bytes both ways; reads time out") {
    Pty pty = openPty();
    auto peer = openSerial(pty.slavePath, 3686400); // the LPM01A's rate: termios2 / BOTHER
    peer->write("PowerShield > ack htc\r\n");
    LineReader lines(*pty.master);
    CHECK(lines.next(2s) == std::optional<std::string>("PowerShield > ack htc"));
    pty.master->write("htc\r\n");
    std::string got;
    for (int i = 0; i < 20 && got.size() < 5; ++i) got += peer->read(100ms);
    CHECK(got == "htc\r\n");
    CHECK_FALSE(lines.next(50ms).has_value());
    CHECK_THROWS_AS(openSerial("/nonexistent/tty", 115200), LinkError);
    CHECK_THROWS_AS(openSerial("/dev/null", 115200), LinkError); // not a terminal
}

TEST_CASE("USB serial devices are found by VID:PID in sysfs") {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("tinyfoot-sysfs-" + std::to_string(::getpid()));
    fs::remove_all(root);
    const auto device = [&](const std::string& tty, const std::string& vid, const std::string& pid) {
        const fs::path usb = root / "devices" / tty / "usb";
        fs::create_directories(usb / "interface");
        std::ofstream(usb / "idVendor") << vid << "\n";
        std::ofstream(usb / "idProduct") << pid << "\n";
        fs::create_directories(root / "class");
        fs::create_directory(root / "class" / tty);
        fs::create_directory_symlink(usb / "interface", root / "class" / tty / "device");
    };
    device("ttyACM0", "0483", "5740"); // LPM01A
    device("ttyACM1", "1915", "c00a"); // PPK2
    CHECK(findUsbSerial("0483", "5740", (root / "class").string()) == std::vector<std::string>{"/dev/ttyACM0"});
    CHECK(findUsbSerial("1915", "c00a", (root / "class").string()) == std::vector<std::string>{"/dev/ttyACM1"});
    CHECK(findUsbSerial("dead", "beef", (root / "class").string()).empty());
    fs::remove_all(root);
}
