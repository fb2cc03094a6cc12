// A TCP proxy on loopback that injects network faults, one mode per
// accepted connection. It copies bytes without looking at them, so TLS
// passes through end to end.
//
// Usage: gov_faultproxy --upstream HOST:PORT [--port N] [--pattern MODES]
//
// It listens on 127.0.0.1 (port 0: a free port), prints the port as the
// first line on stdout and logs one line per connection on stderr. MODES is
// a comma-separated list that is used in turn for each new connection, for
// example "cut:200,pass,stall,pass":
//   pass          forward both ways until one side closes
//   delay:MS      wait MS milliseconds after accepting, then forward
//   stall[:N]     forward N bytes (default 0) in total, then read and drop
//                 everything and forward nothing more, until the client closes
//   cut:N         forward N bytes in total, then close both sides (FIN)
//   cut-up:N      the same, counting only client-to-server bytes
//   cut-down:N    the same, counting only server-to-client bytes
//   reset[:N]     forward N bytes (default 0) in total, then reset the client
//                 connection (RST through SO_LINGER 0)
//   duplicate     forward normally, and send the client's bytes to a second
//                 upstream connection too, whose answers are dropped
//
// NOTE: duplicate replays bytes, so the upstream sees a request twice only
// on plain TCP. Over TLS the second connection fails its handshake, because
// a replayed ClientHello does not match the server's new random.
//
// The upstream must be a loopback address: this tool is for tests.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

enum class Kind { Pass, Delay, Stall, Cut, CutUp, CutDown, Reset, Duplicate };

struct Mode {
    Kind kind = Kind::Pass;
    long long value = 0; // bytes, or milliseconds for Delay
    std::string text;
};

struct Options {
    std::string upstreamHost;
    int upstreamPort = 0;
    int listenPort = 0;
    std::vector<Mode> pattern;
};

std::mutex logMutex;

void logLine(const std::string &line)
{
    const std::lock_guard<std::mutex> lock(logMutex);
    std::fprintf(stderr, "faultproxy: %s\n", line.c_str());
    std::fflush(stderr);
}

std::optional<long long> parseNumber(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    char *end = nullptr;
    errno = 0;
    const long long number = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || number < 0)
        return std::nullopt;
    return number;
}

std::optional<Mode> parseMode(const std::string &text)
{
    struct Name {
        const char *name;
        Kind kind;
        bool needsValue;
        bool takesValue;
    };
    static const Name names[] = {
        {"pass", Kind::Pass, false, false},       {"delay", Kind::Delay, true, true},
        {"stall", Kind::Stall, false, true},      {"cut", Kind::Cut, true, true},
        {"cut-up", Kind::CutUp, true, true},      {"cut-down", Kind::CutDown, true, true},
        {"reset", Kind::Reset, false, true},      {"duplicate", Kind::Duplicate, false, false},
    };

    const size_t colon = text.find(':');
    const std::string name = text.substr(0, colon);
    const std::string value = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    for (const Name &entry : names) {
        if (name != entry.name)
            continue;
        if (colon != std::string::npos && !entry.takesValue)
            return std::nullopt;
        if (colon == std::string::npos && entry.needsValue)
            return std::nullopt;
        Mode mode{entry.kind, 0, text};
        if (colon != std::string::npos) {
            const std::optional<long long> number = parseNumber(value);
            if (!number)
                return std::nullopt;
            mode.value = *number;
        }
        return mode;
    }
    return std::nullopt;
}

std::optional<std::vector<Mode>> parsePattern(const std::string &text)
{
    std::vector<Mode> pattern;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const std::optional<Mode> mode = parseMode(item);
        if (!mode)
            return std::nullopt;
        pattern.push_back(*mode);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return pattern;
}

bool isLoopback(const std::string &host)
{
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

void usage()
{
    std::fprintf(stderr,
                 "Usage: gov_faultproxy --upstream HOST:PORT [--port N] [--pattern MODES]\n"
                 "Proxies TCP on 127.0.0.1 to a loopback upstream and injects faults per connection.\n"
                 "MODES: comma-separated, used in turn: pass, delay:MS, stall[:N], cut:N, cut-up:N,\n"
                 "cut-down:N, reset[:N], duplicate. Prints the listening port on stdout.\n");
}

std::optional<Options> parseArguments(int argc, char *argv[])
{
    Options options;
    options.pattern.push_back(Mode{Kind::Pass, 0, "pass"});
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (i + 1 >= argc)
            return std::nullopt;
        const std::string value = argv[++i];
        if (argument == "--upstream") {
            // HOST:PORT, or [IPV6]:PORT.
            const size_t colon = value.rfind(':');
            if (colon == std::string::npos)
                return std::nullopt;
            std::string host = value.substr(0, colon);
            if (host.size() > 2 && host.front() == '[' && host.back() == ']')
                host = host.substr(1, host.size() - 2);
            if (host == "localhost")
                host = "127.0.0.1";
            const std::optional<long long> port = parseNumber(value.substr(colon + 1));
            if (!port || *port == 0 || *port > 65535 || !isLoopback(host))
                return std::nullopt;
            options.upstreamHost = host;
            options.upstreamPort = int(*port);
        } else if (argument == "--port") {
            const std::optional<long long> port = parseNumber(value);
            if (!port || *port > 65535)
                return std::nullopt;
            options.listenPort = int(*port);
        } else if (argument == "--pattern") {
            std::optional<std::vector<Mode>> pattern = parsePattern(value);
            if (!pattern)
                return std::nullopt;
            options.pattern = std::move(*pattern);
        } else {
            return std::nullopt;
        }
    }
    if (options.upstreamHost.empty())
        return std::nullopt;
    return options;
}

int connectUpstream(const Options &options)
{
    const bool v6 = options.upstreamHost.find(':') != std::string::npos;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;

    int result = -1;
    if (v6) {
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(uint16_t(options.upstreamPort));
        inet_pton(AF_INET6, options.upstreamHost.c_str(), &address.sin6_addr);
        result = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(uint16_t(options.upstreamPort));
        inet_pton(AF_INET, options.upstreamHost.c_str(), &address.sin_addr);
        result = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    }
    if (result != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Closes with an RST instead of a FIN.
void resetSocket(int fd)
{
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    ::close(fd);
}

bool writeAll(int fd, const char *data, size_t length)
{
    while (length > 0) {
        const ssize_t written = ::send(fd, data, length, MSG_NOSIGNAL);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        length -= size_t(written);
    }
    return true;
}

// Reads and drops the client's bytes until it closes.
void drainUntilClosed(int fd)
{
    char buffer[4096];
    while (true) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
    }
}

struct Counters {
    long long up = 0;   // client to server
    long long down = 0; // server to client
};

// How many more bytes in this direction the mode lets through before its
// fault, or -1 for no limit.
long long remainingQuota(const Mode &mode, const Counters &counters, bool upward)
{
    switch (mode.kind) {
    case Kind::Cut:
    case Kind::Stall:
    case Kind::Reset:
        return std::max(0LL, mode.value - counters.up - counters.down);
    case Kind::CutUp:
        return upward ? std::max(0LL, mode.value - counters.up) : -1;
    case Kind::CutDown:
        return upward ? -1 : std::max(0LL, mode.value - counters.down);
    default:
        return -1;
    }
}

bool quotaUsedUp(const Mode &mode, const Counters &counters)
{
    switch (mode.kind) {
    case Kind::Cut:
    case Kind::Stall:
    case Kind::Reset:
        return counters.up + counters.down >= mode.value;
    case Kind::CutUp:
        return counters.up >= mode.value;
    case Kind::CutDown:
        return counters.down >= mode.value;
    default:
        return false;
    }
}

enum class End { ClientClosed, UpstreamClosed, Fault, Error };

// Copies bytes between the client and the upstream until a side closes or
// the mode's byte quota is used up. `mirror` (duplicate mode) gets a copy of
// the client's bytes, and whatever it sends back is dropped.
End relay(int client, int upstream, int mirror, const Mode &mode, Counters &counters)
{
    char buffer[16384];
    while (true) {
        if (quotaUsedUp(mode, counters))
            return End::Fault;

        pollfd fds[3] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}, {mirror, POLLIN, 0}};
        const nfds_t count = mirror >= 0 ? 3 : 2;
        if (::poll(fds, count, -1) < 0) {
            if (errno == EINTR)
                continue;
            return End::Error;
        }

        for (int side = 0; side < 2; ++side) {
            if ((fds[side].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
                continue;
            const bool upward = side == 0;
            const long long quota = remainingQuota(mode, counters, upward);
            if (quota == 0)
                return End::Fault;
            const size_t want = quota < 0 ? sizeof buffer : size_t(std::min<long long>(quota, sizeof buffer));
            const ssize_t got = ::recv(fds[side].fd, buffer, want, 0);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                return upward ? End::ClientClosed : End::UpstreamClosed;

            const int target = upward ? upstream : client;
            if (!writeAll(target, buffer, size_t(got)))
                return End::Error;
            if (upward && mirror >= 0)
                writeAll(mirror, buffer, size_t(got));
            (upward ? counters.up : counters.down) += got;
            if (quotaUsedUp(mode, counters))
                return End::Fault;
        }

        if (mirror >= 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            const ssize_t got = ::recv(mirror, buffer, sizeof buffer, 0);
            if (got <= 0 && !(got < 0 && errno == EINTR)) {
                ::close(mirror);
                mirror = -1;
            }
        }
    }
}

const char *endName(End end)
{
    switch (end) {
    case End::ClientClosed:
        return "client closed";
    case End::UpstreamClosed:
        return "upstream closed";
    case End::Fault:
        return "fault injected";
    case End::Error:
        return "socket error";
    }
    return "?";
}

void handleConnection(int client, long long number, Mode mode, const Options &options)
{
    Counters counters;
    std::string outcome;

    if (mode.kind == Kind::Delay)
        std::this_thread::sleep_for(std::chrono::milliseconds(mode.value));

    if (mode.kind == Kind::Reset && mode.value == 0) {
        resetSocket(client);
        logLine("connection " + std::to_string(number) + " " + mode.text + ": reset at once");
        return;
    }
    if (mode.kind == Kind::Stall && mode.value == 0) {
        drainUntilClosed(client);
        ::close(client);
        logLine("connection " + std::to_string(number) + " " + mode.text + ": stalled until the client closed");
        return;
    }

    const int upstream = connectUpstream(options);
    if (upstream < 0) {
        resetSocket(client);
        logLine("connection " + std::to_string(number) + " " + mode.text + ": upstream connect failed: "
                + std::strerror(errno));
        return;
    }
    const int mirror = mode.kind == Kind::Duplicate ? connectUpstream(options) : -1;

    const End end = relay(client, upstream, mirror, mode, counters);
    if (end == End::Fault && mode.kind == Kind::Stall) {
        ::close(upstream);
        drainUntilClosed(client);
        ::close(client);
        outcome = "stalled after the quota, until the client closed";
    } else if (end == End::Fault && mode.kind == Kind::Reset) {
        ::close(upstream);
        resetSocket(client);
        outcome = "reset after the quota";
    } else {
        // A FIN towards the client after pass, cut or an upstream close.
        ::shutdown(client, SHUT_RDWR);
        ::close(client);
        ::close(upstream);
        outcome = endName(end);
    }
    if (mirror >= 0)
        ::close(mirror);

    logLine("connection " + std::to_string(number) + " " + mode.text + ": " + outcome + ", up "
            + std::to_string(counters.up) + " B, down " + std::to_string(counters.down) + " B"
            + (mode.kind == Kind::Duplicate ? ", client bytes sent twice" : ""));
}

int listenOnLoopback(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int boundPort(int fd)
{
    sockaddr_in address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return -1;
    return ntohs(address.sin_port);
}

} // namespace

int main(int argc, char *argv[])
{
    const std::optional<Options> parsed = parseArguments(argc, argv);
    if (!parsed) {
        usage();
        return 2;
    }
    const Options options = *parsed;

    const int listener = listenOnLoopback(options.listenPort);
    if (listener < 0) {
        std::fprintf(stderr, "faultproxy: cannot listen on 127.0.0.1:%d: %s\n", options.listenPort,
                     std::strerror(errno));
        return 1;
    }
    std::printf("%d\n", boundPort(listener));
    std::fflush(stdout);

    long long number = 0;
    while (true) {
        const int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            std::fprintf(stderr, "faultproxy: accept failed: %s\n", std::strerror(errno));
            return 1;
        }
        const Mode mode = options.pattern[size_t(number) % options.pattern.size()];
        std::thread(handleConnection, client, number, mode, std::cref(options)).detach();
        ++number;
    }
}
