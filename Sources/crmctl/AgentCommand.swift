import ArgumentParser
import Executor
import Foundation
import HalyardModel

/// `crmctl agent`: list, describe, run and test resource and fence agents on this node.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "List, describe, run and test resource and fence agents.",
        discussion: """
            Agents are searched in $HALYARD_AGENTS (or the checkout's Agents/ tree), then /usr/lib/ocf
            (OCF), /etc/init.d (LSB) and /usr/sbin (fence agents).
            """,
        subcommands: [AgentListCommand.self, AgentInfoCommand.self, AgentRunCommand.self, AgentTestCommand.self, AgentBenchCommand.self]
    )
}

/// The options shared by `agent run` and `agent test`: the agent and how to call it.
struct AgentCallOptions: ParsableArguments {
    @Argument(help: "The agent: ocf:PROVIDER:TYPE, lsb:NAME or stonith:NAME.")
    var agent: String

    @Option(name: [.customShort("p"), .customLong("param")], help: "An instance parameter, name=value (repeatable).")
    var parameters: [String] = []

    @Option(name: .customLong("meta"), help: "A meta-attribute, name=value (repeatable).")
    var meta: [String] = []

    @Option(help: "The resource instance name (OCF_RESOURCE_INSTANCE).")
    var resource: String?

    @Option(help: "OCF_CHECK_LEVEL for monitors (0, 10 or 20).")
    var checkLevel: String?

    /// The request the options describe, for `action` (timing filled in by the caller).
    func request(action: String) throws -> OperationRequest {
        let reference: AgentReference
        do { reference = try AgentReference(parsing: agent) } catch { throw ValidationError(error.description) }
        return OperationRequest(resource: resource ?? "test-\(reference.type)", agent: reference, action: action,
                                parameters: try Self.pairs(parameters, "--param"), meta: try Self.pairs(meta, "--meta"),
                                checkLevel: checkLevel, node: Self.nodeName())
    }

    /// This node's name as `uname -n` gives it (no name-service lookup).
    static func nodeName() -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
    }

    private static func pairs(_ texts: [String], _ option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("\(option) expects name=value, not '\(text)'")
            }
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return result
    }
}

/// Helpers for the agent subcommands.
enum AgentCLI {
    /// A runner over the standard search path, reaping orphaned agent children (subreaper).
    static func runner() -> AgentRunner {
        try? ChildReaper.shared.adoptOrphans()
        return AgentRunner(locator: .standard())
    }

    /// Runs `body` to completion from synchronous code (the command line is single-purpose).
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// An interval or timeout option (`20s`, `500ms`, `1m`) in milliseconds.
    static func milliseconds(_ text: String, _ option: String) throws -> Int {
        guard let value = HalyardModel.Duration.milliseconds(text) else { throw ValidationError("\(option): '\(text)' is not a duration") }
        return value
    }

    /// Prints a line; a closed stdout (`| head`) ends the command quietly.
    static func print(_ text: String) {
        do { try FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8)) } catch { exit(0) }
    }
}

/// Carries a value out of a task to the waiting thread (written once, read after the signal).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// `crmctl agent list`.
struct AgentListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the agents installed on this node.")

    @Option(help: "Only this class: ocf, lsb or stonith.")
    var standard: String?

    func run() throws {
        for agent in AgentLocator.standard().list() where standard == nil || agent.standard == standard {
            AgentCLI.print(agent.description)
        }
    }
}
