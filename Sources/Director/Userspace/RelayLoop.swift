import Foundation

/// One thread of the userspace balancer: an epoll set holding the listening sockets (every
/// loop watches each one; the kernel wakes a single loop per connection), the connections it
/// accepted and a wake pipe for commands. A connection stays on the loop that accepted it, so
/// its bytes cross no lock, allocation or thread hop: read into the loop's scratch buffer,
/// written to the other socket.
final class RelayLoop: @unchecked Sendable {
    /// What the data plane asks of a loop; each is acknowledged once done.
    enum Command {
        case listen(Int32, ServiceKey)
        case unlisten(Int32)
        case closeAll
        case stop
    }

    /// How long a real server may take to accept a connection.
    static let connectTimeoutNanoseconds: UInt64 = 3_000_000_000

    private static let wakeToken = UInt64.max
    private static let listenerBit: UInt64 = 1 << 62

    private let router: RelayRouter
    private let epoll: Epoll
    private let wakeRead: Int32, wakeWrite: Int32
    private let inbox = Locked<[(Command, @Sendable () -> Void)]>([])

    // Owned by the loop's thread.
    private var listeners: [Int32: ServiceKey] = [:]
    private var pairs: [RelayPair?] = []
    private var freeSlots: [Int] = []
    private var generation: UInt64 = 0
    private var connecting: Set<Int> = []
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    /// A loop, started on a thread of its own named `name`.
    init(router: RelayRouter, name: String) throws {
        self.router = router
        epoll = try Epoll()
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw DataPlaneError("pipe: \(RelaySocket.lastError())") }
        (wakeRead, wakeWrite) = (ends[0], ends[1])
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        _ = epoll.add(wakeRead, Epoll.readable, token: Self.wakeToken)
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Runs `command` on the loop's thread and returns once it is done.
    func perform(_ command: Command) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in post(command) { done.resume() } }
    }

    /// Queues `command` without waiting for it.
    func post(_ command: Command, then acknowledge: @escaping @Sendable () -> Void = {}) {
        inbox.withLock { $0.append((command, acknowledge)) }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func run() {
        while true {
            let timeout: Int32 = connecting.isEmpty ? -1 : 100
            var stopping = false
            epoll.wait(timeoutMilliseconds: timeout) { events, token in
                if token == Self.wakeToken {
                    stopping = runCommands() || stopping
                } else if token & Self.listenerBit != 0 {
                    accept(Int32(truncatingIfNeeded: token & ~Self.listenerBit))
                } else {
                    relay(events, token: token)
                }
            }
            if !connecting.isEmpty { expireConnects() }
            if stopping { break }
        }
        closeAll()
        scratch.deallocate()
        close(wakeRead)
        close(wakeWrite)
    }

    /// Runs the queued commands; true when one of them was `stop`.
    private func runCommands() -> Bool {
        var drained = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &drained, drained.count) > 0 {}
        var stop = false
        for (command, acknowledge) in inbox.withLock({ inbox in defer { inbox = [] }; return inbox }) {
            switch command {
            case .listen(let fd, let key):
                listeners[fd] = key
                _ = epoll.add(fd, Epoll.readable | Epoll.exclusive, token: Self.listenerBit | UInt64(fd))
            case .unlisten(let fd):
                listeners[fd] = nil
                epoll.remove(fd)
            case .closeAll: closeAll()
            case .stop: stop = true
            }
            acknowledge()
        }
        return stop
    }

    /// Accepts the connections waiting on `listener` and starts connecting each to its real server.
    private func accept(_ listener: Int32) {
        guard let service = listeners[listener] else { return }
        for _ in 0..<64 {
            guard let (client, peer) = Epoll.accept(listener) else { return }
            guard let backend = router.route(service, client: RelaySocket.host(of: peer)) else {
                close(client)
                continue
            }
            guard let server = RelaySocket.connect(to: backend) else {
                close(client)
                router.release(service, backend)
                continue
            }
            RelaySocket.noDelay(client)
            let slot = freeSlots.popLast() ?? { pairs.append(nil); return pairs.count - 1 }()
            generation = (generation + 1) & 0x3fff_ffff
            let token = generation << 32 | UInt64(slot) << 1
            let pair = RelayPair(client: client, server: server, service: service, backend: backend, token: token,
                                 connectDeadline: Self.now() + Self.connectTimeoutNanoseconds)
            pairs[slot] = pair
            connecting.insert(slot)
            if !pair.awaitConnect(epoll) { finish(slot) }
        }
    }

    /// Readiness of one side of a connection.
    private func relay(_ events: UInt32, token: UInt64) {
        let slot = Int(token & 0xffff_ffff) >> 1, side = Int(token & 1)
        guard slot < pairs.count, let pair = pairs[slot], pair.token == token & ~1 else { return }
        if pair.connectDeadline != nil {
            guard side == RelayPair.server else { return }
            connecting.remove(slot)
            if !pair.startRelaying(epoll) { finish(slot) }
            return
        }
        if !pair.handle(events, on: side, epoll, scratch: scratch) || pair.isDone { finish(slot) }
    }

    /// Gives up on connections whose real server did not accept in time.
    private func expireConnects() {
        let now = Self.now()
        for slot in connecting where (pairs[slot]?.connectDeadline ?? 0) <= now { finish(slot) }
    }

    private func finish(_ slot: Int) {
        guard let pair = pairs[slot] else { return }
        pair.close()
        pairs[slot] = nil
        freeSlots.append(slot)
        connecting.remove(slot)
        router.release(pair.service, pair.backend)
    }

    private func closeAll() {
        for slot in pairs.indices where pairs[slot] != nil { finish(slot) }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
