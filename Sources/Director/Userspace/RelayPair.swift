import Glibc

/// One balanced connection: the client's socket, the real server's, and the bytes in flight
/// between them. What one side sends is read into the loop's scratch buffer and written to
/// the other at once; only what the other cannot take yet is kept (and that side's reading
/// pauses until it is written: back-pressure). A side's FIN is passed on as a half-close;
/// the pair is done when both sides finished and nothing is left to write, or on any error.
/// Used by one `RelayLoop` thread only.
final class RelayPair {
    /// The client's side and the real server's, as indexes into the pair.
    static let client = 0, server = 1

    private struct Side {
        let fd: Int32
        var interest: UInt32 = 0
        var registered = false
        /// Hung up and taken out of the epoll set.
        var detached = false
        /// The peer sent FIN: nothing more will be read from this side.
        var finished = false
        /// Bytes from the other side this socket has not taken yet, from `sent` on.
        var backlog: [UInt8] = []
        var sent = 0
        var hasBacklog: Bool { sent < backlog.count }
    }

    let service: ServiceKey
    let backend: ServiceEndpoint
    /// The epoll token of the client side (the server side's is one more).
    let token: UInt64
    /// While the connection to the real server is being made: when to give up (monotonic ns).
    var connectDeadline: UInt64?
    private var sides: (Side, Side)

    init(client: Int32, server: Int32, service: ServiceKey, backend: ServiceEndpoint, token: UInt64, connectDeadline: UInt64) {
        sides = (Side(fd: client), Side(fd: server))
        self.service = service
        self.backend = backend
        self.token = token
        self.connectDeadline = connectDeadline
    }

    private subscript(_ index: Int) -> Side {
        get { index == Self.client ? sides.0 : sides.1 }
        set { if index == Self.client { sides.0 = newValue } else { sides.1 = newValue } }
    }

    private func fd(_ index: Int) -> Int32 { index == Self.client ? sides.0.fd : sides.1.fd }

    /// Every byte both ways was passed on and both sides finished.
    var isDone: Bool { sides.0.finished && sides.1.finished && !sides.0.hasBacklog && !sides.1.hasBacklog }

    /// Waits for the connection to the real server to complete.
    func awaitConnect(_ epoll: Epoll) -> Bool { watch(Self.server, Epoll.writable, epoll) }

    /// The real server accepted: both sides are read from now on.
    func startRelaying(_ epoll: Epoll) -> Bool {
        connectDeadline = nil
        return RelaySocket.connected(fd(Self.server)) && watch(Self.server, Epoll.readable, epoll) && watch(Self.client, Epoll.readable, epoll)
    }

    /// Handles readiness `events` of side `index`; false when the pair must be closed.
    func handle(_ events: UInt32, on index: Int, _ epoll: Epoll, scratch: UnsafeMutableRawBufferPointer) -> Bool {
        if events & Epoll.error != 0 { return false }
        if events & Epoll.writable != 0, !flush(toward: index, epoll) { return false }
        if events & Epoll.hangUp != 0 { return drain(index, epoll, scratch: scratch) }
        if events & Epoll.readable != 0 { return forward(from: index, epoll, scratch: scratch) }
        return true
    }

    /// Closes both sockets (which also takes them out of the epoll set).
    func close() {
        Glibc.close(sides.0.fd)
        Glibc.close(sides.1.fd)
    }

    /// Reads what side `source` sent and passes it to the other side.
    private func forward(from source: Int, _ epoll: Epoll, scratch: UnsafeMutableRawBufferPointer) -> Bool {
        let target = 1 - source
        let count = read(fd(source), scratch.baseAddress, scratch.count)
        if count > 0 {
            guard pass(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), to: target, epoll) else { return false }
            return !self[target].hasBacklog || watch(source, self[source].interest & ~Epoll.readable, epoll)
        }
        if count == 0 {
            finish(source)
            return watch(source, self[source].interest & ~Epoll.readable, epoll)
        }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
    }

    /// Side `source` hung up (closed both ways): what it sent is all in its socket, so it is
    /// read to the end into the other side's backlog, and the socket is no longer watched
    /// (a hung-up socket stays ready for ever).
    private func drain(_ source: Int, _ epoll: Epoll, scratch: UnsafeMutableRawBufferPointer) -> Bool {
        let target = 1 - source
        while true {
            let count = read(fd(source), scratch.baseAddress, scratch.count)
            if count > 0 {
                guard pass(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), to: target, epoll) else { return false }
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        epoll.remove(fd(source))
        self[source].detached = true
        // What was still owed to the side that hung up can no longer be delivered.
        self[source].backlog = []
        self[source].sent = 0
        finish(source)
        return true
    }

    /// Sends `bytes` to side `target`, keeping what it cannot take yet (and watching it for room).
    private func pass(_ bytes: UnsafeRawBufferPointer, to target: Int, _ epoll: Epoll) -> Bool {
        if self[target].hasBacklog {
            self[target].backlog.append(contentsOf: bytes)
            return true
        }
        let written = send(fd(target), bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        if written == bytes.count { return true }
        if written < 0, errno != EAGAIN, errno != EWOULDBLOCK { return false }
        self[target].backlog = Array(UnsafeRawBufferPointer(rebasing: bytes[max(0, written)...]))
        self[target].sent = 0
        return watch(target, self[target].interest | Epoll.writable, epoll)
    }

    /// Side `source` sent FIN: once everything it sent is passed on, the other side gets FIN too.
    private func finish(_ source: Int) {
        self[source].finished = true
        if !self[1 - source].hasBacklog { shutdown(fd(1 - source), Int32(SHUT_WR)) }
    }

    /// Writes the backlog of side `target`; once it is empty, its source is read again (or,
    /// when the source has finished, its FIN is passed on).
    private func flush(toward target: Int, _ epoll: Epoll) -> Bool {
        let source = 1 - target
        while self[target].hasBacklog {
            let side = self[target]
            let written = side.backlog.withUnsafeBytes { bytes in
                send(side.fd, bytes.baseAddress! + side.sent, side.backlog.count - side.sent, Int32(MSG_NOSIGNAL))
            }
            if written < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
            self[target].sent += written
        }
        self[target].backlog = []
        self[target].sent = 0
        guard watch(target, self[target].interest & ~Epoll.writable, epoll) else { return false }
        if self[source].finished {
            shutdown(fd(target), Int32(SHUT_WR))
            return true
        }
        return watch(source, self[source].interest | Epoll.readable, epoll)
    }

    /// Sets what side `index` is watched for (registering it the first time).
    private func watch(_ index: Int, _ mask: UInt32, _ epoll: Epoll) -> Bool {
        let side = self[index]
        if side.registered && side.interest == mask { return true }
        // A side that hung up takes nothing more: writing to it would fail.
        if side.detached { return false }
        let token = token + UInt64(index)
        guard side.registered ? epoll.modify(side.fd, mask, token: token) : epoll.add(side.fd, mask, token: token) else { return false }
        self[index].registered = true
        self[index].interest = mask
        return true
    }
}
