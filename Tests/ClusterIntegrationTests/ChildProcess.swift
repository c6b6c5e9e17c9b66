import Foundation

/// Programs the tests start, with posix_spawn + waitpid (Foundation's `Process` has hung here
/// when a child started daemons). Output goes to files, so nothing blocks on a full pipe.
enum ChildProcess {
    /// What a command printed and how it ended.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A built product of this package (crmd, crmctl), next to the test bundle.
    static func product(_ name: String) -> String? {
        let bundles = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        let argv0 = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        return (bundles + [argv0].compactMap { $0 }).map { $0.appendingPathComponent(name).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `argv` with stdout and stderr appended to `output`; returns its pid.
    static func spawn(_ argv: [String], output: String) throws -> pid_t {
        let args = argv.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.filter { $0.key != "CIB_file" }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (args + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, argv[0], &actions, nil, args, envp)
        guard failure == 0 else { throw LabError(message: "cannot start \(argv[0]): \(String(cString: strerror(failure)))") }
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal if killed).
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Sends SIGTERM, waits up to `seconds` for the exit, then SIGKILLs; returns the exit status.
    @discardableResult
    static func stop(_ pid: pid_t, seconds: Double = 5) -> Int32 {
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        return wait(pid)
    }

    /// Runs `argv` to completion, capturing stdout and stderr separately.
    static func run(_ argv: [String], scratch: String) throws -> Outcome {
        let out = scratch + "/out-\(UUID().uuidString)", err = out + ".err"
        defer { for path in [out, err] { unlink(path) } }
        let shell = ["/bin/sh", "-c", "exec \"$@\" 2>\"$0\"", err] + argv
        let status = wait(try spawn(shell, output: out))
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Outcome(status: status, stdout: read(out), stderr: read(err))
    }
}
