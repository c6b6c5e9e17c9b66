/// After assignment, an instance of an interleaved clone that must start after another clone
/// (mandatory start order) is taken off its node when no instance of that clone is assigned
/// there: with no partner to follow, it may not be active there at all (it stops if it runs
/// there, and no blocked start is reported). Repeats until nothing changes, since one
/// instance taken off can leave the next clone in a chain without a partner.
enum InterleaveInhibition {
    static func apply(_ cluster: WorkingSet) {
        let pairs = Runnability(cluster: cluster).mandatoryPairs().compactMap { pair -> (first: Rsc, then: Rsc)? in
            guard pair.firstAction == "start", pair.thenAction == "start", !pair.anyFirst, pair.firsts.count == 1,
                  let first = pair.firsts.first, first.kind == .clone, first.cloneMin == 0,
                  pair.then.kind == .clone, pair.then.interleave else { return nil }
            return (first, pair.then)
        }
        guard !pairs.isEmpty else { return }
        var changed = true
        while changed {
            changed = false
            for (first, then) in pairs {
                for instance in then.children {
                    guard let node = instance.primitives.first?.assignedTo,
                          !first.children.contains(where: { $0.primitives.first?.assignedTo === node }) else { continue }
                    for p in instance.primitives {
                        p.inhibitedOn = p.assignedTo
                        p.assignedTo = nil
                        p.nextRole = .stopped
                        cluster.trail?.blockStart(p, "it is ordered after \(first.id) (interleaved), which has no instance on \(node.uname)")
                    }
                    changed = true
                }
            }
        }
    }
}
