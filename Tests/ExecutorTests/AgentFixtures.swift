import Foundation
@testable import Executor

/// A temporary OCF root (`resource.d/test/…`), an LSB directory and a fence directory holding
/// the test agents; removed when released. Tests keep it alive to their end
/// (`defer { withExtendedLifetime(fixtures) {} }`): Swift may release it right after its last
/// use, and the agents it wrote would vanish while they still run (a CI run saw all four
/// operations of `operationsOnOneResourceRunOneAtATime` fail that way).
final class AgentFixtures: @unchecked Sendable {
    let root = NSTemporaryDirectory() + "executor-test-" + UUID().uuidString

    init() {
        for directory in ["resource.d/test", "init.d", "fence", "work"] {
            try? FileManager.default.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A scratch directory for the agents' files.
    var work: String { root + "/work" }

    var locator: AgentLocator {
        AgentLocator(ocfRoots: [root], lsbDirectory: root + "/init.d", fenceDirectories: [root + "/fence"])
    }

    func runner(killGraceMilliseconds: Int = 300, captureLimit: Int = 64 * 1024) -> AgentRunner {
        AgentRunner(locator: locator, captureLimit: captureLimit, killGraceMilliseconds: killGraceMilliseconds)
    }

    /// Writes an executable bash script at `relativePath` under the root.
    @discardableResult
    func script(_ relativePath: String, _ body: String) -> String {
        let path = "\(root)/\(relativePath)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(("#!/bin/bash\n" + body + "\n").utf8),
                                       attributes: [.posixPermissions: 0o755])
        return path
    }

    /// An OCF agent `ocf:test:NAME`.
    func ocf(_ name: String, _ body: String) -> AgentReference {
        script("resource.d/test/\(name)", body)
        return .ocf(provider: "test", type: name)
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: "\(work)/\(name)", encoding: .utf8)) ?? ""
    }

    func write(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: "\(work)/\(name)", contents: Data(text.utf8))
    }
}

/// True while `pid` names a live process (a zombie counts as dead).
func processIsAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}

/// Polls `condition` every 20 ms for up to `seconds`; returns whether it became true.
func eventually(within seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

/// What a finished helper process printed (stdout and stderr together) and its pid.
struct ProcessRun {
    var status: Int32
    var output: String
    var pid: Int32
}

/// Runs `executable` to completion with the executor's own spawner: every descriptor above 2
/// is closed in the child, and only the process itself is waited for, so a daemon it leaves
/// behind can neither hold the output pipe open nor inherit another test's pipes.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessRun {
    let spec = ProcessSpec(path: executable, arguments: arguments,
                           environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                           input: nil, timeoutMilliseconds: 600_000, killGraceMilliseconds: 1_000, captureLimit: 1 << 20)
    let outcome = ProcessRunner.runBlocking(spec)
    let status: Int32
    switch outcome.termination {
    case .exited(let code): status = code
    case .signalled(let signal): status = 128 + signal
    case .timedOut: status = 124
    case .spawnFailed(let detail): throw LabError("cannot run \(executable): \(detail)")
    }
    return ProcessRun(status: status, output: outcome.stdout.text + outcome.stderr.text, pid: outcome.pid ?? 0)
}
