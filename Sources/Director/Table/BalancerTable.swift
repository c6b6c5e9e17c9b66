/// What the data plane should hold: for each virtual service, the real servers that take
/// traffic and their weights. Computed from the configuration and the servers' health; pure.
public struct BalancerTable: Hashable, Sendable {
    /// One virtual service in the table.
    public struct Service: Hashable, Sendable {
        public var endpoint: ServiceEndpoint
        public var proto: ServiceProtocol
        public var scheduler: String
        public var persistenceSeconds: Int?
        public var persistenceNetmask: String?
        /// In configuration order; weight 0 = quiescent (keeps its connections, takes no new ones).
        public var destinations: [Destination]

        public var key: ServiceKey { ServiceKey(endpoint: endpoint, proto: proto) }
    }

    /// A real server (or the fallback) in the table.
    public struct Destination: Hashable, Sendable {
        public var endpoint: ServiceEndpoint
        public var forwarding: ForwardingMethod
        public var weight: Int
        /// True for the fallback / sorry server.
        public var isFallback: Bool
    }

    public var services: [Service]

    public init(services: [Service] = []) { self.services = services }

    /// The table for `configuration` given the servers' health: healthy servers with their
    /// weight; failed ones at weight 0 when the service is quiescent, else absent; the fallback
    /// only while no real server is healthy.
    public init(configuration: DirectorConfiguration, health: HealthTracker) {
        services = configuration.services.map { service in
            var destinations: [Destination] = []
            var anyUp = false
            for real in service.realServers {
                let key = RealServerKey(service: service.endpoint, proto: service.proto, server: real.endpoint)
                let up = health.isUp(key)
                anyUp = anyUp || (up && real.weight > 0)
                if up || service.quiescent {
                    destinations.append(Destination(endpoint: real.endpoint, forwarding: real.forwarding,
                                                    weight: up ? real.weight : 0, isFallback: false))
                }
            }
            if !anyUp, let fallback = service.fallback {
                destinations.append(Destination(endpoint: fallback.endpoint, forwarding: fallback.forwarding,
                                                weight: max(1, fallback.weight), isFallback: true))
            }
            return Service(endpoint: service.endpoint, proto: service.proto, scheduler: service.scheduler,
                           persistenceSeconds: service.persistenceSeconds, persistenceNetmask: service.persistenceNetmask,
                           destinations: destinations)
        }
    }
}

/// Identifies a virtual service in a table.
public struct ServiceKey: Hashable, Sendable, CustomStringConvertible {
    public var endpoint: ServiceEndpoint
    public var proto: ServiceProtocol

    public init(endpoint: ServiceEndpoint, proto: ServiceProtocol) {
        self.endpoint = endpoint
        self.proto = proto
    }

    public var description: String { "\(proto.rawValue) \(endpoint)" }
}
