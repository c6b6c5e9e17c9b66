import Executor
import Foundation

/// HTTPS GET check: the request and the verdict of `HTTPCheck`, carried over TLS by the
/// system's `openssl s_client` (run through the executor's process runner, killed with its
/// process group at the check's timeout). The server's certificate is not verified, as
/// ldirectord and keepalived do not verify it either; the virtual host is also sent as SNI.
enum HTTPSCheck {
    static func run(_ target: CheckTarget, port: Int) async throws -> String {
        guard let openssl = ExternalCheck.locate("openssl") else { throw CheckFailure("HTTPS checks need the openssl command, which is not installed") }
        let host = target.host.contains(":") ? "[\(target.host)]:\(port)" : "\(target.host):\(port)"
        // -quiet: only the server's bytes on stdout, and stay after the request until the server closes.
        var arguments = ["s_client", "-connect", host, "-quiet"]
        if let name = target.check.virtualHost.map(serverName), !name.isEmpty, !name.allSatisfy({ $0.isNumber || $0 == "." }) {
            arguments += ["-servername", name]
        }
        let timeout = target.check.timeoutMilliseconds
        let spec = ProcessSpec(path: openssl, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                               input: Array(HTTPCheck.request(for: target, port: port, defaultPort: 443).utf8),
                               timeoutMilliseconds: timeout, killGraceMilliseconds: 500, captureLimit: HTTPCheck.bodyLimit)
        let outcome = await ProcessRunner.run(spec)
        let response = outcome.stdout.text
        switch outcome.termination {
        case .timedOut: throw CheckFailure("timed out after \(timeout) ms")
        case .spawnFailed(let reason): throw CheckFailure("cannot run \(openssl): \(reason)")
        case .exited, .signalled:
            guard !response.isEmpty else { throw CheckFailure("TLS: \(reason(outcome.stderr.text))") }
            return try HTTPCheck.judge(response, check: target.check)
        }
    }

    /// The host part of a `virtualhost` that may carry a port.
    private static func serverName(_ virtualHost: String) -> String {
        virtualHost.split(separator: ":").first.map(String.init) ?? virtualHost
    }

    /// The line of openssl's complaint that says what went wrong.
    private static func reason(_ stderr: String) -> String {
        let lines = stderr.split(separator: "\n").map(String.init)
        let error = lines.first { $0.contains("error") || $0.contains("errno") || $0.contains("refused") } ?? lines.last
        return error.map { String($0.prefix(200)) } ?? "no response"
    }
}
