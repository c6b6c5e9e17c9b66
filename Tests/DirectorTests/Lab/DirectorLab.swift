import Director
import Executor
import Foundation

/// The director lab of Scripts/lab/director-lab.sh: a director and a client in network
/// namespaces, three backends as lab nodes running Debian's apache2 (HTTP :8080, HTTPS :8443),
/// postfix (:25) and named (:53), and the built `ldirector` in the director's namespace. The
/// script records every process it starts and stops them by pid; powering a node off kills
/// everything in it.
struct DirectorLab {
    static let prefix = "hdl"
    static let base = "/tmp/halyard-director-lab"
    static let vip = "10.77.1.100"
    let script: String
    let ldirector: String

    /// Why the lab cannot run here (not root, a tool or service missing, ldirector not built), or nil.
    static func unavailableReason() async -> String? {
        guard getuid() == 0 else { return "not root" }
        guard ldirectorPath != nil else { return "the ldirector binary is not built next to the tests" }
        let tools = ["nft", "nsenter", "unshare", "apache2", "postfix", "named", "dig", "openssl", "curl"].map { ($0, "command -v \($0)") }
        for (tool, probe) in [("ip netns", "ip netns list"), ("python3", "test -x /usr/bin/python3")] + tools {
            guard await run(["/bin/sh", "-c", probe]).status == 0 else { return "\(tool) is unavailable" }
        }
        return nil
    }

    /// The ldirector next to the test bundle (same build directory), if built.
    static let ldirectorPath: String? = {
        let bundles = (Bundle.allBundles + [Bundle.main]).map(\.bundleURL)
        let candidates = bundles.flatMap { [$0.deletingLastPathComponent(), $0] }.map { $0.appendingPathComponent("ldirector").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The lab, not yet built.
    init() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        script = root.appendingPathComponent("Scripts/lab/director-lab.sh").path
        ldirector = Self.ldirectorPath ?? "ldirector"
    }

    /// Builds the lab (tearing down a previous one) with every server running.
    func up() async throws { try await command(["up"]) }

    /// Stops every recorded process and deletes the namespaces.
    func down() async { _ = await Self.run([script, "down"], environment: environment) }

    /// Stops the recorded server `id` (b1-http, b2-smtp, …) by its pid.
    func stop(_ id: String) async throws { try await command(["stop", id]) }

    /// Starts server `id` again and waits until it listens.
    func start(_ id: String) async throws { try await command(["start", id]) }

    /// What `director-peer.py ROLE ARGS` prints in the client namespace, line by line.
    func client(_ arguments: String...) async throws -> [String] {
        try await command(["client"] + arguments).split(separator: "\n").map(String.init)
    }

    /// Starts `director-peer.py ROLE ARGS` in the client namespace in the background, recorded as `id`.
    func background(_ id: String, _ arguments: String...) async throws { try await command(["background", id] + arguments) }

    /// `ldirector -f CONFIG --data-plane PLANE ACTION` in the director namespace: exit status and output.
    @discardableResult
    func director(_ configuration: String, _ plane: String, _ action: String) async -> (status: Int32, output: String) {
        await Self.run([script, "ldirector", configuration, plane, action], environment: environment)
    }

    /// The first address `dig` gets for `name` from `server` in the client namespace (over TCP
    /// when `tcp`), or "none".
    func dig(_ server: String, _ name: String, tcp: Bool) async throws -> String {
        let arguments = ["exec", "cl", "dig", "+short", "+time=2", "+tries=1", tcp ? "+tcp" : "+notcp", "@\(server)", name, "A"]
        let outcome = await Self.run([script] + arguments, environment: environment)
        return outcome.output.split(separator: "\n").first.map(String.init).flatMap { $0.first?.isNumber == true ? $0 : nil } ?? "none"
    }

    /// The page at `url` fetched by curl in the client namespace (certificates not verified), trimmed.
    func fetch(_ url: String) async throws -> String {
        try await command(["exec", "cl", "curl", "-sk", "--max-time", "3", url]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `nft` in the director namespace; returns its exit status.
    func nft(_ arguments: String...) async -> Int32 {
        await Self.run([script, "exec", "dir", "nft"] + arguments, environment: environment).status
    }

    /// What the director of `configuration` published last, nil before its first table.
    func status(of configuration: String) -> DirectorStatus? {
        let name = URL(fileURLWithPath: configuration).deletingPathExtension().lastPathComponent
        return try? DirectorStatus.read(from: "\(Self.base)/run/ldirector-\(name).state")
    }

    private var environment: [String: String] {
        ["LAB_PREFIX": Self.prefix, "LAB_BASE": Self.base, "LAB_LDIRECTOR": ldirector]
    }

    @discardableResult
    private func command(_ arguments: [String]) async throws -> String {
        let outcome = await Self.run([script] + arguments, environment: environment)
        guard outcome.status == 0 else {
            throw LabError(message: "director-lab.sh \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.output)")
        }
        return outcome.output
    }

    /// Runs a command to completion through the executor's process runner: off Swift's
    /// cooperative pool (which the lab's waits must not starve), in a session of its own with
    /// default signal handling and none of this process's descriptors (a daemon inheriting a
    /// blocked SIGTERM or another test's open file would break it), and not waiting for the
    /// daemons it starts to close its output.
    static func run(_ command: [String], environment extra: [String: String] = [:]) async -> (status: Int32, output: String) {
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let spec = ProcessSpec(path: command[0], arguments: Array(command.dropFirst()), environment: environment, timeoutMilliseconds: 120_000)
        let outcome = await ProcessRunner.run(spec)
        let output = outcome.stdout.text + outcome.stderr.text
        switch outcome.termination {
        case .exited(let code): return (code, output)
        case .signalled(let signal): return (128 + signal, output)
        case .timedOut: return (124, "timed out after 120 s: \(output)")
        case .spawnFailed(let reason): return (127, reason)
        }
    }
}

/// A lab command that failed.
struct LabError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
