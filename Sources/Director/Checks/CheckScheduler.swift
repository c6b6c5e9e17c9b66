/// Runs each real server's check in a task of its own, at the check's interval (its retry
/// interval after a failure), and reports every result. Servers are checked concurrently: one
/// slow or silent server only ever delays its own next check.
public actor CheckScheduler {
    /// Receives each result as it arrives.
    public typealias Report = @Sendable (CheckTarget, CheckResult) async -> Void

    private let checker: any HealthChecking
    private let report: Report
    private var tasks: [CheckTarget: Task<Void, Never>] = [:]

    public init(checker: any HealthChecking, report: @escaping Report) {
        self.checker = checker
        self.report = report
    }

    /// Checks exactly `targets` from now on: new ones start at once, removed or changed ones
    /// stop, unchanged ones keep their rhythm.
    public func update(_ targets: [CheckTarget]) {
        let wanted = Set(targets)
        for (target, task) in tasks where !wanted.contains(target) {
            task.cancel()
            tasks[target] = nil
        }
        for target in targets where tasks[target] == nil {
            tasks[target] = Task { [checker, report] in
                while !Task.isCancelled {
                    let result = await checker.check(target)
                    guard !Task.isCancelled else { return }
                    await report(target, result)
                    let pause = result.passed ? target.check.intervalMilliseconds
                        : (target.check.retryIntervalMilliseconds ?? target.check.intervalMilliseconds)
                    try? await Task.sleep(for: .milliseconds(pause))
                }
            }
        }
    }

    /// Stops every check.
    public func stop() { update([]) }
}
