import HalyardModel
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

    static func address(_ node: UInt32) -> MemberAddress { MemberAddress(node: node, pid: 1000 + node) }

    /// Boots every node as a singleton ring with its own CIB, then merges them into one ring.
    init(nodes: [UInt32], cibs: [UInt32: CIB] = [:]) {
        self.nodes = nodes
        for node in nodes {
            cores[node] = ControllerCore(local: Self.address(node), cib: cibs[node] ?? CIB())
        }
        form(nodes.map { [$0] })
        form([nodes])
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
        for ring in rings {
            for node in ring {
                let before = reconnecting.remove(node) != nil ? [] : previous.first { $0.contains(node) } ?? []
                let view = MembershipView(
                    members: ring.map(Self.address),
                    joined: ring.filter { !before.contains($0) }.map { MembershipChange(Self.address($0), $0 == node ? .join : .nodeUp) },
                    left: before.filter { !ring.contains($0) }.map { MembershipChange(Self.address($0), .nodeDown) })
                handle(.viewChanged(view), on: node)
                handle(.quorumChanged(QuorumState(quorate: ring.count * 2 > nodes.count, nodes: ring)), on: node)
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

    /// An admin request on `node`; what it multicasts is queued but not yet delivered.
    mutating func admin(_ request: AdminRequest, id: UInt64, on node: UInt32) {
        handle(.admin(request, id: id), on: node)
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
        let produced = cores[node]!.handle(event)
        effects[node, default: []] += produced
        for case .send(let message) in produced {
            guard let ring = rings.firstIndex(where: { $0.contains(node) }) else { continue }
            queues[ring].append((Self.address(node), ClusterWire.encode(message)))
        }
    }
}
