import ArgumentParser
import Foundation

/// `crmctl sandbox …`: the lab cluster of Scripts/lab/sandbox-cluster.sh (a development checkout
/// only), run with the crmd and crmctl built beside this crmctl.
struct SandboxCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "A whole cluster on this machine: lab nodes with corosync, crmd and real services (root).",
        discussion: """
            up [--nodes N]   build N lab nodes (3-9), load Examples/sandbox.crm, wait until every service answers
            status | check   crmctl status through a live node; HTTP, DNS and SMTP on the floating IPs
            kill NODE        power NODE off (it is fenced, its services move); start NODE powers it on
            crash NODE       kill -9 NODE's crmd (the node is fenced, its services move)
            partition NODE   cut NODE off from the other nodes; heal NODE undoes it
            down             remove every namespace and process the sandbox made
            """)

    @Argument(help: "up, down, status, check, kill, crash, start, partition or heal.")
    var action: String

    @Argument(help: "The node, for kill, crash, start, partition and heal.")
    var node: String?

    @Option(help: "How many nodes `up` builds.")
    var nodes = 3

    func validate() throws {
        let needsNode = ["kill", "crash", "start", "partition", "heal"]
        guard (["up", "down", "status", "check"] + needsNode).contains(action) else {
            throw ValidationError("unknown sandbox action \"\(action)\"")
        }
        if needsNode.contains(action), node == nil { throw ValidationError("\(action) needs a node (n1, n2, …)") }
    }

    func run() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        guard let script = Self.script(near: executable) else {
            throw ValidationError("Scripts/lab/sandbox-cluster.sh not found: the sandbox runs from a development checkout")
        }
        let binaries = executable.deletingLastPathComponent()
        setenv("CRMCTL", binaries.appendingPathComponent("crmctl").path, 0)
        setenv("CRMD", binaries.appendingPathComponent("crmd").path, 0)
        let words = [action] + (action == "up" ? [String(nodes)] : [node].compactMap { $0 })
        let argv = (["/bin/bash", script] + words).map { strdup($0) } + [nil]
        execv("/bin/bash", argv)
        throw ValidationError("cannot run \(script): \(String(cString: strerror(errno)))")
    }

    /// The checkout's sandbox script above the running executable, if any.
    static func script(near executable: URL) -> String? {
        var url = executable
        for _ in 0..<6 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Scripts/lab/sandbox-cluster.sh").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }
}
