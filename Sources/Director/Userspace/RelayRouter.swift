/// The balancing decisions the relay loops ask for: each service's `BackendPool` and the
/// count of open client connections. Shared by every loop and the data plane, under a lock
/// taken once per connection (never per byte).
final class RelayRouter: Sendable {
    private struct State {
        var pools: [ServiceKey: BackendPool] = [:]
        var open = 0
    }

    private let state = Locked(State())

    /// Takes the table's servers for `service` (a new pool when the scheduler changed).
    func update(_ service: BalancerTable.Service) {
        state.withLock { state in
            if state.pools[service.key]?.scheduler != service.scheduler { state.pools[service.key] = BackendPool(scheduler: service.scheduler) }
            state.pools[service.key]?.update(service.destinations)
        }
    }

    /// Forgets services that are no longer balanced.
    func keep(only services: Set<ServiceKey>) {
        state.withLock { state in state.pools = state.pools.filter { services.contains($0.key) } }
    }

    /// The real server for a new connection of `service` from `client`, counted as open; nil when none takes connections.
    func route(_ service: ServiceKey, client: String) -> ServiceEndpoint? {
        let hash = UserspaceDataPlane.hash(client)
        return state.withLock { state in
            guard let backend = state.pools[service]?.pick(clientHash: hash) else { return nil }
            state.open += 1
            return backend
        }
    }

    /// A connection routed to `backend` ended.
    func release(_ service: ServiceKey, _ backend: ServiceEndpoint) {
        state.withLock { state in
            state.open -= 1
            state.pools[service]?.release(backend)
        }
    }

    /// Open client connections.
    var openConnections: Int { state.withLock { $0.open } }
}
