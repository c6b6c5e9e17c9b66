import Foundation

/// Real corosync daemons, one per network namespace, driven through Scripts/lab/corosync-lab.sh
/// (which records every pid it starts and removes every namespace it made).
struct CorosyncLab {
    let script: String
    let nodes: Int
    /// Names the lab's namespaces and its state directory, so that labs of suites running at
    /// the same time do not meet.
    let prefix: String
    private let environment: [String: String]

    /// Why the lab cannot run here (not root, no `ip netns`, no corosync), or nil.
    static var unavailableReason: String? {
        guard getuid() == 0 else { return "not root" }
        guard run("/bin/sh", ["-c", "command -v corosync && command -v corosync-quorumtool"]) == 0 else { return "corosync is not installed" }
        guard run("/bin/sh", ["-c", "ip netns list"]) == 0 else { return "`ip netns` is unavailable" }
        return nil
    }

    /// Builds the lab and waits until every node is quorate. `prefix` and `subnet` (10.x.y) must
    /// differ between labs that may run at once.
    init(nodes: Int, prefix: String = "hcl", subnet: String = "10.79.0") throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        script = root.appendingPathComponent("Scripts/lab/corosync-lab.sh").path
        self.nodes = nodes
        self.prefix = prefix
        environment = ["LAB_PREFIX": prefix, "LAB_SUBNET": subnet, "LAB_BASE": "/tmp/halyard-cluster-lab-\(prefix)"]
        try command("up", "\(nodes)")
    }

    /// The namespace of node `index` (1-based), as `CPGTransport.Options.networkNamespace` wants it.
    func namespacePath(_ index: Int) -> String { "/run/netns/\(prefix)-n\(index)" }

    func kill(_ index: Int) throws { try command("kill", "\(index)") }
    func start(_ index: Int) throws { try command("start", "\(index)") }
    func down() { _ = Self.run(script, ["down"], environment: environment) }

    private func command(_ arguments: String...) throws {
        let status = Self.run(script, arguments, environment: environment)
        guard status == 0 else { throw LabError(message: "corosync-lab.sh \(arguments.joined(separator: " ")) exited \(status)") }
    }

    /// Runs a command to completion (posix_spawn + waitpid: Foundation's `Process` did not
    /// notice the script's exit here once it had started daemons).
    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) -> Int32 {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// A lab command that failed.
struct LabError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
