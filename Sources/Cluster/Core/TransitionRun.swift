import Scheduler

/// The DC's progress through one transition graph: which actions wait, run, are done or failed.
/// An action becomes ready when every action ordered before it is done; after a failure or an
/// abort nothing new starts, and the run is over once nothing is in flight.
struct TransitionRun: Sendable {
    enum State: Hashable, Sendable {
        case waiting, running, done, failed
    }

    let number: Int
    let graph: TransitionGraph
    private(set) var states: [State]
    /// Set when the graph no longer fits the cluster (a failure, an unexpected result, a new
    /// event): running actions finish, nothing new starts, and the DC plans again.
    private(set) var aborted = false
    private let predecessors: [[Int]]
    /// When the DC stops waiting for each dispatched action's result (epoch seconds).
    private(set) var deadlines: [Int: Int] = [:]

    init(number: Int, graph: TransitionGraph) {
        self.number = number
        self.graph = graph
        states = Array(repeating: .waiting, count: graph.actions.count)
        var predecessors = Array(repeating: [Int](), count: graph.actions.count)
        for edge in graph.edges where graph.actions.indices.contains(edge.then) && graph.actions.indices.contains(edge.first) {
            predecessors[edge.then].append(edge.first)
        }
        self.predecessors = predecessors
    }

    /// Waiting actions whose predecessors are all done; they are marked running.
    mutating func takeReady() -> [TransitionAction] {
        guard !aborted else { return [] }
        let ready = states.indices.filter { index in
            states[index] == .waiting && predecessors[index].allSatisfy { states[$0] == .done }
        }
        for index in ready { states[index] = .running }
        return ready.map { graph.actions[$0] }
    }

    /// Whether the action is in flight (results for anything else are not this run's).
    func isRunning(_ action: Int) -> Bool { states.indices.contains(action) && states[action] == .running }

    mutating func complete(_ action: Int) { states[action] = .done }

    mutating func fail(_ action: Int) {
        states[action] = .failed
        aborted = true
    }

    mutating func abort() { aborted = true }

    /// Running actions on `node` (it left the cluster: their results will never come).
    func running(on node: String) -> [Int] {
        states.indices.filter { states[$0] == .running && graph.actions[$0].node == node }
    }

    var inFlight: Int { states.count { $0 == .running } }

    mutating func setDeadline(_ action: Int, at time: Int?) { deadlines[action] = time }

    /// The earliest deadline of a running action.
    var nextDeadline: Int? { deadlines.filter { isRunning($0.key) }.values.min() }

    /// Running actions whose deadline has passed, in action order.
    func overdue(at now: Int) -> [Int] {
        deadlines.filter { isRunning($0.key) && $0.value <= now }.keys.sorted()
    }

    /// Nothing runs and nothing more can start.
    var isOver: Bool {
        inFlight == 0 && (aborted || !states.indices.contains { index in
            states[index] == .waiting && predecessors[index].allSatisfy { states[$0] == .done }
        })
    }

    /// Whether every action completed.
    var succeeded: Bool { states.allSatisfy { $0 == .done } }
}
