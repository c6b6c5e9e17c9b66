/// Simulates the transition's effect on where resources run: fenced nodes lose everything,
/// managed resources stop where they are not wanted and start where they are assigned (if the
/// start is runnable), unmanaged ones stay put.
struct PlacementBuilder {
    let cluster: WorkingSet
    let verdicts: Runnability.Verdicts

    func build() -> SchedulerResult {
        let runnable = verdicts.runnable
        let stuck = verdicts.stuck
        let fenced = fencedNodes()
        var placements: [ResourcePlacement] = []
        for rsc in cluster.allResources where rsc.kind == .primitive {
            placements.append(placement(rsc, runnable: runnable, stuck: stuck, fenced: fenced))
        }
        var result = SchedulerResult(resources: placements, fencedNodes: cluster.nodes.filter { fenced.contains($0.index) }.map(\.uname),
                                     clones: cluster.resources.filter { $0.kind == .clone }.map(\.id))
        if let trail = cluster.trail { result.diagnostics = DiagnosticsBuilder(cluster: cluster, trail: trail).build(fenced: fenced) }
        return result
    }

    private func fencedNodes() -> Set<Int> {
        guard cluster.allResources.contains(where: { $0.kind == .primitive && $0.managed }) else { return [] }
        return Set(cluster.nodes.filter { $0.unclean && cluster.canFence($0) }.map(\.index))
    }

    private func placement(_ rsc: Rsc, runnable: Set<ObjectIdentifier>, stuck: Set<ObjectIdentifier>,
                           fenced: Set<Int>) -> ResourcePlacement {
        var final: [ClusterNode] = []
        if !rsc.managed || (stuck.contains(ObjectIdentifier(rsc)) && !rsc.runningOn.isEmpty) {
            final = rsc.runningOn.filter { !fenced.contains($0.index) }
        } else {
            var target = runnable.contains(ObjectIdentifier(rsc)) ? rsc.assignedTo : nil
            for node in rsc.runningOn where node !== target {
                let stops = (node.online && !node.unclean) || fenced.contains(node.index)
                if !stops { final.append(node) }
            }
            // A resource that cannot be stopped where it is cannot start anywhere else.
            if !final.isEmpty { target = nil }
            if let target { final.append(target) }
        }
        let clone = rsc.enclosingClone
        let group = rsc.parent.flatMap { $0.kind == .group ? $0 : nil }
        return ResourcePlacement(
            id: rsc.id, configuredID: rsc.baseID, groupID: group?.baseID, cloneID: clone?.id,
            globallyUnique: clone?.globallyUnique ?? false, currentNodes: rsc.runningOn.map(\.uname),
            assignedNode: rsc.assignedTo?.uname, finalNodes: final.map(\.uname),
            failed: rsc.failed, managed: rsc.managed, blocked: rsc.blocked, orphan: rsc.isOrphan)
    }
}
