import Cluster
import ClusterIPC
import Foundation

/// One crmd per lab node, each reaching its node's corosync (`--network-namespace`), with its
/// own state directory, socket and log under `directory`. Every pid is recorded; `down` stops
/// exactly those.
final class CRMDNodes {
    let directory: String
    let lab: CorosyncLab
    let crmd: String
    private(set) var pids: [Int: pid_t] = [:]

    init(lab: CorosyncLab, crmd: String) throws {
        self.lab = lab
        self.crmd = crmd
        directory = NSTemporaryDirectory() + "halyard-crmd-lab-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
    }

    func socket(_ node: Int) -> String { directory + "/n\(node)/crmd.sock" }
    func stateDirectory(_ node: Int) -> String { directory + "/n\(node)/state" }
    func logPath(_ node: Int) -> String { directory + "/n\(node)/crmd.log" }
    /// Where node `node`'s agents keep their state (the Dummy agent's `Dummy-ID.state` files).
    func resourceDirectory(_ node: Int) -> String { directory + "/n\(node)/resources" }

    /// The nodes on which the Dummy resource `id` runs (its state file exists there).
    func nodes(running id: String) -> [Int] {
        (1...3).filter { FileManager.default.fileExists(atPath: resourceDirectory($0) + "/Dummy-\(id).state") }
    }
    var logs: String { pids.keys.sorted().map { "--- n\($0)\n" + ((try? String(contentsOfFile: logPath($0), encoding: .utf8)) ?? "") }.joined() }

    /// Starts node `node`'s crmd and waits until its socket answers.
    func start(_ node: Int) throws {
        try FileManager.default.createDirectory(atPath: resourceDirectory(node), withIntermediateDirectories: true)
        pids[node] = try ChildProcess.spawn([
            crmd, "--state-dir", stateDirectory(node), "--socket", socket(node), "--cpg-group", "halyard-crmd-test",
            "--network-namespace", lab.namespacePath(node), "--node-name", "n\(node)",
            "--resource-state-dir", resourceDirectory(node), "--shutdown-timeout", "5",
        ], output: logPath(node))
        let deadline = Date().addingTimeInterval(10)
        while (try? IPCClient.call(.load, socketPath: socket(node))) == nil {
            guard Date() < deadline else { throw LabError(message: "crmd on n\(node) did not answer on its socket") }
            usleep(50_000)
        }
    }

    /// SIGKILLs node `node`'s crmd (by its recorded pid) and reaps it.
    func kill(_ node: Int) {
        guard let pid = pids.removeValue(forKey: node) else { return }
        Glibc.kill(pid, SIGKILL)
        ChildProcess.wait(pid)
    }

    /// Stops every recorded crmd (SIGTERM, reaped) and removes the directory.
    func down() {
        for (_, pid) in pids { ChildProcess.stop(pid) }
        pids = [:]
        try? FileManager.default.removeItem(atPath: directory)
    }
}
