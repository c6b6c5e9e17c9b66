import HalyardModel

/// Decides which assigned primitives can actually start (or keep running): the node must be
/// usable, quorum rules must allow it, every mandatory ordering's first resource must be able
/// to start, and a mandatory colocation's primary must be able to start somewhere.
struct Runnability {
    let cluster: WorkingSet

    /// Which primitives can start and which cannot stop, decided once after assignment for
    /// both the placement and the transition.
    struct Verdicts {
        /// The primitives whose start is runnable (`runnableStarts()`).
        let runnable: Set<ObjectIdentifier>
        /// The primitives that cannot be stopped (`blockedStops()`).
        let stuck: Set<ObjectIdentifier>
    }

    func verdicts() -> Verdicts {
        Verdicts(runnable: runnableStarts(), stuck: blockedStops())
    }

    /// The primitives (by object identity) whose start is runnable.
    func runnableStarts() -> Set<ObjectIdentifier> {
        let primitives = cluster.allResources.filter { $0.kind == .primitive }
        var runnable = Set<ObjectIdentifier>()
        for p in primitives where baseRunnable(p) { runnable.insert(ObjectIdentifier(p)) }
        let requirements = orderRequirements()
        var changed = true
        while changed {
            changed = false
            for requirement in requirements where !requirement.first(runnable) {
                for p in requirement.then.primitives where requirement.affects(p) {
                    if runnable.remove(ObjectIdentifier(p)) != nil {
                        changed = true
                        cluster.trail?.blockStart(p, requirement.why())
                    }
                }
            }
            for top in cluster.resources where !canStart(top, runnable) {
                for c in top.withThis where c.score >= ScoreMath.infinity {
                    for p in c.dependent.primitives where runnable.remove(ObjectIdentifier(p)) != nil {
                        changed = true
                        cluster.trail?.blockStart(p, "it must be with \(top.id) (colocation \(c.id)), which cannot start")
                    }
                }
            }
        }
        return runnable
    }

    private func baseRunnable(_ p: Rsc) -> Bool {
        guard let node = p.assignedTo, p.nextRole != .stopped else { return false }
        guard node.online, !node.pending else {
            cluster.trail?.blockStart(p, "its node \(node.uname) is not a full member yet")
            return false
        }
        if p.blocked {
            cluster.trail?.blockStart(p, "it is blocked (on-fail=block, multiple-active=block, or a failed stop where fencing is impossible)")
            return false
        }
        if !p.managed { return true }
        if let node = unprobedPendingNode(p) {
            cluster.trail?.blockStart(p, "it cannot be probed on pending node \(node.uname) yet")
            return false
        }
        if p.meta["requires"] == "nothing" { return true }
        if cluster.hasQuorum { return true }
        let policy = cluster.options.noQuorumPolicy
        let allowed = switch policy {
        case .ignore: true
        case .freeze: !p.runningOn.isEmpty && p.nextRole <= p.role
        default: false
        }
        if !allowed { cluster.trail?.blockStart(p, "the cluster has no quorum (no-quorum-policy=\(policy.rawValue))") }
        return allowed
    }

    /// A pending node where an inactive `p` still needs a probe: the probe cannot run, and the
    /// start waits for it (a clone instance waits for the probe of any instance of its clone;
    /// resources already active elsewhere keep running).
    private func unprobedPendingNode(_ p: Rsc) -> ClusterNode? {
        guard p.runningOn.isEmpty, !p.isOrphan, cluster.options.enableStartupProbes else { return nil }
        let scope = p.enclosingClone.flatMap { $0.globallyUnique ? nil : $0 } ?? p
        return cluster.nodes.first { node in
            node.online && !node.unclean && node.pending
                && !scope.primitives.contains { $0.baseID == p.baseID && ProbeScheduler.isKnown($0, on: node) }
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

    /// "`then` may start only if `first` can": from a mandatory start ordering or a group chain.
    /// An asymmetric ordering only holds back starts (including a failed resource's recovery),
    /// never a resource already running well.
    private struct Requirement {
        let then: Rsc
        let onlyNewStarts: Bool
        let first: (Set<ObjectIdentifier>) -> Bool
        /// Why `then` cannot start when `first` fails, in plain words.
        let why: () -> String

        func affects(_ p: Rsc) -> Bool {
            !onlyNewStarts || p.failed || !p.runningOn.contains(where: { $0 === p.assignedTo })
        }
    }

    /// One "first then" pair of an order constraint; `firsts` are alternatives when
    /// `anyFirst` (require-all=false), else all required.
    struct OrderPair {
        let firsts: [Rsc]
        let anyFirst: Bool
        let firstAction: String
        let then: Rsc
        let thenAction: String
        let symmetrical: Bool
    }

    private func orderRequirements() -> [Requirement] {
        var result: [Requirement] = []
        for top in cluster.resources {
            for group in groups(in: top) {
                for (previous, member) in zip(group.children, group.children.dropFirst()) {
                    result.append(Requirement(then: member, onlyNewStarts: false, first: { canStart(previous, $0) },
                                              why: { "it follows \(previous.id) in group \(group.id), which cannot start" }))
                }
            }
        }
        for pair in mandatoryPairs() where pair.firstAction == "start" && pair.thenAction == "start" {
            let onlyNew = !pair.symmetrical
            if !pair.anyFirst, pair.firsts.count == 1, let first = pair.firsts.first,
               first.kind == .clone && first.cloneMin == 0 && pair.then.kind == .clone && pair.then.interleave {
                for instance in pair.then.children {
                    result.append(Requirement(then: instance, onlyNewStarts: onlyNew, first: { runnable in
                        guard let node = instance.primitives.first?.assignedTo else { return true }
                        return first.children.contains { $0.primitives.first?.assignedTo === node && canStart($0, runnable) }
                    }, why: { "it is ordered after \(first.id) (interleaved), whose instance on its node cannot start" }))
                }
            } else if pair.anyFirst {
                result.append(Requirement(then: pair.then, onlyNewStarts: onlyNew, first: { runnable in
                    pair.firsts.contains { canStart($0, runnable) }
                }, why: { "it is ordered after any of \(pair.firsts.map(\.id).joined(separator: ", ")), none of which can start" }))
            } else {
                for first in pair.firsts {
                    result.append(Requirement(then: pair.then, onlyNewStarts: onlyNew, first: { canStart(first, $0) },
                                              why: { "it is ordered after \(first.id) (mandatory order), which cannot start" }))
                }
            }
        }
        return result
    }

    /// Primitives that cannot be stopped because a resource ordered after them (which must stop
    /// first) is blocked.
    func blockedStops() -> Set<ObjectIdentifier> {
        var result = Set<ObjectIdentifier>()
        func isBlocked(_ rsc: Rsc) -> Bool { rsc.primitives.contains { $0.blocked && !$0.runningOn.isEmpty } }
        // A group stops its members last to first: a blocked member holds the earlier ones.
        for top in cluster.resources {
            for group in groups(in: top) {
                guard let last = group.children.lastIndex(where: isBlocked) else { continue }
                for member in group.children[..<last] { result.insert(ObjectIdentifier(member)) }
            }
        }
        for pair in mandatoryPairs() {
            if pair.symmetrical && pair.firstAction == "start" && isBlocked(pair.then) {
                for first in pair.firsts { for p in first.primitives { result.insert(ObjectIdentifier(p)) } }
            } else if pair.firstAction == "stop" && pair.thenAction == "stop" && pair.firsts.contains(where: isBlocked) {
                for p in pair.then.primitives { result.insert(ObjectIdentifier(p)) }
            }
        }
        return result
    }

    func groups(in rsc: Rsc) -> [Rsc] {
        (rsc.kind == .group ? [rsc] : []) + rsc.children.flatMap(groups)
    }

    /// The ordered pairs of every mandatory order constraint, with resource sets expanded.
    func mandatoryPairs() -> [OrderPair] { pairs(of: .mandatory) }

    /// The ordered pairs of every order constraint of `kind`, with resource sets expanded.
    func pairs(of kind: OrderConstraint.Kind) -> [OrderPair] {
        var result: [OrderPair] = []
        for case .order(let o) in cluster.configuration.constraints where o.effectiveKind == kind {
            let symmetrical = o.symmetrical ?? true
            if o.resourceSets.isEmpty {
                guard let first = o.first.flatMap(cluster.constraintResource),
                      let then = o.then.flatMap(cluster.constraintResource) else { continue }
                let firstAction = o.firstAction ?? "start"
                result.append(OrderPair(firsts: [first], anyFirst: o.requireAll == false, firstAction: firstAction, then: then,
                                        thenAction: o.thenAction ?? firstAction, symmetrical: symmetrical))
                continue
            }
            var previous: (members: [Rsc], set: ResourceSet)?
            for set in o.resourceSets {
                let members = set.resources.compactMap(cluster.constraintResource)
                let action = set.action ?? "start"
                let sequential = set.sequential ?? true
                if sequential && (set.kind ?? o.effectiveKind) == kind {
                    for (a, b) in zip(members, members.dropFirst()) {
                        result.append(OrderPair(firsts: [a], anyFirst: false, firstAction: action, then: b,
                                                thenAction: action, symmetrical: symmetrical))
                    }
                }
                if let previous {
                    let previousSequential = previous.set.sequential ?? true
                    let firsts = previousSequential ? Array(previous.members.suffix(1)) : previous.members
                    let thens = sequential ? Array(members.prefix(1)) : members
                    let anyFirst = previous.set.requireAll == false
                    for then in thens {
                        result.append(OrderPair(firsts: firsts, anyFirst: anyFirst, firstAction: previous.set.action ?? "start",
                                                then: then, thenAction: action, symmetrical: symmetrical))
                    }
                }
                previous = (members, set)
            }
        }
        return result
    }
}
