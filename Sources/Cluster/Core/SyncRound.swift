import HalyardModel

/// One CIB synchronisation round. Every member starts it at the same view (one in which someone
/// joined) and multicasts its CIB; when all members' CIBs have been delivered, every member
/// picks the same two winners:
/// - the configuration: the highest (admin_epoch, epoch), then the freshest status, then the
///   highest num_updates, then the lowest member address;
/// - the status of the nodes absent now: the member that last belonged to a quorate, synchronised
///   partition (the latest totem ring; only such a partition acts, so its status is the one that
///   says what runs on those nodes), then the configuration's order.
/// num_updates alone let a node that ran alone after a reboot, counting its own probes, impose
/// its stale view of a node lost at the same moment; a configuration edited in a minority must
/// not bring that minority's stale status along either. (Each member's own node status always
/// comes from its own offer.)
struct SyncRound: Hashable, Sendable {
    /// What one member offered: its CIB, its node name and the totem ring of the last quorate,
    /// synchronised view it was in (nil: none since it started).
    struct Offer: Hashable, Sendable {
        var cib: CIB
        var nodeName: String
        var quorateRing: UInt64?

        /// How fresh its status is: the ring of its last quorate view, 0 for none.
        fileprivate var freshness: UInt64 { quorateRing.map { $0 + 1 } ?? 0 }

        /// Orders offers by configuration, from least to most authoritative.
        fileprivate var configurationRank: (Int, Int, UInt64, Int) {
            (cib.version.adminEpoch, cib.version.epoch, freshness, cib.version.numUpdates)
        }

        /// Orders offers by status, from least to most authoritative.
        fileprivate var statusRank: (UInt64, Int, Int, Int) {
            (freshness, cib.version.adminEpoch, cib.version.epoch, cib.version.numUpdates)
        }
    }

    /// The end of a round: the member whose configuration won, its CIB, the status of the member
    /// whose status won, and every member's offer.
    struct Outcome: Sendable {
        var winner: MemberAddress
        var cib: CIB
        var status: Status
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
        guard let configuration = best(by: { $0.configurationRank > $1.configurationRank }),
              let status = best(by: { $0.statusRank > $1.statusRank }) else { return nil }
        return Outcome(winner: configuration.key, cib: configuration.value.cib, status: status.value.cib.status, offers: offers)
    }

    /// The offer that ranks above all others by `ranksAbove`; between equal ones, the lowest
    /// member's.
    private func best(by ranksAbove: (Offer, Offer) -> Bool) -> (key: MemberAddress, value: Offer)? {
        offers.min { lhs, rhs in
            ranksAbove(lhs.value, rhs.value) || (!ranksAbove(rhs.value, lhs.value) && lhs.key < rhs.key)
        }
    }
}
