/// Adds the ordering edges between scheduled actions: a resource's probes and stops before its
/// start, its start before its monitors, fencing before the stops it implies and before every
/// start of a resource that requires fencing (Pacemaker's `requires=fencing`, the default with
/// fencing enabled: nothing starts while an unclean node might still run it, whatever the
/// status says ran there), stops on a node before its shutdown, and the orderings of groups
/// (members start in order, stop in reverse) and mandatory order constraints (`then` starts
/// after `first` starts; when symmetrical, `then` stops before `first` stops).
struct TransitionOrdering {
    let cluster: WorkingSet
    let plans: [PrimitivePlan]
    let collector: ActionCollector

    func apply() {
        let fences = Dictionary(collector.actions.filter { $0.task == .fence }.map { ($0.node, $0.id) },
                                uniquingKeysWith: { a, _ in a })
        let shutdowns = Dictionary(collector.actions.filter { $0.task == .shutdown }.map { ($0.node, $0.id) },
                                   uniquingKeysWith: { a, _ in a })
        for plan in plans {
            let id = plan.rsc.id
            let starts = collector.all(.start, id)
            let stops = collector.all(.stop, id)
            if requiresFencing(plan.rsc) {
                for fence in fences.values.sorted() {
                    for start in starts { collector.order(fence, start, "fencing before recovery") }
                }
            }
            for start in starts {
                for probe in collector.all(.probe, id) { collector.order(probe, start, "probe before start") }
                for stop in stops { collector.order(stop, start, "stop before start") }
                let node = collector.actions[start].node
                for monitor in collector.all(.monitor, id) where collector.actions[monitor].node == node {
                    collector.order(start, monitor, "start before monitor")
                }
            }
            for stop in stops {
                let node = collector.actions[stop].node
                if let fence = fences[node] { collector.order(fence, stop, "fencing implies stop") }
                collector.order(stop, shutdowns[node], "stop before shutdown")
            }
        }
        let runnability = Runnability(cluster: cluster)
        for group in cluster.resources.flatMap(runnability.groups) {
            for (previous, member) in zip(group.children, group.children.dropFirst()) {
                order(previous, member, symmetrical: true, reason: "group \(group.id)")
            }
        }
        for pair in runnability.mandatoryPairs() where pair.firstAction == "start" && pair.thenAction == "start" {
            for first in pair.firsts { order(first, pair.then, symmetrical: pair.symmetrical, reason: "order") }
        }
    }

    /// `requires` as Pacemaker defaults it: `quorum` for fencing devices and when fencing is
    /// disabled, `fencing` otherwise.
    private func requiresFencing(_ rsc: Rsc) -> Bool {
        if let requires = rsc.meta["requires"] { return requires == "fencing" || requires == "unfencing" }
        return cluster.options.fencingEnabled && rsc.primitive?.standard != "stonith"
    }

    private func order(_ first: Rsc, _ then: Rsc, symmetrical: Bool, reason: String) {
        for a in first.primitives {
            for b in then.primitives {
                for start in collector.all(.start, a.id) {
                    for next in collector.all(.start, b.id) { collector.order(start, next, "\(reason): \(a.id) starts first") }
                }
                guard symmetrical else { continue }
                for stop in collector.all(.stop, b.id) {
                    for next in collector.all(.stop, a.id) { collector.order(stop, next, "\(reason): \(b.id) stops first") }
                }
            }
        }
    }
}
