/// Runs the check a real server is configured with: connect, the service's protocol
/// (HTTP, HTTPS, SMTP, DNS), an external program, ping, or the fixed answers `on`/`off`.
public struct HealthCheckRunner: HealthChecking {
    public init() {}

    public func check(_ target: CheckTarget) async -> CheckResult {
        do {
            return CheckResult(passed: true, detail: try await run(target))
        } catch let failure as CheckFailure {
            return CheckResult(passed: false, detail: failure.detail)
        } catch {
            return CheckResult(passed: false, detail: "\(error)")
        }
    }

    private func run(_ target: CheckTarget) async throws -> String {
        let port = target.port
        switch target.check.kind {
        case .always(let up):
            guard up else { throw CheckFailure("checktype=off") }
            return "checktype=on"
        case .ping:
            return try await ExternalCheck.ping(target)
        case .external(let command):
            return try await ExternalCheck.run(target, command: command)
        case .connect, .negotiate:
            guard let port else { throw CheckFailure("no port to check") }
            return try await negotiate(target, port: port)
        }
    }

    private func negotiate(_ target: CheckTarget, port: Int) async throws -> String {
        switch target.check.kind {
        case .negotiate(.http): return try await HTTPCheck.run(target, port: port)
        case .negotiate(.smtp): return try await SMTPCheck.run(target, port: port)
        case .negotiate(.dns): return try await DNSCheck.run(target, port: port)
        case .negotiate(.https): return try await HTTPSCheck.run(target, port: port)
        default:
            return try await TCPConversation.run(host: target.host, port: port, timeoutMilliseconds: target.check.timeoutMilliseconds) { _ in "connected" }
        }
    }
}
