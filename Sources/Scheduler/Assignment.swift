/// Assigns resources to nodes in Pacemaker's way: a primitive first lets the primaries of its
/// colocations be placed and applies them, folds in its dependents' preferences, then takes the
/// best allowed node; a group assigns its members in order; clones distribute instances
/// (see `CloneAssignment`).
struct Assigner {
    let cluster: WorkingSet
    var nodes: [ClusterNode] { cluster.nodes }

    func assignAll() {
        for rsc in cluster.resources { _ = assign(rsc, prefer: nil) }
    }

    @discardableResult
    func assign(_ rsc: Rsc, prefer: ClusterNode?) -> ClusterNode? {
        switch rsc.kind {
        case .primitive: return assignPrimitive(rsc, prefer: prefer)
        case .group: return assignGroup(rsc, prefer: prefer)
        case .clone: return CloneAssignment(assigner: self).assign(rsc, prefer: prefer)
        }
    }

    private func assignPrimitive(_ rsc: Rsc, prefer: ClusterNode?) -> ClusterNode? {
        if let parent = rsc.parent, !parent.allocating { assign(parent, prefer: prefer) }
        guard rsc.provisional else { return rsc.assignedTo }
        guard !rsc.allocating else { return nil }
        rsc.allocating = true
        defer { rsc.allocating = false }

        for colocation in rsc.thisWith { applyThisWith(colocation, to: rsc) }
        for colocation in rsc.withThis where colocation.hasInfluence() {
            let before = rsc.allowed
            var table = before
            ColocationScores(cluster: cluster).addColocatedScores(
                from: colocation.dependent, into: &table, attribute: colocation.nodeAttribute,
                factor: Float(colocation.score) / Float(ScoreMath.infinity), flags: [.active])
            rsc.allowed = table
            cluster.trail?.addDependents(colocation, to: rsc, since: before)
        }
        if rsc.nextRole == .stopped {
            for node in nodes {
                rsc.addLocation(node, -ScoreMath.infinity)
                cluster.trail?.add(rsc, node, .targetRole, -ScoreMath.infinity,
                                   rsc.requestedRole == nil ? "it must stop (its failure policy)" : "target-role=\(rsc.meta["target-role"] ?? "")")
            }
        } else if rsc.nextRole > rsc.role && !cluster.hasQuorum && cluster.options.noQuorumPolicy == .freeze {
            rsc.nextRole = rsc.role
        }
        cluster.trail?.snapshot(.primitive, rsc)
        if cluster.options.fencingEnabled && !cluster.hasFencingDevice { rsc.managed = false }

        if !rsc.managed {
            rsc.nextRole = rsc.role
            finalize(rsc, rsc.currentNode, force: true)
        } else if cluster.options.stopAllResources {
            finalize(rsc, nil, force: true)
        } else {
            assignBest(rsc, prefer: prefer)
        }
        return rsc.assignedTo
    }

    private func applyThisWith(_ colocation: Colocation, to rsc: Rsc) {
        let needsArchive = colocation.dependentRole >= .promoted
            || (colocation.score < 0 && colocation.score > -ScoreMath.infinity)
        let archive = needsArchive ? rsc.allowed : nil
        assign(colocation.primary, prefer: nil)
        ColocationScores(cluster: cluster).apply(colocation, dependent: rsc, primary: colocation.primary)
        if let archive, !NodeScores.anyAvailable(rsc.allowed, nodes: nodes) { rsc.allowed = archive }
    }

    private func assignBest(_ rsc: Rsc, prefer: ClusterNode?) {
        guard rsc.provisional else { return }
        let candidates = NodeScores.sorted(rsc.allowed, nodes: nodes, current: rsc.currentNode)
        var chosen: ClusterNode?
        if let prefer, let best = candidates.first, let score = rsc.allowed[prefer.index] {
            if score >= best.score && prefer.isAvailable && score >= 0 { chosen = prefer }
        }
        if chosen == nil, let best = candidates.first {
            chosen = best.node
            let uniqueInstance = rsc.enclosingClone.map { $0 !== rsc && $0.globallyUnique } ?? false
            if !uniqueInstance && best.score > 0 && best.node.isAvailable,
               let running = rsc.currentNode, running.isAvailable {
                for candidate in candidates.dropFirst() {
                    if candidate.score != best.score { break }
                    if candidate.node === running { chosen = running }
                }
            }
        }
        finalize(rsc, chosen, force: false)
    }

    /// Records the assignment of a primitive (nil: it will be stopped).
    func finalize(_ rsc: Rsc, _ node: ClusterNode?, force: Bool) {
        var chosen = node
        if !force, let candidate = chosen {
            if (rsc.allowed[candidate.index] ?? -ScoreMath.infinity) < 0 || !candidate.isAvailable {
                rsc.nextRole = .stopped
                chosen = nil
            }
        }
        unassign(rsc)
        rsc.provisional = false
        guard let chosen else {
            rsc.nextRole = .stopped
            return
        }
        rsc.assignedTo = chosen
        chosen.assignedCount += 1
    }

    /// Undoes an assignment (recursively), making the resource provisional again.
    func unassign(_ rsc: Rsc) {
        for child in rsc.children { unassign(child) }
        if let old = rsc.assignedTo {
            old.assignedCount -= 1
            rsc.assignedTo = nil
        }
        rsc.provisional = true
    }

    /// Assigns (recursively) every primitive under `rsc` to `node`, or stops them all.
    func assignAllTo(_ rsc: Rsc, _ node: ClusterNode?) {
        if rsc.kind == .primitive { finalize(rsc, node, force: true) }
        for child in rsc.children { assignAllTo(child, node) }
        rsc.provisional = false
    }

    private func assignGroup(_ group: Rsc, prefer: ClusterNode?) -> ClusterNode? {
        guard group.provisional else { return assignedNode(group) }
        guard !group.allocating else { return nil }
        guard let first = group.children.first else {
            group.provisional = false
            return nil
        }
        group.allocating = true
        group.role = first.role
        expandColocations(group)
        cluster.trail?.snapshot(.group, group)
        var firstAssigned: ClusterNode?
        for member in group.children {
            let node = assign(member, prefer: prefer)
            if firstAssigned == nil { firstAssigned = node }
        }
        group.nextRole = first.nextRole
        group.allocating = false
        group.provisional = false
        return firstAssigned
    }

    /// "Group with R" becomes "first member with R"; "R with group" becomes "R with last member".
    private func expandColocations(_ group: Rsc) {
        guard let first = group.children.first, let last = group.children.last else { return }
        for colocation in group.thisWith { ColocationUnpacker.addThisWith(colocation, to: first) }
        var anyUnmanaged = !first.managed
        for member in group.children.dropFirst() {
            if anyUnmanaged {
                for colocation in group.thisWith where colocation.score >= ScoreMath.infinity {
                    ColocationUnpacker.addThisWith(colocation, to: member)
                }
            } else if !member.managed {
                anyUnmanaged = true
            }
        }
        group.thisWith = []
        for colocation in group.withThis { ColocationUnpacker.addWithThis(colocation, to: last) }
        group.withThis = []
    }

    /// Where a resource is assigned: a primitive's node, or the single node its assigned
    /// members share.
    func assignedNode(_ rsc: Rsc) -> ClusterNode? {
        if rsc.kind == .primitive { return rsc.assignedTo }
        var found: ClusterNode?
        for child in rsc.children {
            guard let node = assignedNode(child) else { continue }
            if let f = found, f !== node { return nil }
            found = node
        }
        return found
    }
}
