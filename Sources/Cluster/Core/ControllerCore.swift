import HalyardModel

/// The controller's decisions as a value: events in, effects out, with no I/O, clock or
/// randomness of its own (the shell passes the time with each event). The shell (crmd) feeds it
/// CPG views and deliveries, quorum changes, admin requests, executor and fencing results and
/// timers, and carries out the effects it returns; tests run several cores in one process
/// through an in-memory CPG.
public struct ControllerCore: Sendable {
    /// This controller's address in the CPG group.
    public let local: MemberAddress
    /// This node's name (`uname`), as the configuration and the status call it.
    public let name: String
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
    /// Node names of the group's members by corosync node id, learned from CIB announcements.
    var names: [UInt32: String] = [:]
    /// The time of the event being handled (epoch seconds), as the shell gave it.
    var now = 0
    /// The DC's transition in progress.
    var transition: TransitionRun?
    var transitionCount = 0
    /// Something changed since the last plan: the DC plans again once the transition is over.
    var planPending = true
    /// A fencing failed: no new plan until the retry timer fires or something else changes.
    var fencingPaused = false
    /// The local crmd is shutting down.
    var shuttingDown = false
    /// Corosync nodes that left the ring (CPG `node down`) and have not come back.
    var downNodes: Set<UInt32> = []
    /// Fencings requested over CPG (an administrator's, or of the DC's own node) that have not
    /// finished: the node → the member running it. The DC waits for these rather than fencing
    /// the node a second time.
    var requestedFencings: [String: MemberAddress] = [:]
    /// The action deadline the shell's timer is armed for, so it is armed again only when it changes.
    var armedDeadline: Int?
    /// The totem ring of the last quorate view this controller was synchronised in: offered at
    /// each synchronisation round as the freshness of its status (see `SyncRound`).
    var quorateRing: UInt64?

    /// A new controller has run nothing yet: its own node's operation history is forgotten, so
    /// the DC probes what really runs there.
    public init(local: MemberAddress, name: String, cib: CIB) {
        self.local = local
        self.name = name
        var cib = cib
        cib.status.forgetHistory(of: name)
        self.cib = cib
    }

    /// The designated controller of the current view.
    public var designatedController: MemberAddress? { view.flatMap(DesignatedController.of) }

    /// Whether this node's CIB is known to match every member's (in a view, no round running).
    public var isSynchronised: Bool { view != nil && sync == nil }

    /// Whether the quorum corosync last reported fits the CPG view: corosync reports membership
    /// and quorum separately, so right after a node is lost the quorum may still count it.
    var quorumFitsView: Bool {
        guard let quorum, let view else { return false }
        let counted = Set(quorum.nodes)
        return view.members.allSatisfy { counted.contains($0.node) } && downNodes.isDisjoint(with: counted)
    }

    /// The CIB as crmctl sees it: with `have-quorum` from corosync and `dc-uuid` naming the DC's
    /// node (these describe this partition, so they are not part of the replicated CIB).
    public var publishedCIB: CIB {
        var published = cib
        published.haveQuorum = (quorum?.quorate ?? false) ? "1" : "0"
        published.dcUUID = designatedController.flatMap { names[$0.node] }.map { dc in
            cib.configuration.nodes.first { $0.uname == dc }?.id ?? dc
        }
        return published
    }

    /// Names of the nodes whose crmd is in the current view.
    var presentNodes: Set<String> { Set(view?.members.compactMap { names[$0.node] } ?? []) }

    public mutating func handle(_ event: ControllerEvent, at now: Int) -> [ControllerEffect] {
        self.now = now
        var effects: [ControllerEffect] = []
        switch event {
        case .viewChanged(let view):
            viewChanged(view, &effects)
        case .disconnected:
            disconnected(&effects)
        case .quorumChanged(let quorum):
            if quorum.quorate != self.quorum?.quorate { replan() }
            self.quorum = quorum
        case .delivered(let message, let sender):
            deliver(message, from: sender, &effects)
        case .admin(.commit(let configuration, let base, let summary), let id):
            commit(configuration, basedOn: base, summary: summary, id: id, &effects)
        case .admin(.updateStatus(let request), let id):
            updateStatus(request, id: id, &effects)
        case .admin(.acknowledgeFenced(let node, let by), let id):
            acknowledgeFenced(node, by: by, id: id, &effects)
        case .admin(.fence(let node, let action, let by), let id):
            requestFencing(FenceRequest(node: node, action: action, by: by), id: id, &effects)
        case .operationFinished(let outcome):
            effects.append(.send(.operationResult(report(outcome))))
        case .fenceFinished(let order, let succeeded, let detail):
            fenceFinished(order, succeeded: succeeded, detail: detail, &effects)
        case .timerFired(.actionDeadline):
            actionsOverdue(&effects)
        case .timerFired(let timer):
            if timer == .fencingRetry { fencingPaused = false }
            replan()
        case .shutdownRequested:
            requestShutdown(&effects)
        }
        let next = currentRole
        if next != role {
            role = next
            effects.append(.roleChanged(next))
            replan()
        }
        if isSynchronised, let quorum, quorum.quorate, let view, Set(quorum.nodes) == Set(view.members.map(\.node)) {
            quorateRing = quorum.ringSequence
        }
        driveTransitions(&effects)
        armActionDeadline(&effects)
        return effects
    }

    private mutating func deliver(_ message: ClusterMessage, from sender: MemberAddress, _ effects: inout [ControllerEffect]) {
        switch message {
        case .configurationUpdate(let update):
            apply(update, &effects)
        case .cibAnnouncement(let announcement):
            offer(announcement, from: sender, &effects)
        case .execute(let order):
            if order.node == name { execute(order, &effects) }
        case .operationResult(let report):
            record(report, &effects)
        case .nodeAttribute(let update):
            setAttribute(update, &effects)
        case .nodeFenced(let notice):
            recordFenced(notice, &effects)
        case .forgetResource(let removal):
            forget(removal, &effects)
        case .shutdownComplete(let node):
            shutdownComplete(node, &effects)
        case .fenceRequest(let request):
            fenceRequested(request, &effects)
        case .fenceFailed(let notice):
            requestedFencingFailed(notice, &effects)
        }
    }

    private var currentRole: ControllerRole {
        guard let dc = designatedController else { return .disconnected }
        guard dc == local else { return .member(dc: dc) }
        let quorate = quorum?.quorate ?? false
        let ignoresQuorum = ClusterOptions(configuration: cib.configuration).noQuorumPolicy == .ignore
        return .designatedController(acting: sync == nil && (quorate || ignoresQuorum))
    }

    /// Every member starts a synchronisation round at a view where someone joined (or while a
    /// round is running, since a member that left will never offer its CIB). Without a round,
    /// the membership flags of the status follow the view at once.
    private mutating func viewChanged(_ view: MembershipView, _ effects: inout [ControllerEffect]) {
        self.view = view
        downNodes.formUnion(view.left.filter { $0.reason == .nodeDown }.map(\.member.node))
        downNodes.subtract(view.members.map(\.node))
        requestedFencings = requestedFencings.filter { view.members.contains($0.value) }
        replan()
        lost(nodes: Set(names.values).subtracting(presentNodes), &effects)
        guard !view.joined.isEmpty || sync != nil else {
            return followMembership(&effects)
        }
        sync = SyncRound(members: view.members)
        effects.append(.send(.cibAnnouncement(CIBAnnouncement(round: view.members, nodeName: name, cibXML: CIBEncoder.encode(cib),
                                                                         quorateRing: quorateRing))))
    }

    private mutating func disconnected(_ effects: inout [ControllerEffect]) {
        view = nil
        sync = nil
        transition = nil
        for id in awaiting.sorted() {
            effects.append(.reply(id, .unknown(
                "the connection to corosync was lost before the change came back; "
                    + "check with `crmctl configure show` whether it was applied")))
        }
        awaiting = []
    }

    /// Counts a status change: bumps `num_updates` and saves the CIB.
    mutating func statusChanged(_ effects: inout [ControllerEffect]) {
        cib.numUpdates += 1
        effects.append(.saveStatus(cib))
    }
}
