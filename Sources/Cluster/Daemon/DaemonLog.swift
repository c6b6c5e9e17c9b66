import Foundation

/// crmd's log: one plain line per message on stderr, `2025-01-31T12:00:00.123Z crmd[PID] LEVEL: text`.
public final class DaemonLog: @unchecked Sendable {
    /// How much a line matters.
    public enum Level: String, Sendable {
        case info, notice, warning, error
    }

    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// Writes to stderr, or to `write` (tests).
    public init(write: (@Sendable (String) -> Void)? = nil) {
        self.write = write ?? { FileHandle.standardError.write(Data($0.utf8)) }
    }

    public func callAsFunction(_ level: Level, _ message: String) {
        lock.withLock {
            write("\(formatter.string(from: Date())) crmd[\(getpid())] \(level.rawValue): \(message)\n")
        }
    }
}
