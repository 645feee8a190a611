#include "tinyfoot/harness/transport.h"

#include <asm/termbits.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

namespace tinyfoot::harness {

namespace {

std::string errnoText() { return std::strerror(errno); }

} // namespace

FdLink::FdLink(int readFd, int writeFd, std::string name, int childPid)
    : m_read(readFd), m_write(writeFd), m_name(std::move(name)), m_child(childPid) {}

FdLink::~FdLink() {
    if (m_write >= 0 && m_write != m_read) ::close(m_write);
    if (m_read >= 0) ::close(m_read);
    if (m_child > 0) {
        ::kill(m_child, SIGTERM);
        int status = 0;
        ::waitpid(m_child, &status, 0);
    }
}

void FdLink::write(std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        pollfd p{m_write, POLLOUT, 0};
        if (::poll(&p, 1, 5000) <= 0) throw LinkError(m_name + ": write timed out");
        const ssize_t n = ::write(m_write, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            throw LinkError(m_name + ": write failed: " + errnoText());
        }
        done += static_cast<std::size_t>(n);
    }
}

std::string FdLink::read(std::chrono::milliseconds timeout) {
    pollfd p{m_read, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (r < 0) {
        if (errno == EINTR) return {};
        throw LinkError(m_name + ": poll failed: " + errnoText());
    }
    if (r == 0) return {};
    char buf[65536];
    const ssize_t n = ::read(m_read, buf, sizeof buf);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) return {};
        throw LinkError(m_name + ": read failed (disconnected?): " + errnoText());
    }
    if (n == 0) throw LinkError(m_name + ": the link closed");
    return std::string(buf, static_cast<std::size_t>(n));
}

std::unique_ptr<FdLink> openSerial(const std::string& path, unsigned baud) {
    const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) throw LinkError(path + ": cannot open: " + errnoText());
    struct termios2 tio {};
    if (::ioctl(fd, TCGETS2, &tio) != 0) {
        ::close(fd);
        throw LinkError(path + ": not a serial device (TCGETS2): " + errnoText());
    }
    // Raw 8N1, no flow control, reads return what is there.
    tio.c_iflag &= ~static_cast<tcflag_t>(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
    tio.c_oflag &= ~static_cast<tcflag_t>(OPOST);
    tio.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    tio.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | CSTOPB | CRTSCTS | CBAUD);
    tio.c_cflag |= CS8 | CREAD | CLOCAL | BOTHER;
    tio.c_ispeed = baud;
    tio.c_ospeed = baud;
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (::ioctl(fd, TCSETS2, &tio) != 0) {
        ::close(fd);
        throw LinkError(path + ": cannot set " + std::to_string(baud) + " baud: " + errnoText());
    }
    return std::make_unique<FdLink>(fd, fd, path);
}

Pty openPty() {
    const int m = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0 || ::grantpt(m) != 0 || ::unlockpt(m) != 0) throw LinkError("pseudo-terminal: " + errnoText());
    const char* slave = ::ptsname(m);
    if (!slave) throw LinkError("pseudo-terminal: no slave name");
    Pty p;
    p.slavePath = slave;
    // The slave raw too, so that the peer sees exactly the bytes written.
    {
        const int s = ::open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (s >= 0) {
            struct termios2 tio {};
            if (::ioctl(s, TCGETS2, &tio) == 0) {
                tio.c_iflag = 0;
                tio.c_oflag = 0;
                tio.c_lflag = 0;
                tio.c_cflag = (tio.c_cflag & ~static_cast<tcflag_t>(CSIZE | PARENB)) | CS8 | CREAD | CLOCAL;
                ::ioctl(s, TCSETS2, &tio);
            }
            ::close(s);
        }
    }
    p.master = std::make_unique<FdLink>(m, m, std::string("pty master of ") + slave);
    return p;
}

std::unique_ptr<FdLink> connectSocket(const std::string& address, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const auto colon = address.rfind(':');
    const bool tcp = address.find('/') == std::string::npos && colon != std::string::npos;
    for (;;) {
        int fd = -1;
        if (tcp) {
            addrinfo hints{};
            hints.ai_socktype = SOCK_STREAM;
            addrinfo* res = nullptr;
            if (::getaddrinfo(address.substr(0, colon).c_str(), address.substr(colon + 1).c_str(), &hints, &res) != 0 ||
                !res)
                throw LinkError(address + ": cannot resolve");
            fd = ::socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
            const bool ok = fd >= 0 && ::connect(fd, res->ai_addr, res->ai_addrlen) == 0;
            ::freeaddrinfo(res);
            if (ok) return std::make_unique<FdLink>(fd, fd, address);
        } else {
            sockaddr_un sa{};
            sa.sun_family = AF_UNIX;
            if (address.size() >= sizeof sa.sun_path) throw LinkError(address + ": socket path too long");
            std::memcpy(sa.sun_path, address.c_str(), address.size() + 1);
            fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0)
                return std::make_unique<FdLink>(fd, fd, address);
        }
        if (fd >= 0) ::close(fd);
        if (std::chrono::steady_clock::now() >= deadline) throw LinkError(address + ": cannot connect: " + errnoText());
        ::usleep(20000);
    }
}

std::unique_ptr<FdLink> spawn(const std::vector<std::string>& argv) {
    if (argv.empty()) throw LinkError("spawn: no program");
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) throw LinkError("spawn: pipe: " + errnoText());
    const pid_t pid = ::fork();
    if (pid < 0) throw LinkError("spawn: fork: " + errnoText());
    if (pid == 0) {
        ::dup2(in[0], 0);
        ::dup2(out[1], 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    return std::make_unique<FdLink>(out[0], in[1], argv[0], pid);
}

std::vector<std::string> findUsbSerial(const std::string& vid, const std::string& pid, const std::string& sysRoot) {
    namespace fs = std::filesystem;
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(sysRoot, ec)) {
        // /sys/class/tty/ttyACM0/device -> the USB interface; its parent holds idVendor/idProduct.
        const fs::path dev = e.path() / "device";
        if (!fs::exists(dev, ec)) continue;
        const fs::path usb = fs::canonical(dev, ec).parent_path();
        if (ec) continue;
        const auto read = [](const fs::path& p) {
            std::ifstream in(p);
            std::string s;
            std::getline(in, s);
            return s;
        };
        if (read(usb / "idVendor") == vid && read(usb / "idProduct") == pid)
            found.push_back("/dev/" + e.path().filename().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::optional<std::string> LineReader::next(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (m_pos < m_ready.size()) return m_ready[m_pos++];
        m_ready.clear();
        m_pos = 0;
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) return std::nullopt;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        const std::string bytes = m_link.read(std::max(left, std::chrono::milliseconds(1)));
        if (!bytes.empty()) m_ready = m_framer.feed(bytes);
    }
}

} // namespace tinyfoot::harness
