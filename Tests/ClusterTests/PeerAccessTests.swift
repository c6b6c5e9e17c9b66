import Testing
@testable import Cluster

/// Who may use crmd's socket.
struct PeerAccessTests {
    let haclient = PeerAccess(groupName: "haclient", groupID: 105)

    func peer(uid: UInt32, gid: UInt32, groups: [UInt32] = []) -> Peer { Peer(pid: 42, uid: uid, gid: gid, groups: groups) }

    @Test func rootAndGroupMembersAreServed() {
        #expect(haclient.refusal(of: peer(uid: 0, gid: 0)) == nil)
        #expect(haclient.refusal(of: peer(uid: 1000, gid: 105)) == nil)
        #expect(haclient.refusal(of: peer(uid: 1000, gid: 1000, groups: [27, 105])) == nil)
    }

    @Test func othersAreRefusedWithTheirIdentity() throws {
        let refusal = try #require(haclient.refusal(of: peer(uid: 1000, gid: 1000, groups: [27])))
        #expect(refusal.contains("haclient") && refusal.contains("uid 1000"))
    }

    @Test func withoutTheGroupOnlyRootIsServed() throws {
        let noGroup = PeerAccess(groupName: "haclient", groupID: nil)
        #expect(noGroup.refusal(of: peer(uid: 0, gid: 0)) == nil)
        let refusal = try #require(noGroup.refusal(of: peer(uid: 1000, gid: 105, groups: [105])))
        #expect(refusal.contains("does not exist"))
    }
}
