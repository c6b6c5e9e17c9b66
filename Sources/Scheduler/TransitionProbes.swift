/// Schedules probes (monitor with interval 0): every configured primitive is probed on each
/// online, clean node where its state is unknown (no history establishes it). An anonymous
/// clone is probed through one instance per node: the one known there, else the one assigned
/// there, else the first. A pending node cannot run its probes yet (see `Runnability`, which
/// holds back the starts that wait for them).
struct ProbeScheduler {
    let cluster: WorkingSet
    let collector: ActionCollector

    func schedule() {
        guard cluster.options.enableStartupProbes else { return }
        for node in cluster.nodes where node.online && !node.unclean && !node.pending {
            for rsc in cluster.resources { probe(rsc, on: node) }
        }
    }

    private func probe(_ rsc: Rsc, on node: ClusterNode) {
        switch rsc.kind {
        case .primitive:
            guard !rsc.isOrphan, !Self.isKnown(rsc, on: node) else { return }
            collector.add(.probe, rsc.id, on: node.uname, reason: "state unknown on \(node.uname)")
        case .group:
            for child in rsc.children { probe(child, on: node) }
        case .clone:
            if rsc.globallyUnique {
                for child in rsc.children { probe(child, on: node) }
            } else if let instance = probedInstance(rsc, on: node) {
                probe(instance, on: node)
            }
        }
    }

    /// Whether a history establishes the state of `rsc` (or of one of its primitives) on `node`.
    static func isKnown(_ rsc: Rsc, on node: ClusterNode) -> Bool {
        guard rsc.kind == .primitive else { return rsc.children.contains { isKnown($0, on: node) } }
        return rsc.histories.contains { $0.node === node && $0.known }
    }

    private func probedInstance(_ clone: Rsc, on node: ClusterNode) -> Rsc? {
        let instances = clone.children.sorted { ($0.instanceNumber ?? 0) < ($1.instanceNumber ?? 0) }
        return instances.first { Self.isKnown($0, on: node) }
            ?? instances.first { $0.primitives.first?.assignedTo === node }
            ?? instances.first
    }
}
