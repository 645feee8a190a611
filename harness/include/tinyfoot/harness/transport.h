// Byte links to devices and monitors: serial ports and pseudo-terminals (POSIX termios,
// including non-standard rates such as the LPM01A's 3 686 400 baud), TCP and Unix sockets (QEMU),
// and child processes' standard input and output. Every wait has a timeout.
#pragma once

#include "tinyfoot/harness/monitors.h"

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot::harness {

/// A transport failure: which link, what happened.
struct LinkError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Link {
public:
    virtual ~Link() = default;
    virtual void write(std::string_view bytes) = 0;
    /// Whatever bytes are available within `timeout` (empty when none came; LinkError when the
    /// link closed).
    virtual std::string read(std::chrono::milliseconds timeout) = 0;
    virtual std::string name() const = 0;
};

/// A link over file descriptors (it owns and closes them).
class FdLink : public Link {
public:
    FdLink(int readFd, int writeFd, std::string name, int childPid = -1);
    ~FdLink() override;
    FdLink(const FdLink&) = delete;
    FdLink& operator=(const FdLink&) = delete;
    void write(std::string_view bytes) override;
    std::string read(std::chrono::milliseconds timeout) override;
    std::string name() const override { return m_name; }
    int readFd() const { return m_read; }

private:
    int m_read, m_write;
    std::string m_name;
    int m_child;
};

/// Opens a serial device or pseudo-terminal raw (8N1, no flow control) at `baud`; any rate,
/// standard or not (termios2 / BOTHER).
std::unique_ptr<FdLink> openSerial(const std::string& path, unsigned baud);

/// A new pseudo-terminal pair: the master side as a link, and the slave's path for the peer.
struct Pty {
    std::unique_ptr<FdLink> master;
    std::string slavePath;
};
Pty openPty();

/// Connects to "host:port" (TCP) or to a Unix socket path (QEMU's -chardev socket).
std::unique_ptr<FdLink> connectSocket(const std::string& address, std::chrono::milliseconds timeout);

/// Runs a program with its standard input and output as the link (stderr is inherited).
std::unique_ptr<FdLink> spawn(const std::vector<std::string>& argv);

/// Serial devices whose USB VID:PID match (hex, e.g. "0483", "5740"), from sysfs.
std::vector<std::string> findUsbSerial(const std::string& vid, const std::string& pid,
                                       const std::string& sysRoot = "/sys/class/tty");

/// Reads lines from a link with a framer; every wait bounded.
class LineReader {
public:
    explicit LineReader(Link& link) : m_link(link) {}
    /// The next line, or nothing after `timeout` without a whole line.
    std::optional<std::string> next(std::chrono::milliseconds timeout);

private:
    Link& m_link;
    LineFramer m_framer;
    std::vector<std::string> m_ready;
    std::size_t m_pos = 0;
};

} // namespace tinyfoot::harness
