/// How bad a failure is, as Pacemaker's recovery sees it: soft restarts or moves the
/// resource, hard bans it from this node, fatal stops it everywhere.
public enum FailureSeverity: String, Sendable, Equatable {
    case soft, hard, fatal
}

/// The meaning of an operation's result.
public enum ResultClass: Sendable, Equatable, CustomStringConvertible {
    /// Did what was asked (for monitors: running; 8 = running promoted).
    case success
    /// Running but likely to fail (190/191); counts as success.
    case degraded
    /// A probe (or a fence agent's status) found it cleanly stopped.
    case notRunning
    /// A recurring operation the agent does not implement (rc 3): no recovery.
    case notSupported
    case failure(FailureSeverity)

    /// Success, degraded, or a probe finding nothing running: no recovery needed.
    public var isOK: Bool {
        switch self {
        case .success, .degraded, .notRunning: true
        case .notSupported, .failure: false
        }
    }

    public var description: String {
        switch self {
        case .success: "success"
        case .degraded: "degraded"
        case .notRunning: "not running"
        case .notSupported: "not supported"
        case .failure(let severity): "\(severity.rawValue) failure"
        }
    }
}

/// Classifies results with Pacemaker's semantics (lib/pengine/unpack.c, lib/common/probes.c).
public enum ResultClassifier {
    /// The class of an OCF (or mapped LSB) exit code for `action` at `intervalMilliseconds`.
    public static func classify(ocf code: Int32, action: String, intervalMilliseconds: Int) -> ResultClass {
        let probe = action == "monitor" && intervalMilliseconds == 0
        switch code {
        case OCFExitCode.success, OCFExitCode.runningPromoted: return .success
        case OCFExitCode.degraded, OCFExitCode.degradedPromoted: return .degraded
        case OCFExitCode.notRunning where probe: return .notRunning
        case OCFExitCode.notRunning where action == "stop": return .success
        case OCFExitCode.errArgs where probe, OCFExitCode.errInstalled where probe: return .notRunning
        case OCFExitCode.errUnimplemented where intervalMilliseconds > 0: return .notSupported
        case OCFExitCode.errArgs, OCFExitCode.errUnimplemented, OCFExitCode.errPerm, OCFExitCode.errInstalled:
            return .failure(.hard)
        case OCFExitCode.errConfigured: return .failure(.fatal)
        default: return .failure(.soft)
        }
    }

    /// A fence agent's result: 0 is success; `status` (and `monitor` of a single port) answers
    /// 2 for "off"; anything else failed.
    public static func classify(fence code: Int32, action: String) -> ResultClass {
        switch (code, action) {
        case (0, _): .success
        case (2, "status"), (2, "monitor"): .notRunning
        default: .failure(.soft)
        }
    }

    /// The class of any operation's result: completed results by their exit code (OCF table for
    /// OCF and LSB agents, fence table for fence agents); a missing agent is "not installed" (a
    /// probe then finds nothing running); timeouts, crashes and spawn errors are soft failures.
    public static func classify(_ status: ExecutionStatus, exitCode: Int32, isFence: Bool,
                                action: String, intervalMilliseconds: Int) -> ResultClass {
        switch status {
        case .done:
            return isFence ? classify(fence: exitCode, action: action)
                : classify(ocf: exitCode, action: action, intervalMilliseconds: intervalMilliseconds)
        case .notInstalled:
            return action == "monitor" && intervalMilliseconds == 0 && !isFence ? .notRunning : .failure(.hard)
        case .invalid:
            return .failure(.fatal)
        case .timedOut, .signalled, .spawnFailed:
            return .failure(.soft)
        }
    }
}
