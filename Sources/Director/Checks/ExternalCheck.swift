import Executor
import Foundation

/// Checks run as programs, through the executor's process runner (own process group, killed
/// with its group at the timeout).
///
/// An external check (ldirectord `external`, keepalived `MISC_CHECK`) gets the configured words
/// followed by Solaris ILB's arguments: `$1` VIP, `$2` real server IP, `$3` protocol, `$4` port,
/// `$5` timeout in seconds. Exit 0 means up, any other exit, a signal or the timeout means
/// down (keepalived's MISC_CHECK semantics); the first line of stdout is the result shown.
enum ExternalCheck {
    static func run(_ target: CheckTarget, command: String) async throws -> String {
        guard let words = ConfigTokens.words(Substring(command)), let program = words.first else {
            throw CheckFailure("cannot read the check command \"\(command)\"")
        }
        let timeout = target.check.timeoutMilliseconds
        let arguments = Array(words.dropFirst()) + [
            target.key.service.host, target.host, target.key.proto.rawValue,
            target.port.map(String.init) ?? "", String(max(1, timeout / 1000)),
        ]
        return try await execute(program, arguments, timeoutMilliseconds: timeout)
    }

    /// ICMP echo through the system's `ping` (it holds the privilege raw sockets need).
    static func ping(_ target: CheckTarget) async throws -> String {
        let seconds = String(max(1, target.check.timeoutMilliseconds / 1000))
        return try await execute("ping", ["-n", "-q", "-c", "1", "-W", seconds, target.host],
                                 timeoutMilliseconds: target.check.timeoutMilliseconds + 500)
    }

    private static func execute(_ program: String, _ arguments: [String], timeoutMilliseconds: Int) async throws -> String {
        guard let path = locate(program) else { throw CheckFailure("\(program) not found or not executable") }
        let spec = ProcessSpec(path: path, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                               timeoutMilliseconds: timeoutMilliseconds, killGraceMilliseconds: 1000, captureLimit: 4096)
        let outcome = await ProcessRunner.run(spec)
        let shown = outcome.stdout.text.split(separator: "\n").first.map(String.init) ?? ""
        let said = shown.isEmpty ? "" : ": \(shown)"
        switch outcome.termination {
        case .exited(0): return "exit 0\(said)"
        case .exited(let code): throw CheckFailure("exit \(code)\(said)")
        case .signalled(let signal): throw CheckFailure("killed by signal \(signal)\(said)")
        case .timedOut: throw CheckFailure("timed out after \(timeoutMilliseconds) ms\(said)")
        case .spawnFailed(let reason): throw CheckFailure("cannot run \(path): \(reason)")
        }
    }

    /// An absolute path as given, else the first executable of that name on PATH (then in the sbin directories).
    static func locate(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let directories = ((ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin").split(separator: ":")
        return directories.map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
