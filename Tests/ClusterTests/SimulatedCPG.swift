import HalyardModel
import Testing
@testable import Cluster

/// Several controller cores in one process, wired through an in-memory CPG that follows
/// corosync's semantics as measured (../shared/reference/COROSYNC.md):
/// - each ring (partition) has one agreed order: every member, the sender included, gets the
///   ring's messages in the same order, and a view change reaches every member at the same point
///   of that stream (messages already sent are delivered before it);
/// - a message is delivered only in the ring it was sent in: partitioned messages never cross;
/// - a node whose corosync restarts is first a singleton ring (not quorate), then merges;
/// - CPG works without quorum; quorum is a strict majority of `nodes`.
/// Messages travel as `ClusterWire` bytes, so the codec is exercised on every delivery.
/// With `agents` set, each node's executor and the fence devices are simulated too (see
/// `SimulatedAgents`): operations and fencing answer at once, in the order they were asked.
struct SimulatedCluster {
    let nodes: [UInt32]
    private(set) var cores: [UInt32: ControllerCore] = [:]
    private(set) var rings: [[UInt32]] = []
    private var queues: [[(sender: MemberAddress, bytes: [UInt8])]] = []
    /// Every effect each node produced, in order.
    private(set) var effects: [UInt32: [ControllerEffect]] = [:]
    /// The messages each node had delivered, in order.
    private(set) var deliveries: [UInt32: [ClusterMessage]] = [:]
    /// Nodes whose controller lost its corosync connection: their next view is a fresh join.
    private var reconnecting: Set<UInt32> = []
    /// The simulated executors and fence devices, when the test runs resources.
    var agents: SimulatedAgents?
    /// Local results and fencing outcomes not yet fed back to their core.
    private var feedback: [(node: UInt32, event: ControllerEvent)] = []
    /// The virtual clock (epoch seconds) passed with every event.
    var clock = 1_800_000_000
    /// The totem ring sequence: every `form` makes new rings with a higher one.
    private var ringSequence: UInt64 = 0

    static func address(_ node: UInt32) -> MemberAddress { MemberAddress(node: node, pid: 1000 + node) }
    static func name(_ node: UInt32) -> String { "n\(node)" }

    /// Boots every node as a singleton ring with its own CIB, then merges them into one ring.
    init(nodes: [UInt32], cibs: [UInt32: CIB] = [:], agents: SimulatedAgents? = nil) {
        self.nodes = nodes
        self.agents = agents
        for node in nodes {
            cores[node] = ControllerCore(local: Self.address(node), name: Self.name(node), cib: cibs[node] ?? CIB())
        }
        form(nodes.map { [$0] })
        form([nodes])
    }

    /// Runs the cluster until nothing is left to deliver or feed back (a cluster that does not
    /// settle within `limit` rounds is a test failure: its DC keeps planning).
    mutating func settle(limit: Int = 2_000) {
        var rounds = 0
        deliverAll()
        while !feedback.isEmpty {
            rounds += 1
            guard rounds <= limit else {
                let notes = (effects[1] ?? []).compactMap { if case .note(let text) = $0 { text } else { nil } }
                let last = notes.suffix(6).joined(separator: "\n")
                Issue.record("the cluster did not settle; last notes on n1:\n\(last)")
                return
            }
            let (node, event) = feedback.removeFirst()
            if rings.contains(where: { $0.contains(node) }) { handle(event, on: node) }
            deliverAll()
        }
    }

    /// Re-runs every recurring monitor (one monitor interval passes) and settles.
    mutating func runMonitors() {
        guard let agents else { return }
        for (node, entry) in agents.recurring.sorted(by: { ($0.key.node, $0.key.resource) < ($1.key.node, $1.key.resource) }) {
            if let outcome = agents.rerun(entry.operation, on: node.node, at: clock) { feedback.append((node.node, .operationFinished(outcome))) }
        }
        settle()
    }

    func cib(_ node: UInt32) -> CIB { cores[node]!.cib }
    func role(_ node: UInt32) -> ControllerRole { cores[node]!.role }

    /// The reply each admin request got on `node`.
    func replies(_ node: UInt32) -> [UInt64: AdminReply] {
        var replies: [UInt64: AdminReply] = [:]
        for case .reply(let id, let reply) in effects[node] ?? [] { replies[id] = reply }
        return replies
    }

    func lostEdits(_ node: UInt32) -> [LostEdits] {
        (effects[node] ?? []).compactMap { if case .lostEdits(let lost) = $0 { lost } else { nil } }
    }

    /// Splits or merges the cluster into `partition` (nodes absent from it are down). Messages
    /// already sent are delivered in their old rings first; then every member of each new ring
    /// gets its view and quorum, and the messages that provokes are delivered.
    mutating func form(_ partition: [[UInt32]]) {
        deliverAll()
        let previous = rings
        rings = partition.map { $0.sorted() }
        queues = rings.map { _ in [] }
        ringSequence += 4
        for ring in rings {
            for node in ring {
                let before = reconnecting.remove(node) != nil ? [] : previous.first { $0.contains(node) } ?? []
                let view = MembershipView(
                    members: ring.map(Self.address),
                    joined: ring.filter { !before.contains($0) }.map { MembershipChange(Self.address($0), $0 == node ? .join : .nodeUp) },
                    left: before.filter { !ring.contains($0) }.map { MembershipChange(Self.address($0), .nodeDown) })
                handle(.viewChanged(view), on: node)
                handle(.quorumChanged(QuorumState(quorate: ring.count * 2 > nodes.count, ringSequence: ringSequence, nodes: ring)), on: node)
            }
        }
        deliverAll()
    }

    /// The local corosync of `node` restarts: its controller loses the connection, the others
    /// see it leave, and it comes back as a singleton ring (call `form` to merge it again).
    mutating func restartCorosync(on node: UInt32) {
        deliverAll()
        handle(.disconnected, on: node)
        reconnecting.insert(node)
        form(rings.map { $0.filter { $0 != node } }.filter { !$0.isEmpty } + [[node]])
    }

    /// `node` reboots: a new controller (the CIB it had on disk, its own history forgotten, the
    /// same address, as a node's first processes get the same pids) that comes back as a fresh
    /// join (call `form` to merge it).
    mutating func reboot(_ node: UInt32) {
        cores[node] = ControllerCore(local: Self.address(node), name: Self.name(node), cib: cores[node]!.cib)
        reconnecting.insert(node)
    }

    /// An admin request on `node`; what it multicasts is queued but not yet delivered.
    mutating func admin(_ request: AdminRequest, id: UInt64, on node: UInt32) {
        handle(.admin(request, id: id), on: node)
    }

    /// A local event on `node` (a shutdown request, a timer).
    mutating func request(_ event: ControllerEvent, on node: UInt32) {
        handle(event, on: node)
    }

    /// Delivers every queued message, ring by ring, including those sent in reaction.
    mutating func deliverAll() {
        while let index = queues.firstIndex(where: { !$0.isEmpty }) {
            let (sender, bytes) = queues[index].removeFirst()
            guard case .success(let message) = ClusterWire.decode(bytes) else { fatalError("undecodable message") }
            for member in rings[index] {
                deliveries[member, default: []].append(message)
                handle(.delivered(message, from: sender), on: member)
            }
        }
    }

    private mutating func handle(_ event: ControllerEvent, on node: UInt32) {
        let produced = cores[node]!.handle(event, at: clock)
        effects[node, default: []] += produced
        for effect in produced {
            switch effect {
            case .send(let message):
                guard let ring = rings.firstIndex(where: { $0.contains(node) }) else { continue }
                queues[ring].append((Self.address(node), ClusterWire.encode(message)))
            case .run(let operation):
                if let outcome = agents?.run(operation, on: node, at: clock) { feedback.append((node, .operationFinished(outcome))) }
            case .cancelRecurring(let resource, let interval):
                agents?.cancel(resource: resource, interval: interval, on: node)
            case .fence(let order):
                if let agents {
                    let (succeeded, detail) = agents.fence(order)
                    feedback.append((node, .fenceFinished(order, succeeded: succeeded, detail: detail)))
                }
            default:
                continue
            }
        }
    }
}
