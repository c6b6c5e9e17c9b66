import Foundation

/// A lab node for one test: its own network namespace (loopback only) and pid/mount/uts
/// namespaces whose init is Halyard's lab-node-init, powered on through the fence_lab agent.
/// Powered off and deleted when released.
final class LabNode: @unchecked Sendable {
    static let agentsTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Agents"

    let name: String
    let stateDirectory: String
    private(set) var initPID: Int32 = 0

    init(stateDirectory: String) throws {
        name = "hxn-" + String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        self.stateDirectory = stateDirectory
        for step in [["netns", "add", name], ["-n", name, "link", "set", "lo", "up"]] {
            guard try runProcess("/usr/sbin/ip", step).status == 0 else { throw LabError("ip \(step.joined(separator: " ")) failed") }
        }
        let on = try fence("on")
        guard on.status == 0 else {
            _ = try? runProcess("/usr/sbin/ip", ["netns", "delete", name])
            throw LabError("fence_lab on \(name) failed: \(on.output)")
        }
        try readInitPID()
    }

    deinit {
        _ = try? fence("off")
        _ = try? runProcess("/usr/sbin/ip", ["netns", "delete", name])
    }

    /// Runs fence_lab with `action` for this node (options on stdin).
    func fence(_ action: String) throws -> ProcessRun {
        try runProcess("/bin/sh", ["-c", "printf 'action=%s\\nport=%s\\nstate_dir=%s\\n' \"$0\" \"$1\" \"$2\" | \"$3\"",
                                   action, name, stateDirectory, Self.agentsTree + "/fence/fence_lab"])
    }

    /// Runs a command inside the node (all of its namespaces).
    func run(_ arguments: [String]) throws -> ProcessRun {
        try runProcess("/usr/bin/nsenter", ["-t", String(initPID), "-m", "-u", "-p", "-n"] + arguments)
    }

    func readInitPID() throws {
        let record = (try? String(contentsOfFile: "\(stateDirectory)/\(name)/init.pid", encoding: .utf8)) ?? ""
        guard let pid = record.split(separator: " ").first.flatMap({ Int32($0) }) else { throw LabError("no init.pid for \(name)") }
        initPID = pid
    }

    /// Why lab nodes cannot run here, or nil.
    static let unavailable: String? = {
        if let reason = LabNetwork.unavailable { return reason }
        for tool in ["/usr/bin/nsenter", "/usr/bin/unshare"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "lab nodes need \(tool)"
        }
        return nil
    }()
}

/// A lab set-up step that failed.
struct LabError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
