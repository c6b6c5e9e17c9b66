import Foundation

/// The answer an IPC connection thread waits for while its request travels through the cluster.
final class PendingReply: @unchecked Sendable {
    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private var reply: AdminReply?  // guarded by `lock`

    func fulfil(_ value: AdminReply) {
        lock.withLock { reply = value }
        ready.signal()
    }

    /// The reply, or nil if none came within `seconds`.
    func wait(seconds: Int) -> AdminReply? {
        guard ready.wait(timeout: .now() + .seconds(seconds)) == .success else { return nil }
        return lock.withLock { reply }
    }
}
