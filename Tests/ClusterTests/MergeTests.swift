import HalyardModel
import Testing
@testable import Cluster

/// Partitions keep working on their own (CPG works without quorum); on merge every node adopts
/// the highest configuration (admin_epoch, epoch) with the status of the member last in a
/// quorate partition, and the losing side's edits are reported.
@Suite struct MergeTests {
    let base = Fixtures.configuration(ips: ["web-ip"])
    let majorityEdit = Fixtures.configuration(ips: ["web-ip", "dns-ip"])
    let minorityEdit = Fixtures.configuration(ips: ["web-ip", "mail-ip"])

    func split() -> SimulatedCluster {
        var cluster = SimulatedCluster(nodes: [1, 2, 3], cibs: [1: Fixtures.cib(epoch: 4, base)])
        cluster.form([[1, 2], [3]])
        return cluster
    }

    @Test func aNewNodeTakesTheClustersCIB() {
        let cluster = SimulatedCluster(nodes: [1, 2, 3], cibs: [2: Fixtures.cib(epoch: 4, base)])
        for node: UInt32 in [1, 2, 3] {
            #expect(cluster.cib(node).configuration == base)
            #expect(cluster.cib(node).version.epoch == 4)
            #expect(cluster.lostEdits(node).isEmpty)
        }
    }

    @Test func partitionedMessagesNeverCross() {
        var cluster = split()
        cluster.admin(.commit(minorityEdit, basedOn: cluster.cib(3).version, summary: "on n3"), id: 1, on: 3)
        cluster.deliverAll()
        #expect(cluster.cib(3).configuration == minorityEdit)
        #expect(cluster.cib(1).configuration == base && cluster.cib(2).configuration == base)
        #expect(!cluster.deliveries[1]!.contains { if case .configurationUpdate = $0 { true } else { false } })
    }

    @Test func onEqualVersionsTheLowestMemberWinsAndTheOtherSidesEditIsReported() {
        var cluster = split()
        cluster.admin(.commit(majorityEdit, basedOn: cluster.cib(2).version, summary: "dns on n2"), id: 1, on: 2)
        cluster.admin(.commit(minorityEdit, basedOn: cluster.cib(3).version, summary: "mail on n3"), id: 1, on: 3)
        cluster.form([[1, 2, 3]])
        for node: UInt32 in [1, 2, 3] { #expect(cluster.cib(node).configuration == majorityEdit) }
        #expect(cluster.lostEdits(1).isEmpty && cluster.lostEdits(2).isEmpty)
        let lost = cluster.lostEdits(3)
        #expect(lost.count == 1)
        #expect(lost.first?.edits.map(\.summary) == ["mail on n3"])
        #expect(lost.first?.discarded.configuration == minorityEdit)
        #expect(lost.first?.winner == SimulatedCluster.address(1))
    }

    @Test func theHigherVersionWinsEvenFromTheMinority() {
        var cluster = split()
        cluster.admin(.commit(majorityEdit, basedOn: cluster.cib(1).version, summary: "dns on n1"), id: 1, on: 1)
        cluster.admin(.commit(minorityEdit, basedOn: cluster.cib(3).version, summary: "mail on n3"), id: 1, on: 3)
        cluster.deliverAll()
        cluster.admin(.commit(base, basedOn: cluster.cib(3).version, summary: "back to base on n3"), id: 2, on: 3)
        cluster.form([[1, 2, 3]])
        for node: UInt32 in [1, 2, 3] {
            #expect(cluster.cib(node).configuration == base)
            #expect(cluster.cib(node).version.epoch == 6)
        }
        #expect(cluster.lostEdits(1).first?.edits.map(\.summary) == ["dns on n1"])
        #expect(cluster.lostEdits(2).first?.edits.map(\.summary) == ["dns on n1"])
        #expect(cluster.lostEdits(3).isEmpty)
    }

    @Test func aMinoritysConfigurationEditWinsWithoutItsStaleStatus() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3, 4], cibs: [1: Fixtures.cib(epoch: 4, base)])
        cluster.form([[1, 2, 3], [4]])
        // The majority records an attribute of n3; the minority edits the configuration.
        let update = NodeAttributeUpdate(node: "n3", name: "seen-by-majority", value: "1")
        cluster.admin(.updateStatus(StatusRequest(attributes: [update], removals: [])), id: 1, on: 1)
        cluster.admin(.commit(minorityEdit, basedOn: cluster.cib(4).version, summary: "mail on n4"), id: 1, on: 4)
        cluster.deliverAll()
        // n4 merges back at the view in which n3 drops out.
        cluster.form([[1, 2, 4], [3]])
        for node: UInt32 in [1, 2, 4] {
            #expect(cluster.cib(node).configuration == minorityEdit)
            #expect(cluster.cib(node).status.transientAttribute("seen-by-majority", on: "n3") == "1",
                    "n\(node) took the minority's stale status of n3")
        }
    }

    @Test func aCorosyncRestartIsASingletonRingThenAQuietMerge() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3], cibs: [1: Fixtures.cib(epoch: 4, base)])
        cluster.restartCorosync(on: 3)
        #expect(cluster.cores[3]!.view?.members == [SimulatedCluster.address(3)])
        #expect(cluster.cores[3]!.quorum?.quorate == false)
        cluster.form([[1, 2, 3]])
        for node: UInt32 in [1, 2, 3] {
            #expect(cluster.cib(node) == cluster.cib(1))
            #expect(cluster.lostEdits(node).isEmpty)
        }
        #expect(cluster.role(1) == .designatedController(acting: true))
    }
}
