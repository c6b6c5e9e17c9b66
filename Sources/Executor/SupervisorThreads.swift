import Foundation

/// Long-lived threads for the blocking part of running a process (spawn, poll, reap), off the
/// cooperative pool. A job goes to an idle thread, or to a new thread when every one is busy,
/// so operations never wait for each other; a thread idle for a minute ends. Reusing threads
/// spares each operation a thread's creation, stack mapping and teardown.
final class SupervisorThreads: @unchecked Sendable {
    static let shared = SupervisorThreads()

    /// How long a thread waits for work before it ends.
    private static let idleSeconds = 60.0

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var idle = 0

    /// Runs `job` on a supervisor thread.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let startThread = jobs.count > idle
        condition.signal()
        condition.unlock()
        if startThread {
            let thread = Thread { [self] in work() }
            thread.name = "halyard-supervisor"
            thread.stackSize = 1 << 18
            thread.start()
        }
    }

    private func work() {
        while let job = nextJob() { job() }
    }

    /// The next job, or nil when none came for `idleSeconds`.
    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty {
            idle += 1
            let woken = condition.wait(until: Date(timeIntervalSinceNow: Self.idleSeconds))
            idle -= 1
            if !woken && jobs.isEmpty { return nil }
        }
        return jobs.removeFirst()
    }
}
