import Foundation

/// What a running director publishes for `ldirector status` and the OCF agent: written
/// atomically to `<run dir>/ldirector-<name>.state` (JSON) after every change.
public struct DirectorStatus: Codable, Equatable, Sendable {
    /// One real server's health and last check.
    public struct Server: Codable, Equatable, Sendable {
        public var service: String
        public var server: String
        public var up: Bool
        public var lastResult: String?
    }

    /// One row of the programmed table.
    public struct Destination: Codable, Equatable, Sendable {
        public var service: String
        public var server: String
        public var weight: Int
        public var fallback: Bool
    }

    public var pid: Int32
    public var configuration: String
    public var dataPlane: String
    /// The last data-plane error, nil once a table applied cleanly.
    public var dataPlaneError: String?
    public var table: [Destination]
    public var servers: [Server]
    /// The services of the table, for re-checking the data plane from another process.
    public var services: [String]

    public init(pid: Int32, configuration: String, dataPlane: String, dataPlaneError: String?, table: BalancerTable, health: HealthTracker,
                targets: [CheckTarget]) {
        self.pid = pid
        self.configuration = configuration
        self.dataPlane = dataPlane
        self.dataPlaneError = dataPlaneError
        self.table = table.services.flatMap { service in
            service.destinations.map { Destination(service: service.key.description, server: $0.endpoint.description, weight: $0.weight, fallback: $0.isFallback) }
        }
        servers = targets.map { target in
            let state = health.states[target.key]
            return Server(service: "\(target.key.proto.rawValue) \(target.key.service)", server: target.key.server.description,
                          up: state?.isUp ?? false, lastResult: state?.lastResult.map { "\($0.passed ? "ok" : "failed"): \($0.detail)" })
        }
        services = table.services.map(\.key.description)
    }

    /// The table as published (addresses and weights), for `DataPlane.verify` in another process.
    public var balancerTable: BalancerTable {
        BalancerTable(services: services.compactMap { text in
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let proto = ServiceProtocol(rawValue: parts[0]), let endpoint = ConfigTokens.endpoint(parts[1]) else { return nil }
            let destinations = table.filter { $0.service == text }.compactMap { row in
                ConfigTokens.endpoint(row.server).map {
                    BalancerTable.Destination(endpoint: $0, forwarding: .masq, weight: row.weight, isFallback: row.fallback)
                }
            }
            return BalancerTable.Service(endpoint: endpoint, proto: proto, scheduler: "rr", destinations: destinations)
        })
    }

    /// The human-readable report of `ldirector status`.
    public var report: String {
        var lines = ["ldirector \(pid): \(configuration), data plane \(dataPlane)"]
        if let dataPlaneError { lines.append("data plane error: \(dataPlaneError)") }
        lines.append("table:")
        for service in services {
            lines.append("  \(service)")
            for row in table where row.service == service {
                lines.append("    -> \(row.server) weight \(row.weight)\(row.fallback ? " (fallback)" : "")")
            }
        }
        lines.append("real servers:")
        for server in servers {
            lines.append("  \(server.service) -> \(server.server): \(server.up ? "up" : "down") (\(server.lastResult ?? "not checked yet"))")
        }
        return lines.joined(separator: "\n")
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func read(from path: String) throws -> DirectorStatus {
        try JSONDecoder().decode(DirectorStatus.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
