import Foundation

/// A TCP balancer in this process, for hosts without IPVS or privileges: it listens on each
/// virtual address and relays every accepted connection to a real server chosen by the
/// service's scheduler (`BackendPool`). The relaying runs on `RelayLoop` threads (one per CPU
/// by default), each an epoll loop that copies bytes from socket to socket through one scratch
/// buffer. A table update changes only the choice for new connections: established ones stay,
/// also to weight-0 and removed servers. `remove` stops listening and lets open connections
/// finish for up to `drainMilliseconds`.
public final class UserspaceDataPlane: DataPlane, @unchecked Sendable {
    private struct State {
        var applied = BalancerTable()
        var listeners: [ServiceKey: Int32] = [:]
        var loops: [RelayLoop] = []
    }

    private let threads: Int
    private let drainMilliseconds: Int
    private let router = RelayRouter()
    private let state = Locked(State())

    /// A balancer relaying on `threads` loops (default: one per CPU).
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, drainMilliseconds: Int = 10_000) {
        self.threads = max(1, threads)
        self.drainMilliseconds = drainMilliseconds
    }

    deinit {
        for loop in state.withLock({ $0.loops }) { loop.post(.stop) }
    }

    public func prepare(for table: BalancerTable) async throws {
        let reasons = table.services.compactMap(Self.unsupportedReason)
        guard reasons.isEmpty else { throw DataPlaneError(reasons.joined(separator: "; ")) }
    }

    /// Why the userspace balancer cannot serve `service`, or nil when it can.
    static func unsupportedReason(_ service: BalancerTable.Service) -> String? {
        if service.proto != .tcp { return "\(service.key): the userspace data plane balances TCP only" }
        if !BackendPool.schedulers.contains(service.scheduler) {
            return "\(service.key): scheduler \(service.scheduler) is not offered by the userspace data plane (rr, wrr, lc, wlc, sh)"
        }
        if service.persistenceSeconds != nil { return "\(service.key): persistence is not offered by the userspace data plane; use scheduler=sh" }
        return nil
    }

    public func apply(_ table: BalancerTable) async throws {
        let loops = try startLoops()
        let wanted = Set(table.services.map(\.key))
        let stale = state.withLock { state in
            let gone = state.listeners.filter { !wanted.contains($0.key) }
            for key in gone.keys { state.listeners[key] = nil }
            return Array(gone.values)
        }
        for fd in stale { await unlisten(fd, on: loops) }
        router.keep(only: wanted)
        for service in table.services {
            router.update(service)
            guard state.withLock({ $0.listeners[service.key] }) == nil else { continue }
            let fd = try RelaySocket.listen(on: service.endpoint)
            state.withLock { $0.listeners[service.key] = fd }
            for loop in loops { await loop.perform(.listen(fd, service.key)) }
        }
        state.withLock { $0.applied = table }
    }

    public func current() async throws -> BalancerTable { state.withLock { $0.applied } }

    public func verify(_ expected: BalancerTable) async -> String? {
        for service in expected.services {
            guard let port = service.endpoint.port else { continue }
            do {
                _ = try await TCPConversation.run(host: service.endpoint.host, port: port, timeoutMilliseconds: 2000) { _ in "" }
            } catch {
                return "nothing answers on \(service.endpoint): \((error as? CheckFailure)?.detail ?? "\(error)")"
            }
        }
        return nil
    }

    public func remove() async throws {
        let (listeners, loops) = state.withLock { state in
            defer { state.listeners = [:]; state.loops = []; state.applied = BalancerTable() }
            return (Array(state.listeners.values), state.loops)
        }
        for fd in listeners { await unlisten(fd, on: loops) }
        router.keep(only: [])
        let deadline = ContinuousClock.now + .milliseconds(drainMilliseconds)
        while ContinuousClock.now < deadline, router.openConnections > 0 {
            try? await Task.sleep(for: .milliseconds(50))
        }
        for loop in loops { await loop.perform(.stop) }
    }

    /// Open client connections (for status and tests).
    public var openConnections: Int { router.openConnections }

    /// The relay loops, started on first use.
    private func startLoops() throws -> [RelayLoop] {
        try state.withLock { state in
            if state.loops.isEmpty {
                state.loops = try (0..<threads).map { try RelayLoop(router: router, name: "ldirector-relay-\($0)") }
            }
            return state.loops
        }
    }

    /// Takes a listening socket out of every loop, then closes it.
    private func unlisten(_ fd: Int32, on loops: [RelayLoop]) async {
        for loop in loops { await loop.perform(.unlisten(fd)) }
        close(fd)
    }

    /// FNV-1a of the client address: stable across restarts, so `sh` keeps clients where they were.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
