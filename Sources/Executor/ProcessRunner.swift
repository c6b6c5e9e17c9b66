import CExecutorSupport
import Foundation

/// What to run and how long to let it run.
public struct ProcessSpec: Sendable {
    public var path: String
    public var arguments: [String]
    public var environment: [String: String]
    /// Bytes written to stdin, which is then closed; nil connects stdin to /dev/null.
    public var input: [UInt8]?
    public var timeoutMilliseconds: Int
    /// How long after SIGTERM the process group gets SIGKILL.
    public var killGraceMilliseconds: Int
    public var captureLimit: Int

    public init(path: String, arguments: [String], environment: [String: String], input: [UInt8]? = nil,
                timeoutMilliseconds: Int, killGraceMilliseconds: Int = 2000, captureLimit: Int = 65_536) {
        self.path = path
        self.arguments = arguments
        self.environment = environment
        self.input = input
        self.timeoutMilliseconds = timeoutMilliseconds
        self.killGraceMilliseconds = killGraceMilliseconds
        self.captureLimit = captureLimit
    }
}

/// How a process ended.
public enum Termination: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    /// Killed (with its whole process group) at the timeout.
    case timedOut
    /// It could not be started (errno text).
    case spawnFailed(String)
}

/// What a finished process left behind.
public struct ProcessOutcome: Sendable {
    public var termination: Termination
    public var stdout: CapturedOutput
    public var stderr: CapturedOutput
    public var pid: pid_t?
    public var elapsedMilliseconds: Int
}

/// Runs one process as the leader of its own session and process group: stdout and stderr are
/// read through poll() together with a pidfd, so the process is reaped the moment it exits even
/// if a daemon it forked keeps the pipes open.
public enum ProcessRunner {
    /// Starts `spec` at once, then waits for it on a supervisor thread, off the cooperative pool
    /// (see `SupervisorThreads`): the process is already running while that thread gets ready.
    public static func run(_ spec: ProcessSpec) async -> ProcessOutcome {
        _ = ignoreBrokenPipes
        let started = monotonicMilliseconds()
        switch launch(spec) {
        case .failed(let outcome):
            return outcome
        case .running(let process):
            return await withCheckedContinuation { continuation in
                SupervisorThreads.shared.run { continuation.resume(returning: finish(process, spec: spec, started: started)) }
            }
        }
    }

    /// A fence agent that exits before reading its options must not kill the executor.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    static func runBlocking(_ spec: ProcessSpec) -> ProcessOutcome {
        let started = monotonicMilliseconds()
        switch launch(spec) {
        case .failed(let outcome): return outcome
        case .running(let process): return finish(process, spec: spec, started: started)
        }
    }

    /// A started process: its pid and the read ends of its stdout and stderr.
    private struct Launched: Sendable {
        var pid: pid_t
        var stdout: Int32
        var stderr: Int32
    }

    private enum Launch {
        case failed(ProcessOutcome)
        case running(Launched)
    }

    /// Spawns the process with its pipes and writes its stdin; does not wait.
    private static func launch(_ spec: ProcessSpec) -> Launch {
        var failed = ProcessOutcome(termination: .spawnFailed(""), stdout: CapturedOutput(limit: spec.captureLimit),
                                    stderr: CapturedOutput(limit: spec.captureLimit), pid: nil, elapsedMilliseconds: 0)
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1], input: [Int32] = [-1, -1]
        guard halyard_pipe_cloexec(&out) == 0, halyard_pipe_cloexec(&err) == 0 else {
            failed.termination = .spawnFailed(errorText(errno))
            closeAll(out + err)
            return .failed(failed)
        }
        if spec.input != nil {
            _ = halyard_pipe_cloexec(&input)
        } else {
            input[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        var spawnError: Int32 = 0
        let pid = ChildReaper.shared.spawnTracked {
            var pid: pid_t = 0
            spawnError = withCStrings([spec.path] + spec.arguments) { argv in
                withCStrings(spec.environment.map { "\($0.key)=\($0.value)" }.sorted()) { envp in
                    halyard_spawn(spec.path, argv, envp, input[0], out[1], err[1], &pid)
                }
            }
            return spawnError == 0 ? pid : nil
        }
        closeAll([input[0], out[1], err[1]])
        guard let pid else {
            failed.termination = .spawnFailed(errorText(spawnError))
            closeAll([input[1], out[0], err[0]])
            return .failed(failed)
        }
        if let bytes = spec.input {
            _ = fcntl(input[1], F_SETFL, fcntl(input[1], F_GETFL) | O_NONBLOCK)
            writeAll(bytes, to: input[1])
        }
        closeAll([input[1]])
        return .running(Launched(pid: pid, stdout: out[0], stderr: err[0]))
    }

    /// Waits for a launched process (blocking), collecting its output.
    private static func finish(_ process: Launched, spec: ProcessSpec, started: Int) -> ProcessOutcome {
        var outputs = [CapturedOutput(limit: spec.captureLimit), CapturedOutput(limit: spec.captureLimit)]
        let (status, forced) = supervise(pid: process.pid, spec: spec, streams: [process.stdout, process.stderr], outputs: &outputs)
        let termination = forced ?? ((status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f))
        return ProcessOutcome(termination: termination, stdout: outputs[0], stderr: outputs[1], pid: process.pid,
                              elapsedMilliseconds: monotonicMilliseconds() - started)
    }

    /// Reads output until the process exits, enforcing the timeout; returns the wait status and,
    /// when the executor ended the process itself, why (timed out, or no pidfd to watch it with).
    private static func supervise(pid: pid_t, spec: ProcessSpec, streams: [Int32],
                                  outputs: inout [CapturedOutput]) -> (status: Int32, forced: Termination?) {
        var streams = streams
        let pidfd = halyard_pidfd_open(pid)
        guard pidfd >= 0 else {
            // Without a pidfd (Linux < 5.3) the timeout cannot be enforced: refuse to run.
            let reason = Termination.spawnFailed("pidfd_open: \(errorText(errno))")
            kill(-pid, SIGKILL)
            streams.forEach { close($0) }
            return (ChildReaper.shared.reap(pid), reason)
        }
        for fd in streams { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var buffer = [UInt8](unsafeUninitializedCapacity: 65_536) { _, count in count = 65_536 }
        var deadline = monotonicMilliseconds() + spec.timeoutMilliseconds
        var signalled = false
        var exited = false
        while !exited {
            var fds = streams.filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            fds.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0))
            let wait = max(0, deadline - monotonicMilliseconds())
            let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: wait))
            if ready == 0 {
                if !signalled {
                    kill(-pid, SIGTERM)
                    deadline = monotonicMilliseconds() + spec.killGraceMilliseconds
                    signalled = true
                } else {
                    kill(-pid, SIGKILL)
                    deadline = Int.max / 2
                }
                continue
            }
            for index in streams.indices where streams[index] >= 0 {
                if let entry = fds.first(where: { $0.fd == streams[index] }), entry.revents != 0,
                   !drain(streams[index], into: &outputs[index], buffer: &buffer) {
                    close(streams[index])
                    streams[index] = -1
                }
            }
            exited = fds.last!.revents != 0
        }
        close(pidfd)
        let status = ChildReaper.shared.reap(pid)
        if signalled { kill(-pid, SIGKILL) }
        for index in streams.indices where streams[index] >= 0 {
            _ = drain(streams[index], into: &outputs[index], buffer: &buffer)
            close(streams[index])
        }
        return (status, signalled ? .timedOut : nil)
    }

    /// Reads what is available (through `buffer`); false at end of file or on error.
    private static func drain(_ fd: Int32, into output: inout CapturedOutput, buffer: inout [UInt8]) -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.withUnsafeBytes { output.append(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            } else if count == 0 {
                return false
            } else {
                return errno == EAGAIN || errno == EINTR
            }
        }
    }

    /// Writes what the pipe takes without blocking; an agent that does not read loses the rest.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 { offset += written } else if errno != EINTR { return }
        }
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    /// Calls `body` with a NULL-terminated C array of copies of `strings`.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
