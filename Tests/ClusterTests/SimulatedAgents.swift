@testable import Cluster

/// What runs where in a simulated cluster: every node's executor answers operations from this
/// world (start makes a resource run on the node, stop ends it, a monitor says whether it runs),
/// and fence devices power nodes off. Tests change the world behind the cluster's back (a
/// crashed service, a failing start) and watch the controllers react.
final class SimulatedAgents {
    struct Placement: Hashable {
        var node: UInt32
        var resource: String
    }

    /// Resource instances running on each node.
    private(set) var running: Set<Placement> = []
    /// Starts that fail (rc 1) on a node.
    var failingStarts: Set<Placement> = []
    /// Starts whose result never comes back (a hung agent, a lost message).
    var hangingStarts: Set<Placement> = []
    /// Stops that fail (rc 1): the resource keeps running.
    var failingStops: Set<Placement> = []
    /// Nodes the fence devices cannot reach.
    var unfenceable: Set<String> = []
    /// Every operation asked of a node, in order (`resource action interval`).
    private(set) var log: [UInt32: [String]] = [:]
    private(set) var fenced: [String] = []
    /// Recurring monitors each node's executor keeps, with the last reported rc.
    private(set) var recurring: [Placement: (operation: LocalOperation, lastRC: Int)] = [:]

    func run(_ operation: LocalOperation, on node: UInt32, at time: Int) -> OperationOutcome? {
        let placement = Placement(node: node, resource: operation.resource)
        log[node, default: []].append("\(operation.resource) \(operation.action) \(operation.interval)")
        if operation.action == "start" && hangingStarts.contains(placement) { return nil }
        let rc: Int
        switch operation.action {
        case "start":
            rc = failingStarts.contains(placement) ? 1 : 0
            if rc == 0 { running.insert(placement) }
        case "stop" where failingStops.contains(placement):
            rc = 1
        case "stop":
            running.remove(placement)
            recurring = recurring.filter { $0.key != placement }
            rc = 0
        default:
            rc = running.contains(placement) ? 0 : 7
            if operation.isRecurring { recurring[placement] = (operation, rc) }
        }
        return OperationOutcome(operation: operation, rc: rc, opStatus: 0, exitReason: nil, finished: time, elapsedMilliseconds: 1)
    }

    /// A recurring monitor's next run: reported only when its result changed.
    func rerun(_ operation: LocalOperation, on node: UInt32, at time: Int) -> OperationOutcome? {
        let placement = Placement(node: node, resource: operation.resource)
        let rc = running.contains(placement) ? 0 : 7
        guard let previous = recurring[placement], previous.lastRC != rc else { return nil }
        recurring[placement] = (operation, rc)
        return OperationOutcome(operation: operation, rc: rc, opStatus: 0, exitReason: nil, finished: time, elapsedMilliseconds: 1)
    }

    func cancel(resource: String, interval: Int, on node: UInt32) {
        recurring.removeValue(forKey: Placement(node: node, resource: resource))
    }

    func fence(_ order: FenceOrder) -> (Bool, String) {
        guard !order.levels.isEmpty, !unfenceable.contains(order.node) else { return (false, "no device answered") }
        fenced.append(order.node)
        running = running.filter { SimulatedCluster.name($0.node) != order.node }
        recurring = recurring.filter { SimulatedCluster.name($0.key.node) != order.node }
        return (true, "device \(order.levels[0][0].id)")
    }

    /// The service crashes behind the cluster's back.
    func crash(_ resource: String, on node: UInt32) {
        running.remove(Placement(node: node, resource: resource))
    }

    /// Nodes the resource instance runs on.
    func nodes(running resource: String) -> [UInt32] {
        running.filter { $0.resource == resource }.map(\.node).sorted()
    }
}
