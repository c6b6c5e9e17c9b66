import HalyardModel
import Testing
@testable import Cluster

/// Configuration changes are multicast and applied by every node in delivery order, each against
/// the version it was built on.
@Suite struct ReplicationTests {
    let one = Fixtures.configuration(ips: ["web-ip"])
    let two = Fixtures.configuration(ips: ["web-ip", "dns-ip"])

    @Test func aCommitIsAppliedOnEveryNodeAndRepliedOnTheOrigin() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3])
        cluster.admin(.commit(one, basedOn: cluster.cib(2).version, summary: "add web-ip"), id: 7, on: 2)
        cluster.deliverAll()
        let expected = CIBVersion(adminEpoch: 0, epoch: 1, numUpdates: 0)
        #expect(cluster.replies(2) == [7: .committed(expected)])
        #expect(cluster.replies(1).isEmpty && cluster.replies(3).isEmpty)
        for node: UInt32 in [1, 2, 3] {
            #expect(cluster.cib(node).version == expected)
            #expect(cluster.cib(node).configuration == one)
            #expect(cluster.effects[node]!.contains(.persist(cluster.cib(node))))
        }
    }

    @Test func ofTwoConcurrentCommitsOnTheSameBaseTheFirstDeliveredWinsAndTheOtherIsRefused() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3])
        let base = cluster.cib(1).version
        cluster.admin(.commit(two, basedOn: base, summary: "admin on n3"), id: 1, on: 3)
        cluster.admin(.commit(one, basedOn: base, summary: "admin on n1"), id: 1, on: 1)
        cluster.deliverAll()
        #expect(cluster.replies(3) == [1: .committed(CIBVersion(adminEpoch: 0, epoch: 1, numUpdates: 0))])
        guard case .refused(let reason) = cluster.replies(1)[1] else {
            Issue.record("expected a refusal, got \(String(describing: cluster.replies(1)[1]))")
            return
        }
        #expect(reason.contains("based on CIB \(base) but the cluster is at 0.1.0"))
        for node: UInt32 in [1, 2, 3] { #expect(cluster.cib(node).configuration == two) }
    }

    @Test func aStaleBaseIsRefusedAtOnceWithoutMulticasting() {
        var cluster = SimulatedCluster(nodes: [1, 2])
        cluster.admin(.commit(one, basedOn: CIBVersion(adminEpoch: 0, epoch: 5, numUpdates: 0), summary: ""), id: 3, on: 1)
        guard case .refused(let reason) = cluster.replies(1)[3] else { Issue.record("not refused"); return }
        #expect(reason.contains("based on CIB 0.5.0"))
        #expect(!cluster.effects[1]!.contains { if case .send(.configurationUpdate) = $0 { true } else { false } })
    }

    @Test func anInvalidConfigurationIsRefusedWithTheValidatorsErrors() {
        var cluster = SimulatedCluster(nodes: [1, 2])
        var broken = one
        broken.resources += one.resources  // duplicate id
        let before = cluster.cib(1)
        cluster.admin(.commit(broken, basedOn: before.version, summary: ""), id: 4, on: 1)
        guard case .refused(let reason) = cluster.replies(1)[4] else { Issue.record("not refused"); return }
        #expect(reason.contains("ERROR"))
        #expect(cluster.cib(1) == before)
    }

    @Test func commitsAreRefusedWhileDisconnectedOrSynchronising() {
        var core = ControllerCore(local: SimulatedCluster.address(1), name: "n1", cib: CIB())
        let offline = core.handle(.admin(.commit(one, basedOn: core.cib.version, summary: ""), id: 1), at: 0)
        #expect(offline.contains { if case .reply(1, .refused(let why)) = $0 { why.contains("not connected") } else { false } })
        _ = core.handle(.viewChanged(MembershipView(members: [core.local], joined: [MembershipChange(core.local, .join)])), at: 0)
        let syncing = core.handle(.admin(.commit(one, basedOn: core.cib.version, summary: ""), id: 2), at: 0)
        #expect(syncing == [.reply(2, .refused(ControllerCore.syncingRefusal))])
    }

    @Test func aLostConnectionLeavesPendingCommitsUnknown() {
        var cluster = SimulatedCluster(nodes: [1, 2])
        cluster.admin(.commit(one, basedOn: cluster.cib(1).version, summary: ""), id: 9, on: 1)
        var core = cluster.cores[1]!
        let effects = core.handle(.disconnected, at: 0)
        #expect(effects.contains { if case .reply(9, .unknown) = $0 { true } else { false } })
    }

    @Test func everyNodeDeliversTheSameMessagesInTheSameOrder() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3])
        for (id, node) in [(1, 1), (2, 2), (3, 3), (4, 1)] as [(UInt64, UInt32)] {
            cluster.admin(.commit(id % 2 == 0 ? one : two, basedOn: cluster.cib(node).version, summary: "\(id)"), id: id, on: node)
        }
        cluster.deliverAll()
        // Each node's first delivery is its own announcement in its boot-time singleton ring.
        let streams = [1, 2, 3].map { cluster.deliveries[$0]!.dropFirst() }
        let replication = streams[0].filter {
            switch $0 {
            case .cibAnnouncement, .configurationUpdate: true
            default: false
            }
        }
        #expect(replication.count == 7)  // three announcements of the merged ring, four updates
        #expect(streams[0] == streams[1] && streams[1] == streams[2])
        #expect(cluster.cib(1) == cluster.cib(2) && cluster.cib(2) == cluster.cib(3))
    }

    @Test func theWireFormatRoundTripsAndRejectsForeignBytes() throws {
        let message = ClusterMessage.configurationUpdate(ConfigurationUpdate(
            origin: MemberAddress(node: 2, pid: 5), request: 3, basedOn: CIBVersion(adminEpoch: 1, epoch: 2, numUpdates: 3),
            configurationXML: "<configuration/>", summary: "x"))
        #expect(try ClusterWire.decode(ClusterWire.encode(message)).get() == message)
        #expect(throws: WireError.self) { try ClusterWire.decode(Array("hello".utf8)).get() }
        #expect(throws: WireError.self) { try ClusterWire.decode(Array(#"{"format":99}"#.utf8)).get() }
    }
}
