/// One real server's check as the scheduler runs it: where to connect and what to ask.
public struct CheckTarget: Hashable, Sendable {
    public var key: RealServerKey
    public var check: HealthCheck

    public init(key: RealServerKey, check: HealthCheck) {
        self.key = key
        self.check = check
    }

    /// The address checked: the real server's, on the check port when one is set.
    public var host: String { key.server.host }
    public var port: Int? { check.port ?? key.server.port ?? key.service.port }

    /// Every real server of `configuration` (fallbacks are not checked: they are the last resort).
    public static func all(in configuration: DirectorConfiguration) -> [CheckTarget] {
        configuration.services.flatMap { service in
            service.realServers.map { real in
                CheckTarget(key: RealServerKey(service: service.endpoint, proto: service.proto, server: real.endpoint), check: real.check)
            }
        }
    }
}

/// Runs one health check to its end (it never takes longer than the check's timeout).
public protocol HealthChecking: Sendable {
    func check(_ target: CheckTarget) async -> CheckResult
}

/// A check that failed, with what was seen.
struct CheckFailure: Error {
    var detail: String
    init(_ detail: String) { self.detail = detail }
}
