import Executor
import Foundation

/// Runs the administration tools (`ipvsadm`, `nft`) a kernel data plane drives; tests
/// substitute a runner that records the exact commands.
public protocol CommandRunning: Sendable {
    func run(_ command: [String], input: String?) async -> CommandOutput
}

/// How an administration command ended.
public struct CommandOutput: Equatable, Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The first line of stderr (else stdout), for error messages.
    public var reason: String {
        let text = stderr.isEmpty ? stdout : stderr
        return text.split(separator: "\n").first.map(String.init) ?? "exit status \(status)"
    }
}

/// Runs commands found on PATH through the executor's process runner, each with a timeout.
public struct SystemCommandRunner: CommandRunning {
    public var timeoutMilliseconds: Int

    public init(timeoutMilliseconds: Int = 10_000) { self.timeoutMilliseconds = timeoutMilliseconds }

    public func run(_ command: [String], input: String?) async -> CommandOutput {
        guard let program = command.first, let path = ExternalCheck.locate(program) else {
            return CommandOutput(status: 127, stderr: "\(command.first ?? "") is not installed")
        }
        let spec = ProcessSpec(path: path, arguments: Array(command.dropFirst()), environment: ProcessInfo.processInfo.environment,
                               input: input.map { Array($0.utf8) }, timeoutMilliseconds: timeoutMilliseconds)
        let outcome = await ProcessRunner.run(spec)
        let status: Int32 = switch outcome.termination {
        case .exited(let code): code
        case .signalled, .timedOut: 124
        case .spawnFailed: 127
        }
        return CommandOutput(status: status, stdout: outcome.stdout.text, stderr: outcome.stderr.text)
    }
}
