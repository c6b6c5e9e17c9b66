import NIOCore
import NIOPosix

/// A TCP balancer in this process (SwiftNIO), for hosts without IPVS or privileges: it listens
/// on each virtual address and splices every accepted connection to a real server chosen by
/// the service's scheduler (`BackendPool`). A table update changes only the choice for new
/// connections: established ones stay, also to weight-0 and removed servers. `remove` stops
/// listening and lets open connections finish for up to `drainMilliseconds`.
public final class UserspaceDataPlane: DataPlane, @unchecked Sendable {
    private struct State {
        var applied = BalancerTable()
        var pools: [ServiceKey: BackendPool] = [:]
        var listeners: [ServiceKey: any Channel] = [:]
        var connections: [ObjectIdentifier: any Channel] = [:]
    }

    private let group: any EventLoopGroup
    private let drainMilliseconds: Int
    private let state = Locked(State())

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, drainMilliseconds: Int = 10_000) {
        self.group = group
        self.drainMilliseconds = drainMilliseconds
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
        let wanted = Dictionary(table.services.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let stale = state.withLock { state in
            let gone = state.listeners.filter { wanted[$0.key] == nil }
            for key in gone.keys {
                state.listeners[key] = nil
                state.pools[key] = nil
            }
            return Array(gone.values)
        }
        for listener in stale { try? await listener.close() }
        for service in table.services {
            let key = service.key
            let listening = state.withLock { state in
                if state.pools[key]?.scheduler != service.scheduler { state.pools[key] = BackendPool(scheduler: service.scheduler) }
                state.pools[key]?.update(service.destinations)
                return state.listeners[key] != nil
            }
            if !listening {
                let listener = try await listen(key)
                state.withLock { $0.listeners[key] = listener }
            }
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
        let listeners = state.withLock { state in
            defer { state.listeners = [:]; state.pools = [:]; state.applied = BalancerTable() }
            return Array(state.listeners.values)
        }
        for listener in listeners { try? await listener.close() }
        let deadline = ContinuousClock.now + .milliseconds(drainMilliseconds)
        while ContinuousClock.now < deadline, state.withLock({ !$0.connections.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(50))
        }
        for connection in state.withLock({ Array($0.connections.values) }) { try? await connection.close() }
    }

    /// Open client connections (for status and tests).
    public var openConnections: Int { state.withLock { $0.connections.count } }

    private func listen(_ key: ServiceKey) async throws -> any Channel {
        guard let port = key.endpoint.port else { throw DataPlaneError("\(key) has no port") }
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 1024)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { [weak self] child in
                    guard let self else { return child.close() }
                    return self.splice(child, service: key)
                }
                .bind(host: key.endpoint.host, port: port).get()
        } catch {
            throw DataPlaneError("cannot listen on \(key.endpoint): \(error)")
        }
    }

    /// Connects an accepted client to the real server its pool chooses.
    private func splice(_ client: any Channel, service: ServiceKey) -> EventLoopFuture<Void> {
        let hash = Self.hash(client.remoteAddress?.ipAddress ?? "")
        guard let backend = state.withLock({ $0.pools[service]?.pick(clientHash: hash) }), let port = backend.port else {
            return client.close()
        }
        let id = ObjectIdentifier(client)
        state.withLock { $0.connections[id] = client }
        client.closeFuture.whenComplete { [state] _ in
            state.withLock { state in
                state.connections[id] = nil
                state.pools[service]?.release(backend)
            }
        }
        return ClientBootstrap(group: client.eventLoop)
            .connectTimeout(.seconds(3))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: backend.host, port: port)
            .flatMapThrowing { upstream in
                let (clientSide, serverSide) = ProxyHandler.pair()
                try client.pipeline.syncOperations.addHandler(clientSide)
                try upstream.pipeline.syncOperations.addHandler(serverSide)
            }
            .flatMapError { _ in client.close() }
    }

    /// FNV-1a of the client address: stable across restarts, so `sh` keeps clients where they were.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
