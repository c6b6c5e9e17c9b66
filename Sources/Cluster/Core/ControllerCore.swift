import HalyardModel

/// The controller's decisions as a value: events in, effects out, with no I/O, clock or
/// randomness of its own. The shell (crmd) feeds it CPG views and deliveries, quorum changes and
/// admin requests, and carries out the effects it returns; tests run several cores in one
/// process through an in-memory CPG.
public struct ControllerCore: Sendable {
    /// This controller's address in the CPG group.
    public let local: MemberAddress
    /// The replicated CIB as this node holds it.
    public internal(set) var cib: CIB
    public private(set) var view: MembershipView?
    public private(set) var quorum: QuorumState?
    public private(set) var role: ControllerRole = .disconnected
    /// The synchronisation round in progress, if any; updates are refused until it ends.
    var sync: SyncRound?
    /// Edits applied since the last synchronisation: what a lost merge would discard.
    var editsSinceSync: [AppliedEdit] = []
    /// Admin requests multicast from here whose update has not come back yet.
    var awaiting: Set<UInt64> = []

    public init(local: MemberAddress, cib: CIB) {
        self.local = local
        self.cib = cib
    }

    /// The designated controller of the current view.
    public var designatedController: MemberAddress? { view.flatMap(DesignatedController.of) }

    /// Whether this node's CIB is known to match every member's (in a view, no round running).
    public var isSynchronised: Bool { view != nil && sync == nil }

    public mutating func handle(_ event: ControllerEvent) -> [ControllerEffect] {
        var effects: [ControllerEffect] = []
        switch event {
        case .viewChanged(let view):
            viewChanged(view, &effects)
        case .disconnected:
            disconnected(&effects)
        case .quorumChanged(let quorum):
            self.quorum = quorum
        case .delivered(.configurationUpdate(let update), _):
            apply(update, &effects)
        case .delivered(.cibAnnouncement(let announcement), let sender):
            offer(announcement, from: sender, &effects)
        case .admin(.commit(let configuration, let base, let summary), let id):
            commit(configuration, basedOn: base, summary: summary, id: id, &effects)
        }
        let next = currentRole
        if next != role {
            role = next
            effects.append(.roleChanged(next))
        }
        return effects
    }

    private var currentRole: ControllerRole {
        guard let dc = designatedController else { return .disconnected }
        guard dc == local else { return .member(dc: dc) }
        let quorate = quorum?.quorate ?? false
        let ignoresQuorum = ClusterOptions(configuration: cib.configuration).noQuorumPolicy == .ignore
        return .designatedController(acting: sync == nil && (quorate || ignoresQuorum))
    }

    /// Every member starts a synchronisation round at a view where someone joined (or while a
    /// round is running, since a member that left will never offer its CIB).
    private mutating func viewChanged(_ view: MembershipView, _ effects: inout [ControllerEffect]) {
        self.view = view
        guard !view.joined.isEmpty || sync != nil else { return }
        sync = SyncRound(members: view.members)
        effects.append(.send(.cibAnnouncement(CIBAnnouncement(round: view.members, cibXML: CIBEncoder.encode(cib)))))
    }

    private mutating func disconnected(_ effects: inout [ControllerEffect]) {
        view = nil
        sync = nil
        for id in awaiting.sorted() {
            effects.append(.reply(id, .unknown(
                "the connection to corosync was lost before the change came back; "
                    + "check with `crmctl configure show` whether it was applied")))
        }
        awaiting = []
    }
}
