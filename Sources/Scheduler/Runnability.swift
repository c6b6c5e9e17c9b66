import HalyardModel

/// Decides which assigned primitives can actually start (or keep running): the node must be
/// usable, quorum rules must allow it, every mandatory ordering's first resource must be able
/// to start, and a mandatory colocation's primary must be able to start somewhere.
struct Runnability {
    let cluster: WorkingSet

    /// The primitives (by object identity) whose start is runnable.
    func runnableStarts() -> Set<ObjectIdentifier> {
        let primitives = cluster.allResources.filter { $0.kind == .primitive }
        var runnable = Set<ObjectIdentifier>()
        for p in primitives where baseRunnable(p) { runnable.insert(ObjectIdentifier(p)) }
        let requirements = orderRequirements()
        var changed = true
        while changed {
            changed = false
            for (then, first) in requirements where !first(runnable) {
                for p in then.primitives where runnable.remove(ObjectIdentifier(p)) != nil { changed = true }
            }
            for top in cluster.resources where !canStart(top, runnable) {
                for c in top.withThis where c.score >= ScoreMath.infinity {
                    for p in c.dependent.primitives where runnable.remove(ObjectIdentifier(p)) != nil { changed = true }
                }
            }
        }
        return runnable
    }

    private func baseRunnable(_ p: Rsc) -> Bool {
        guard let node = p.assignedTo, p.nextRole != .stopped else { return false }
        guard node.online, !node.pending else { return false }
        if !p.managed { return true }
        if p.meta["requires"] == "nothing" { return true }
        if cluster.hasQuorum { return true }
        switch cluster.options.noQuorumPolicy {
        case .ignore: return true
        case .freeze: return !p.runningOn.isEmpty && p.nextRole <= p.role
        default: return false
        }
    }

    /// Whether a resource's start is runnable: all members of a group, any instance of a
    /// clone (at least clone-min of them when set).
    func canStart(_ rsc: Rsc, _ runnable: Set<ObjectIdentifier>) -> Bool {
        switch rsc.kind {
        case .primitive: return runnable.contains(ObjectIdentifier(rsc))
        case .group: return rsc.children.allSatisfy { canStart($0, runnable) }
        case .clone:
            let count = rsc.children.filter { canStart($0, runnable) }.count
            return rsc.cloneMin > 0 ? count >= rsc.cloneMin : count > 0
        }
    }

    private typealias Requirement = (then: Rsc, first: (Set<ObjectIdentifier>) -> Bool)

    /// (then, first-is-runnable) pairs from mandatory start orderings and group chains.
    private func orderRequirements() -> [Requirement] {
        var result: [Requirement] = []
        for top in cluster.resources {
            for group in groups(in: top) {
                for (previous, member) in zip(group.children, group.children.dropFirst()) {
                    result.append((member, { canStart(previous, $0) }))
                }
            }
        }
        for case .order(let o) in cluster.configuration.constraints where o.effectiveKind == .mandatory {
            for (first, firstAction, then, thenAction) in pairs(o) {
                guard firstAction == "start", thenAction == "start" else { continue }
                if first.kind == .clone && then.kind == .clone && then.interleave {
                    for instance in then.children {
                        result.append((instance, { runnable in
                            guard let node = instance.primitives.first?.assignedTo else { return true }
                            return first.children.contains { $0.primitives.first?.assignedTo === node && canStart($0, runnable) }
                        }))
                    }
                } else {
                    result.append((then, { canStart(first, $0) }))
                }
            }
        }
        return result
    }

    private func groups(in rsc: Rsc) -> [Rsc] {
        (rsc.kind == .group ? [rsc] : []) + rsc.children.flatMap(groups)
    }

    /// The (first, first action, then, then action) pairs an order constraint defines.
    private func pairs(_ o: OrderConstraint) -> [(Rsc, String, Rsc, String)] {
        if o.resourceSets.isEmpty {
            guard let first = o.first.flatMap(cluster.constraintResource),
                  let then = o.then.flatMap(cluster.constraintResource) else { return [] }
            let firstAction = o.firstAction ?? "start"
            return [(first, firstAction, then, o.thenAction ?? firstAction)]
        }
        var result: [(Rsc, String, Rsc, String)] = []
        var previousSet: (members: [Rsc], action: String, sequential: Bool)?
        for set in o.resourceSets {
            let members = set.resources.compactMap(cluster.constraintResource)
            let action = set.action ?? "start"
            let sequential = set.sequential ?? true
            if sequential {
                for (a, b) in zip(members, members.dropFirst()) { result.append((a, action, b, action)) }
            }
            if let previous = previousSet, set.kind ?? o.effectiveKind == .mandatory {
                let firsts = previous.sequential ? Array(previous.members.suffix(1)) : previous.members
                let thens = sequential ? Array(members.prefix(1)) : members
                for f in firsts { for t in thens { result.append((f, previous.action, t, action)) } }
            }
            previousSet = (members, action, sequential)
        }
        return result
    }
}
