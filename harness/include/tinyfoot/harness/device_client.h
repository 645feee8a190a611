// The host's side of the MLPerf Tiny device protocol: commands, replies, errors. Pure protocol
// logic over a Link, so it is tested against the device library in-process, the host port as a
// process and the firmware in QEMU alike.
#pragma once

#include "tinyfoot/harness/transport.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tinyfoot::harness {

/// The device answered with an `e-` line, or did not answer `m-ready` in time.
struct DeviceError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct InferReply {
    std::vector<std::uint32_t> lapsUs; ///< performance mode: the two `m-lap-us` readings
    std::vector<double> results;       ///< `m-results-[...]`
    double seconds() const;            ///< between the two laps (performance mode)
};

class DeviceClient {
public:
    /// `ioManager`: commands go through an IO manager (`dut <cmd>`, replies prefixed `[dut]: `).
    DeviceClient(Link& link, bool ioManager = false, std::chrono::milliseconds timeout = std::chrono::seconds(10));

    /// Every line received (with its host time in seconds since the client started), for the
    /// session's device log.
    std::function<void(double, const std::string&)> onLine;

    /// Waits for the boot sequence's `m-ready` (or any `m-ready`).
    std::vector<std::string> waitReady(std::chrono::milliseconds timeout);
    /// Sends one command and returns the reply lines before `m-ready` (prefixes removed).
    std::vector<std::string> command(const std::string& text, std::chrono::milliseconds timeout);
    std::vector<std::string> command(const std::string& text) { return command(text, m_timeout); }

    std::string name();
    /// {firmware profile, model code}
    std::pair<std::string, std::string> profile();
    /// `db load N` and hex chunks (31 bytes a line direct, 26 through an IO manager).
    void load(const std::vector<std::uint8_t>& bytes);
    InferReply infer(std::uint64_t iterations, std::uint64_t warmup, std::chrono::milliseconds timeout);

private:
    Link& m_link;
    LineReader m_reader;
    bool m_ioManager;
    std::chrono::milliseconds m_timeout;
    std::chrono::steady_clock::time_point m_start;
};

/// The text between the first '[' and the last ']' of a reply line ("m-name-dut-[x]" -> "x").
std::string bracketed(const std::string& line);

} // namespace tinyfoot::harness
