import HalyardModel
import Testing
@testable import Cluster

/// The DC is a pure function of the view, and only a quorate (or quorum-ignoring), synchronised
/// DC acts.
@Suite struct DesignatedControllerTests {
    @Test func lowestNodeIDIsTheDCOnEveryNode() {
        let view = MembershipView(members: [MemberAddress(node: 3, pid: 9), MemberAddress(node: 1, pid: 7), MemberAddress(node: 2, pid: 1)])
        #expect(DesignatedController.of(view) == MemberAddress(node: 1, pid: 7))
        #expect(DesignatedController.of(MembershipView(members: [])) == nil)
    }

    @Test func everyNodeAgreesAndTheDCActsWithQuorum() {
        let cluster = SimulatedCluster(nodes: [1, 2, 3])
        #expect(cluster.role(1) == .designatedController(acting: true))
        #expect(cluster.role(2) == .member(dc: SimulatedCluster.address(1)))
        #expect(cluster.role(3) == .member(dc: SimulatedCluster.address(1)))
    }

    @Test func whenTheDCLeavesTheNextLowestTakesOver() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3])
        cluster.form([[2, 3]])
        #expect(cluster.role(2) == .designatedController(acting: true))
        #expect(cluster.role(3) == .member(dc: SimulatedCluster.address(2)))
    }

    @Test func aMinorityDCDoesNotActUnlessNoQuorumPolicyIsIgnore() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3])
        cluster.form([[1], [2, 3]])
        #expect(cluster.role(1) == .designatedController(acting: false))
        #expect(cluster.role(2) == .designatedController(acting: true))

        let ignoring = Fixtures.cib(epoch: 1, Fixtures.configuration(ips: [], noQuorumPolicy: "ignore"))
        var lenient = SimulatedCluster(nodes: [1, 2, 3], cibs: [1: ignoring])
        lenient.form([[1], [2, 3]])
        #expect(lenient.role(1) == .designatedController(acting: true))
    }

    @Test func theDCWaitsForTheCIBSynchronisationOfANewView() {
        var core = ControllerCore(local: SimulatedCluster.address(1), name: "n1", cib: CIB())
        _ = core.handle(.quorumChanged(QuorumState(quorate: true)), at: 0)
        let effects = core.handle(.viewChanged(MembershipView(
            members: [SimulatedCluster.address(1), SimulatedCluster.address(2)],
            joined: [MembershipChange(SimulatedCluster.address(2), .nodeUp)])), at: 0)
        #expect(core.role == .designatedController(acting: false))
        #expect(effects.contains { if case .send(.cibAnnouncement) = $0 { true } else { false } })
    }

    @Test func losingCorosyncMeansNoRole() {
        var cluster = SimulatedCluster(nodes: [1, 2, 3])
        cluster.restartCorosync(on: 1)
        #expect(cluster.role(1) == .designatedController(acting: false))  // singleton ring, no quorum
        #expect(cluster.role(2) == .designatedController(acting: true))
        var core = cluster.cores[2]!
        _ = core.handle(.disconnected, at: 0)
        #expect(core.role == .disconnected)
    }
}
