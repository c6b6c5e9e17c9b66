import HalyardModel

/// One CIB synchronisation round. Every member starts it at the same view (one in which someone
/// joined) and multicasts its CIB; when all members' CIBs have been delivered, every member
/// picks the same winner: the highest configuration (admin_epoch, epoch); among equal ones the
/// member whose status is freshest — the one that last belonged to a quorate, synchronised
/// partition (the latest totem ring; only such a partition acts, so its status is the one that
/// says what runs on nodes absent now) — then the highest num_updates, then the lowest member
/// address. num_updates alone would let a node that ran alone after a restart, counting its
/// own probes, impose its stale view of the others.
struct SyncRound: Hashable, Sendable {
    /// What one member offered: its CIB, its node name and the totem ring of the last quorate,
    /// synchronised view it was in (nil: none since it started).
    struct Offer: Hashable, Sendable {
        var cib: CIB
        var nodeName: String
        var quorateRing: UInt64?

        /// Orders offers from least to most authoritative (the address breaks ties).
        fileprivate var rank: (Int, Int, UInt64, Int) {
            (cib.version.adminEpoch, cib.version.epoch, quorateRing.map { $0 + 1 } ?? 0, cib.version.numUpdates)
        }
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
            lhs.value.rank == rhs.value.rank ? lhs.key < rhs.key : lhs.value.rank > rhs.value.rank
        }
        return best.map { Outcome(winner: $0.key, cib: $0.value.cib, offers: offers) }
    }
}
