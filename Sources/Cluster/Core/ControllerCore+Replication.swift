import Foundation
import HalyardModel

/// The replicated CIB: configuration updates applied in delivery order against the version they
/// were built on, and the synchronisation of CIBs when views merge.
extension ControllerCore {
    static let syncingRefusal =
        "the cluster membership is changing (CIB synchronisation in progress); nothing was changed, try again"

    static func staleRefusal(base: CIBVersion, current: CIBVersion) -> String {
        "the change was based on CIB \(base) but the cluster is at \(current) (another change was committed first); "
            + "nothing was changed: reload the configuration and edit again"
    }

    /// Whether a change built on `base` still applies: the configuration counters match (status
    /// updates in between, which only move `num_updates`, do not make it stale).
    static func sameConfiguration(_ base: CIBVersion, _ current: CIBVersion) -> Bool {
        base.adminEpoch == current.adminEpoch && base.epoch == current.epoch
    }

    mutating func commit(_ configuration: Configuration, basedOn base: CIBVersion, summary: String, id: UInt64,
                         _ effects: inout [ControllerEffect]) {
        func refuse(_ reason: String) { effects.append(.reply(id, .refused(reason))) }
        guard view != nil else { return refuse("not connected to the cluster (corosync); nothing was changed") }
        guard sync == nil else { return refuse(Self.syncingRefusal) }
        guard Self.sameConfiguration(base, cib.version) else { return refuse(Self.staleRefusal(base: base, current: cib.version)) }
        guard !awaiting.contains(id) else { return refuse("request \(id) is already in progress") }
        var candidate = cib
        candidate.configuration = configuration
        let errors = CIBValidator.validate(candidate).filter { $0.severity == .error }
        guard errors.isEmpty else {
            return refuse("the configuration is not valid; nothing was changed:\n"
                + errors.map { "ERROR: \($0.message) [\($0.code)]" }.joined(separator: "\n"))
        }
        awaiting.insert(id)
        effects.append(.send(.configurationUpdate(ConfigurationUpdate(
            origin: local, request: id, basedOn: base,
            configurationXML: CIBEncoder.encodeConfiguration(configuration), summary: summary))))
    }

    /// Applies (or refuses) a delivered update. Every member decides from the same CIB and the
    /// same delivery order, so all reach the same outcome; the origin replies to its admin.
    mutating func apply(_ update: ConfigurationUpdate, _ effects: inout [ControllerEffect]) {
        let outcome: AdminReply
        if sync != nil {
            outcome = .refused(Self.syncingRefusal)
        } else if !Self.sameConfiguration(update.basedOn.version, cib.version) {
            outcome = .refused(Self.staleRefusal(base: update.basedOn.version, current: cib.version))
        } else {
            switch Result(catching: { () throws(CIBLoadError) in try CIBDecoder.decodeConfiguration(Data(update.configurationXML.utf8)) }) {
            case .failure(let error):
                outcome = .refused("the configuration could not be read: \(error)")
                effects.append(.ignored("update \(update.request) from \(update.origin): \(error)"))
            case .success(let configuration):
                cib.configuration = configuration
                cib.epoch += 1
                cib.numUpdates = 0
                editsSinceSync.append(AppliedEdit(origin: update.origin, summary: update.summary, version: cib.version))
                effects.append(.persist(cib))
                replan()
                outcome = .committed(cib.version)
            }
        }
        if update.origin == local, awaiting.remove(update.request) != nil {
            effects.append(.reply(update.request, outcome))
        }
    }

    /// Records a member's CIB for the running round; when the round is complete, adopts the
    /// winner (with each member's own node status from its own offer) and reports local edits
    /// the winner does not carry.
    mutating func offer(_ announcement: CIBAnnouncement, from sender: MemberAddress, _ effects: inout [ControllerEffect]) {
        guard var round = sync, announcement.round == round.members else {
            return effects.append(.ignored("CIB announcement from \(sender) for an earlier view"))
        }
        let offered: CIB
        do {
            offered = try CIBDecoder.decode(announcement.cibXML)
        } catch {
            // Every member fails alike on the same bytes: count it as an empty CIB so the round ends.
            effects.append(.ignored("unreadable CIB from \(sender): \(error)"))
            offered = CIB()
        }
        guard let outcome = round.record(SyncRound.Offer(cib: offered, nodeName: announcement.nodeName, quorateRing: announcement.quorateRing),
                                                 from: sender) else {
            sync = round
            return
        }
        sync = nil
        defer { editsSinceSync = [] }
        if outcome.cib.configuration != cib.configuration, !editsSinceSync.isEmpty {
            effects.append(.lostEdits(LostEdits(discarded: cib, winner: outcome.winner, winnerVersion: outcome.cib.version,
                                                edits: editsSinceSync)))
        }
        let merged = merge(outcome)
        let changed = merged != cib
        cib = merged
        if changed { effects.append(.persist(cib)) }
        followMembership(&effects)
    }

    /// The winning configuration with the winning status, in which every member's node status is
    /// the one that member offered (what its executor ran).
    private mutating func merge(_ outcome: SyncRound.Outcome) -> CIB {
        var merged = outcome.cib
        merged.status = outcome.status
        for (member, offer) in outcome.offers.sorted(by: { $0.key < $1.key }) {
            names[member.node] = offer.nodeName
            merged.status.nodes.removeAll { $0.uname == offer.nodeName }
            if let own = offer.cib.status.nodes.first(where: { $0.uname == offer.nodeName }) {
                merged.status.nodes.append(own)
            }
        }
        return merged
    }
}
