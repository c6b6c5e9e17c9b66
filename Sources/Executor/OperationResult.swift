/// Whether an operation ran to completion, and if not, why.
public enum ExecutionStatus: Sendable, Equatable, CustomStringConvertible {
    /// The agent exited; its (OCF-mapped) code is the result.
    case done
    /// Killed with its process group at the timeout.
    case timedOut
    /// Died from a signal.
    case signalled(Int32)
    /// The agent does not exist on this node.
    case notInstalled(String)
    /// The agent could not be started.
    case spawnFailed(String)
    /// The request was refused before anything ran.
    case invalid(String)

    public var description: String {
        switch self {
        case .done: "done"
        case .timedOut: "timed out"
        case .signalled(let signal): "killed by signal \(signal)"
        case .notInstalled(let detail): "not installed: \(detail)"
        case .spawnFailed(let detail): "could not start: \(detail)"
        case .invalid(let detail): "refused: \(detail)"
        }
    }
}

/// The result of one operation, with what the agent said.
public struct OperationResult: Sendable, Equatable {
    public var request: OperationRequest
    public var status: ExecutionStatus
    /// The exit code in OCF terms (LSB codes mapped); 1 when the agent did not complete,
    /// 5 when it is not installed, as Pacemaker reports them. Fence agents keep their own codes.
    public var exitCode: Int32
    public var classification: ResultClass
    /// The text after the last `ocf-exit-reason:` line on stderr.
    public var exitReason: String?
    public var stdout: CapturedOutput
    public var stderr: CapturedOutput
    public var pid: Int32?
    public var elapsedMilliseconds: Int

    /// What matters when deciding whether a recurring result changed.
    public var digest: ResultDigest { ResultDigest(status: status, exitCode: exitCode, exitReason: exitReason) }
}

/// The part of a result that decides whether it is news: status, code and exit reason.
public struct ResultDigest: Sendable, Equatable {
    public var status: ExecutionStatus
    public var exitCode: Int32
    public var exitReason: String?
}
