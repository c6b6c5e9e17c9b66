/// Turns what a recording run collected, plus the final node and resource states, into the
/// result's `SchedulerDiagnostics`.
struct DiagnosticsBuilder {
    let cluster: WorkingSet
    let trail: ContributionTrail

    func build(fenced: Set<Int>) -> SchedulerDiagnostics {
        var d = SchedulerDiagnostics()
        d.scores = trail.scores
        d.contributions = trail.contributions
        d.blockedStarts = trail.blockedStarts
        d.hasQuorum = cluster.hasQuorum
        d.noQuorumPolicy = cluster.options.noQuorumPolicy
        guard trail.recording.contains(.conditions) else { return d }
        d.nodes = cluster.nodes.map { n in
            NodeCondition(name: n.uname, online: n.online, standby: n.standby, unclean: n.unclean,
                          maintenance: n.maintenance, shutdown: n.shutdown, pending: n.pending,
                          fenced: fenced.contains(n.index), assignedCount: n.assignedCount)
        }
        d.resources = cluster.allResources.filter { $0.kind == .primitive }.map(condition)
        return d
    }

    private func condition(_ rsc: Rsc) -> ResourceCondition {
        var failCounts: [String: Int] = [:]
        for node in cluster.nodes where cluster.failCounts.mayHaveFailures(on: node) {
            let count = cluster.failCounts.count(rsc, on: node, effective: true)
            if count > 0 { failCounts[node.uname] = count }
        }
        return ResourceCondition(id: rsc.id, targetRole: rsc.meta["target-role"], stickiness: rsc.stickiness,
                                 migrationThreshold: rsc.migrationThreshold, failCounts: failCounts,
                                 failCountsCleared: rsc.failCountClearedOn.map(\.uname),
                                 managed: rsc.managed, blocked: rsc.blocked, failed: rsc.failed)
    }
}
