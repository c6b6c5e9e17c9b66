import Foundation

/// The executor of one node: runs operations through an `AgentRunner`, at most
/// `concurrencyLimit` at a time and one at a time per resource (in arrival order), and keeps
/// the recurring monitors. Waiting for agents happens on dedicated threads, never on the
/// cooperative pool, so slow agents do not hold up other operations.
public actor Executor {
    public nonisolated let runner: AgentRunner
    public nonisolated let concurrencyLimit: Int
    private var running = 0
    private var slotWaiters: [CheckedContinuation<Void, Never>] = []
    private var busyResources = Set<String>()
    private var resourceWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var recurring: [OperationKey: Task<Void, Never>] = [:]

    /// `concurrencyLimit` defaults to twice the processors, as Pacemaker's `node-action-limit`.
    public init(runner: AgentRunner, concurrencyLimit: Int = 2 * ProcessInfo.processInfo.activeProcessorCount) {
        self.runner = runner
        self.concurrencyLimit = max(1, concurrencyLimit)
    }

    /// Runs a one-shot operation. A `stop` first cancels every recurring operation of the
    /// resource (a monitor already running finishes first, and its result is not reported).
    public func run(_ request: OperationRequest) async -> OperationResult {
        if request.action == "stop" { cancelRecurring(resource: request.resource) }
        await acquire(request.resource)
        defer { release(request.resource) }
        return await runner.run(request)
    }

    /// Starts a recurring operation (replacing one with the same key): it runs now, then again
    /// `intervalMilliseconds` after each run finishes. `report` hears the first result and
    /// then only results that differ from the previous one (status, code, exit reason).
    public func startRecurring(_ request: OperationRequest,
                               report: @escaping @Sendable (OperationResult) async -> Void) {
        let key = request.key
        recurring[key]?.cancel()
        let interval = max(1, request.intervalMilliseconds)
        recurring[key] = Task { [weak self] in
            var filter = ChangeFilter()
            while !Task.isCancelled, let self {
                guard let result = await self.runRecurring(request) else { break }
                if filter.isNews(result.digest) { await report(result) }
                do { try await Task.sleep(for: .milliseconds(interval)) } catch { break }
            }
        }
    }

    /// Cancels one recurring operation.
    public func cancelRecurring(_ key: OperationKey) {
        recurring.removeValue(forKey: key)?.cancel()
    }

    /// Cancels every recurring operation of `resource`.
    public func cancelRecurring(resource: String) {
        for key in recurring.keys where key.resource == resource { cancelRecurring(key) }
    }

    /// The recurring operations currently scheduled.
    public var recurringOperations: [OperationKey] {
        recurring.keys.sorted { ($0.resource, $0.action, $0.intervalMilliseconds) < ($1.resource, $1.action, $1.intervalMilliseconds) }
    }

    /// One run of a recurring operation; nil once it has been cancelled (no result reported).
    private func runRecurring(_ request: OperationRequest) async -> OperationResult? {
        await acquire(request.resource)
        defer { release(request.resource) }
        guard !Task.isCancelled else { return nil }
        let result = await runner.run(request)
        return Task.isCancelled ? nil : result
    }

    /// Waits for the resource to be free, then for an execution slot.
    private func acquire(_ resource: String) async {
        if busyResources.contains(resource) {
            await withCheckedContinuation { resourceWaiters[resource, default: []].append($0) }
        } else {
            busyResources.insert(resource)
        }
        if running < concurrencyLimit {
            running += 1
        } else {
            await withCheckedContinuation { slotWaiters.append($0) }
        }
    }

    /// Hands the slot and the resource to the next waiters (ownership passes directly).
    private func release(_ resource: String) {
        if slotWaiters.isEmpty { running -= 1 } else { slotWaiters.removeFirst().resume() }
        if var waiters = resourceWaiters[resource], !waiters.isEmpty {
            let next = waiters.removeFirst()
            resourceWaiters[resource] = waiters.isEmpty ? nil : waiters
            next.resume()
        } else {
            busyResources.remove(resource)
        }
    }
}

/// Decides which results of a recurring operation are reported: the first, then changes only.
public struct ChangeFilter: Sendable {
    private var last: ResultDigest?

    public init() {}

    /// True when `digest` differs from the previous one; remembers it.
    public mutating func isNews(_ digest: ResultDigest) -> Bool {
        defer { last = digest }
        return last != digest
    }
}
