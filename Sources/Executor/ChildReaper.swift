import CExecutorSupport
import Foundation

/// Keeps track of the agent processes this executor spawned and, once `adoptOrphans()` was
/// called, reaps every other child too: as a child subreaper the process inherits the orphaned
/// daemons and grandchildren of its agents, and reaps them at once instead of leaving them to
/// the host's PID 1. Only a process that owns all of its children (crmd, `crmctl agent`) may adopt.
public final class ChildReaper: @unchecked Sendable {
    /// The process-wide reaper.
    public static let shared = ChildReaper()

    private let condition = NSCondition()
    private var tracked = Set<pid_t>()
    private var adopting = false

    /// Becomes a child subreaper and starts reaping children nobody waits for.
    public func adoptOrphans() throws {
        condition.lock()
        defer { condition.unlock() }
        guard !adopting else { return }
        guard halyard_set_child_subreaper() == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
        adopting = true
        let thread = Thread { [self] in reapUntracked() }
        thread.name = "halyard-reaper"
        thread.stackSize = 1 << 17
        thread.start()
    }

    /// Runs `spawn` with the registry locked and records the pid it returns, so the orphan
    /// reaper can never take the exit status of a process that is about to be waited for.
    func spawnTracked(_ spawn: () -> pid_t?) -> pid_t? {
        condition.lock()
        defer { condition.unlock() }
        guard let pid = spawn() else { return nil }
        tracked.insert(pid)
        condition.broadcast()
        return pid
    }

    /// Waits for a tracked child and returns its raw wait status.
    func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        condition.lock()
        tracked.remove(pid)
        condition.broadcast()
        condition.unlock()
        return status
    }

    private func reapUntracked() {
        while true {
            let pid = halyard_wait_any_exited()
            condition.lock()
            if pid == -1 {
                if errno != EINTR { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.2)) }
            } else if tracked.contains(pid) {
                while tracked.contains(pid) { condition.wait() }
            } else {
                var status: Int32 = 0
                _ = waitpid(pid, &status, WNOHANG)
            }
            condition.unlock()
        }
    }
}
