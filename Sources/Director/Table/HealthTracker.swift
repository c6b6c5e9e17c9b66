/// Whether a real server gets traffic, decided from its check results: down after
/// `failuresBeforeDown` consecutive failures, up again at the first success. Pure.
public struct HealthTracker: Sendable {
    /// The health of one real server.
    public struct State: Hashable, Sendable {
        public var isUp: Bool
        public var consecutiveFailures: Int
        /// The last check's outcome, for `ldirector status`.
        public var lastResult: CheckResult?
    }

    /// A change of a server's health, for logs and alerts.
    public struct Transition: Hashable, Sendable {
        public var server: RealServerKey
        public var isUp: Bool
        public var reason: String
    }

    public private(set) var states: [RealServerKey: State] = [:]

    /// Servers are unknown (and get no traffic) until their first check.
    public init() {}

    public func isUp(_ server: RealServerKey) -> Bool { states[server]?.isUp ?? false }

    /// Records a check result; returns the transition when the server's health changed. The first
    /// result of a server always decides its state (and is reported); after that an up server
    /// goes down only after `failuresBeforeDown` consecutive failures.
    public mutating func record(_ result: CheckResult, for server: RealServerKey, failuresBeforeDown: Int) -> Transition? {
        guard var state = states[server] else {
            states[server] = State(isUp: result.passed, consecutiveFailures: result.passed ? 0 : 1, lastResult: result)
            return Transition(server: server, isUp: result.passed, reason: result.detail)
        }
        state.lastResult = result
        state.consecutiveFailures = result.passed ? 0 : state.consecutiveFailures + 1
        let wasUp = state.isUp
        state.isUp = result.passed || (wasUp && state.consecutiveFailures < failuresBeforeDown)
        states[server] = state
        return state.isUp == wasUp ? nil : Transition(server: server, isUp: state.isUp, reason: result.detail)
    }

    /// Forgets servers no longer configured (after a reload).
    public mutating func retain(only servers: Set<RealServerKey>) {
        states = states.filter { servers.contains($0.key) }
    }
}

/// The outcome of one health check.
public struct CheckResult: Hashable, Sendable {
    public var passed: Bool
    /// What was seen ("connected", "HTTP 503", "timed out after 3 s", "exit 1: …").
    public var detail: String

    public init(passed: Bool, detail: String) {
        self.passed = passed
        self.detail = detail
    }
}

/// Identifies a real server within a virtual service.
public struct RealServerKey: Hashable, Sendable, CustomStringConvertible {
    public var service: ServiceEndpoint
    public var proto: ServiceProtocol
    public var server: ServiceEndpoint

    public init(service: ServiceEndpoint, proto: ServiceProtocol, server: ServiceEndpoint) {
        self.service = service
        self.proto = proto
        self.server = server
    }

    public var description: String { "\(proto.rawValue) \(service) → \(server)" }
}
