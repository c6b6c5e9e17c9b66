/// How colocations change allowed-node scores: a dependent follows (or avoids) where its
/// primary was assigned, and a primary is pulled by the (attenuated) preferences of its
/// dependents, recursively through chains of colocations.
struct ColocationScores {
    let cluster: WorkingSet
    var nodes: [ClusterNode] { cluster.nodes }

    /// Options of a recursive score merge.
    struct Flags: OptionSet {
        let rawValue: Int
        /// Follow the resource's own "this with" colocations instead of its dependents.
        static let thisWith = Flags(rawValue: 1)
        /// Roll back a merge that would leave no node available.
        static let active = Flags(rawValue: 2)
        /// Never let a merge turn a node's score negative.
        static let nonNegative = Flags(rawValue: 4)
    }

    // MARK: dependent side

    /// Applies `colocation` to `dependent` (a primitive) now that `primary` is assigned.
    func apply(_ colocation: Colocation, dependent: Rsc, primary: Rsc) {
        switch primary.kind {
        case .primitive:
            if affectsLocation(dependent: dependent, primary: primary, colocation) {
                applyToScores(dependent: dependent, primary: primary, colocation)
            }
        case .group:
            guard !primary.provisional else { return }
            let member = colocation.score >= ScoreMath.infinity ? primary.children.last : primary.children.first
            if let member { apply(colocation, dependent: dependent, primary: member) }
        case .clone:
            applyWithClone(colocation, dependent: dependent, clone: primary)
        }
    }

    private func affectsLocation(dependent: Rsc, primary: Rsc, _ c: Colocation) -> Bool {
        if primary.provisional || !dependent.provisional { return false }
        if c.score > 0 {
            if c.dependentRole != .unknown && c.dependentRole != dependent.nextRole { return false }
            if c.primaryRole != .unknown && c.primaryRole != primary.nextRole { return false }
        } else if c.score < 0 {
            if c.dependentRole != .unknown && c.dependentRole == dependent.nextRole { return false }
            if c.primaryRole != .unknown && c.primaryRole == primary.nextRole { return false }
        }
        return true
    }

    private func applyToScores(dependent: Rsc, primary: Rsc, _ c: Colocation) {
        let target = primary.assignedTo
        if target == nil && c.score < 0 { return }
        let value = target?.attributes[c.nodeAttribute]?.lowercased()
        var work = dependent.allowed
        for (index, score) in work {
            if target == nil {
                work[index] = ScoreMath.add(-c.score, score)
            } else if nodes[index].attributes[c.nodeAttribute]?.lowercased() == value {
                if c.score < ScoreMath.infinity { work[index] = ScoreMath.add(c.score, score) }
            } else if c.score >= ScoreMath.infinity {
                work[index] = ScoreMath.add(-c.score, score)
            }
        }
        if abs(c.score) >= ScoreMath.infinity || NodeScores.anyAvailable(work, nodes: nodes) {
            let before = dependent.allowed
            dependent.allowed = work
            cluster.trail?.addChanges(dependent, since: before, .colocation) { _ in
                "colocation \(c.id) (score \(ScoreText.format(c.score))) with \(primary.id), " +
                    (target.map { "which is placed on \($0.uname)" } ?? "which is not placed anywhere")
            }
        }
    }

    private func applyWithClone(_ c: Colocation, dependent: Rsc, clone: Rsc) {
        guard !clone.provisional else { return }
        let assigner = Assigner(cluster: cluster)
        // Interleaving pairs instances only when both clones are configured for as many
        // instances per node (as written: an anonymous clone's clone-node-max=2 still counts
        // as 2 here, though it runs one instance per node).
        if c.dependent.kind == .clone && c.dependent.interleave && c.dependent.configuredCloneNodeMax == clone.configuredCloneNodeMax {
            if let instance = compatibleInstance(of: clone, for: dependent) {
                apply(c, dependent: dependent, primary: instance)
            } else if c.score >= ScoreMath.infinity {
                assigner.assignAllTo(dependent, nil)
            }
            return
        }
        if c.score >= ScoreMath.infinity {
            var hosts = Set<Int>()
            for instance in clone.children where !instance.blocked {
                if let node = assigner.assignedNode(instance) { hosts.insert(node.index) }
            }
            for index in dependent.allowed.keys where !hosts.contains(index) {
                dependent.allowed[index] = -ScoreMath.infinity
                cluster.trail?.add(dependent, nodes[index], .colocation, -ScoreMath.infinity,
                                   "colocation \(c.id) (score INFINITY) with clone \(clone.id), which has no instance on \(nodes[index].uname)")
            }
            for index in hosts where dependent.allowed[index] == nil {
                dependent.allowed[index] = -ScoreMath.infinity
            }
            return
        }
        for instance in clone.instancesInAssignmentOrder { apply(c, dependent: dependent, primary: instance) }
    }

    /// The primary clone's instance on the node where `dependent` is (or would best be) placed.
    private func compatibleInstance(of clone: Rsc, for dependent: Rsc) -> Rsc? {
        let assigner = Assigner(cluster: cluster)
        let candidates: [ClusterNode]
        if let node = assigner.assignedNode(dependent) {
            candidates = [node]
        } else {
            candidates = NodeScores.sorted(dependent.allowed, nodes: nodes, current: nil).map(\.node)
        }
        for node in candidates {
            if let match = clone.instancesInAssignmentOrder.first(where: { !$0.blocked && assigner.assignedNode($0) === node }) {
                return match
            }
        }
        return nil
    }

    // MARK: primary side

    /// Adds `rsc`'s (and, recursively, its colocated resources') preferences, scaled by
    /// `factor`, to the score table `table`.
    func addColocatedScores(from rsc: Rsc, into table: inout [Int: Int], attribute: String,
                            factor: Float, flags: Flags) {
        guard !rsc.merging else { return }
        rsc.merging = true
        defer { rsc.merging = false }

        var work = table
        if rsc.kind == .group {
            guard let first = rsc.children.first else { return }
            addColocatedScores(from: first, into: &work, attribute: attribute, factor: factor, flags: flags)
        } else {
            addMatchingScores(into: &work, from: rsc, attribute: attribute, factor: factor,
                              onlyPositive: flags.contains(.nonNegative))
        }
        if NodeScores.anyAvailable(work, nodes: nodes) {
            let multiplier: Float = factor < 0 ? -1 : 1
            let list: [Colocation]
            if flags.contains(.thisWith) {
                list = rsc.thisWith
            } else if rsc.kind == .group, let last = rsc.children.last {
                list = last.withThis
            } else {
                list = rsc.withThis
            }
            for c in list {
                let other: Rsc
                if flags.contains(.thisWith) {
                    other = c.primary
                } else if c.hasInfluence() {
                    other = c.dependent
                } else {
                    continue
                }
                addColocatedScores(from: other, into: &work, attribute: c.nodeAttribute,
                                   factor: multiplier * Float(c.score) / Float(ScoreMath.infinity),
                                   flags: flags.union(.active))
            }
        } else if flags.contains(.active) {
            return
        }
        if flags.contains(.nonNegative) {
            for (index, score) in work where score == NodeScores.unusable { work[index] = 1 }
        }
        table = work
    }

    private func addMatchingScores(into work: inout [Int: Int], from rsc: Rsc, attribute: String,
                                   factor: Float, onlyPositive: Bool) {
        for (index, current) in work {
            let score = bestScore(of: rsc, attribute: attribute, sameAs: nodes[index])
            if factor < 0 && score < 0 { continue }
            if current == NodeScores.unusable { continue }
            let product = factor * Float(score)
            var weight = Int(product < 0 ? product - 0.5 : product + 0.5)
            if weight == 0 && score != 0 {
                if factor > 0 { weight = 1 } else if factor < 0 { weight = -1 }
            }
            let updated = ScoreMath.add(weight, current)
            if onlyPositive && updated < 0 && current > 0 {
                work[index] = NodeScores.unusable
                continue
            }
            if onlyPositive && updated < 0 && current == 0 { continue }
            work[index] = updated
        }
    }

    /// The best score `rsc` has on an available node whose `attribute` equals `reference`'s.
    private func bestScore(of rsc: Rsc, attribute: String, sameAs reference: ClusterNode) -> Int {
        // Node names are unique: only the node itself shares its `#uname`.
        if attribute == "#uname" {
            guard reference.isAvailable, let score = rsc.allowed[reference.index] else { return -ScoreMath.infinity }
            return max(score, -ScoreMath.infinity)
        }
        let value = reference.attributes[attribute]?.lowercased()
        var best = -ScoreMath.infinity
        for (index, score) in rsc.allowed where score > best {
            let node = nodes[index]
            if node.isAvailable && node.attributes[attribute]?.lowercased() == value { best = score }
        }
        return best
    }
}
