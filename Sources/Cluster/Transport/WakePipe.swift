import Glibc

/// A non-blocking pipe that wakes the transport's poll from other threads.
final class WakePipe: @unchecked Sendable {
    let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        let created = pipe(&fds)
        precondition(created == 0, "pipe failed: \(String(cString: strerror(errno)))")
        for fd in fds {
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Makes the read end readable (a full pipe is already readable, so a failed write is fine).
    func poke() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }

    /// Sleeps until poked or `milliseconds` pass.
    func wait(milliseconds: Int32) {
        var fd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        if poll(&fd, 1, milliseconds) > 0 { drain() }
    }
}
