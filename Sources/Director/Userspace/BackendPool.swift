/// The real servers of one userspace-balanced service and the choice of a server for each new
/// connection: rr, wrr (smooth weighted round robin), lc, wlc (fewest active connections,
/// per weight), sh (hash of the client address over weighted slots). Weight-0 servers take no
/// new connections; their established ones are only counted. Pure.
struct BackendPool {
    /// The schedulers this pool implements.
    static let schedulers: Set<String> = ["rr", "wrr", "lc", "wlc", "sh"]

    struct Backend {
        var endpoint: ServiceEndpoint
        var weight: Int
        var active = 0
        /// False for a server that left the table and is only counted until its connections end.
        var inTable = true
        /// The running score of smooth weighted round robin.
        var credit = 0
    }

    let scheduler: String
    private(set) var backends: [Backend] = []
    private var cursor = 0

    init(scheduler: String) { self.scheduler = scheduler }

    /// Takes the table's destinations, keeping the connection counts of servers that stay.
    mutating func update(_ destinations: [BalancerTable.Destination]) {
        let previous = Dictionary(backends.map { ($0.endpoint, $0) }, uniquingKeysWith: { first, _ in first })
        let kept = destinations.map { destination in
            var backend = previous[destination.endpoint] ?? Backend(endpoint: destination.endpoint, weight: destination.weight)
            backend.weight = destination.weight
            return backend
        }
        // A server that left the table keeps being counted while it has connections.
        backends = kept + backends.filter { old in old.active > 0 && !kept.contains { $0.endpoint == old.endpoint } }.map { old in
            var drained = old
            drained.weight = 0
            drained.inTable = false
            return drained
        }
    }

    /// Chooses the server for a new connection from `clientHash` and counts it; nil when no server takes connections.
    mutating func pick(clientHash: UInt64) -> ServiceEndpoint? {
        let candidates = backends.indices.filter { backends[$0].weight > 0 }
        guard !candidates.isEmpty else { return nil }
        let chosen: Int
        switch scheduler {
        case "wrr":
            let total = candidates.reduce(0) { $0 + backends[$1].weight }
            for index in candidates { backends[index].credit += backends[index].weight }
            chosen = candidates.max { backends[$0].credit < backends[$1].credit }!
            backends[chosen].credit -= total
        case "lc":
            chosen = candidates.min { backends[$0].active < backends[$1].active }!
        case "wlc":
            // (active + 1) / weight, compared without division.
            chosen = candidates.min { (backends[$0].active + 1) * backends[$1].weight < (backends[$1].active + 1) * backends[$0].weight }!
        case "sh":
            let slots = candidates.flatMap { Array(repeating: $0, count: backends[$0].weight) }
            chosen = slots[Int(clientHash % UInt64(slots.count))]
        default:
            chosen = candidates[cursor % candidates.count]
            cursor += 1
        }
        backends[chosen].active += 1
        return backends[chosen].endpoint
    }

    /// A connection to `endpoint` ended.
    mutating func release(_ endpoint: ServiceEndpoint) {
        guard let index = backends.firstIndex(where: { $0.endpoint == endpoint }) else { return }
        backends[index].active -= 1
        if backends[index].active == 0, !backends[index].inTable { backends.remove(at: index) }
    }

    var activeConnections: Int { backends.reduce(0) { $0 + $1.active } }
}
