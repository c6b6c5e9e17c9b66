import HalyardModel

/// One CIB synchronisation round. Every member starts it at the same view (one in which someone
/// joined) and multicasts its CIB; when all members' CIBs have been delivered, every member
/// picks the same winner: the highest (admin_epoch, epoch, num_updates), and between equal
/// versions the lowest member address.
struct SyncRound: Hashable, Sendable {
    /// What one member offered: its CIB and its node name.
    struct Offer: Hashable, Sendable {
        var cib: CIB
        var nodeName: String
    }

    /// The end of a round: the winning CIB and every member's offer.
    struct Outcome: Sendable {
        var winner: MemberAddress
        var cib: CIB
        var offers: [MemberAddress: Offer]
    }

    let members: [MemberAddress]
    private var offers: [MemberAddress: Offer] = [:]

    init(members: [MemberAddress]) {
        self.members = members
    }

    /// Records a member's offer; returns the outcome once every member has offered.
    mutating func record(_ offer: Offer, from member: MemberAddress) -> Outcome? {
        guard members.contains(member), offers[member] == nil else { return nil }
        offers[member] = offer
        guard offers.count == members.count else { return nil }
        let best = offers.min { lhs, rhs in
            lhs.value.cib.version == rhs.value.cib.version ? lhs.key < rhs.key : lhs.value.cib.version > rhs.value.cib.version
        }
        return best.map { Outcome(winner: $0.key, cib: $0.value.cib, offers: offers) }
    }
}
