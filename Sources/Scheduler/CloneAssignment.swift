/// Distributes a clone's instances over nodes: instances first stay where they run (up to an
/// even share per node), then the rest go to the best nodes, never more than clone-node-max per
/// node nor clone-max in all.
struct CloneAssignment {
    let assigner: Assigner
    var cluster: WorkingSet { assigner.cluster }
    var nodes: [ClusterNode] { cluster.nodes }

    func assign(_ clone: Rsc, prefer: ClusterNode?) -> ClusterNode? {
        guard clone.provisional, !clone.allocating else { return nil }
        clone.allocating = true
        for colocation in clone.thisWith { assigner.assign(colocation.primary, prefer: prefer) }
        let scores = ColocationScores(cluster: cluster)
        for colocation in clone.withThis where colocation.hasInfluence() {
            let before = clone.allowed
            var table = before
            scores.addColocatedScores(from: colocation.dependent, into: &table,
                                      attribute: colocation.nodeAttribute,
                                      factor: Float(colocation.score) / Float(ScoreMath.infinity),
                                      flags: [.active, .nonNegative])
            clone.allowed = table
            cluster.trail?.addDependents(colocation, to: clone, since: before)
        }
        cluster.trail?.snapshot(.clone, clone)
        let instances = clone.children
        let colocated = instances.map { colocatedScore(of: $0, clone: clone) }
        let ordered = instances.indices.sorted { i, j in
            let order = compareInstances(instances[i], instances[j], clone: clone, colocated: (colocated[i], colocated[j]))
            return order != 0 ? order < 0 : i < j
        }.map { instances[$0] }
        clone.instancesByAssignment = ordered
        distribute(clone, instances: ordered)
        clone.provisional = false
        clone.allocating = false
        return nil
    }

    private func distribute(_ clone: Rsc, instances: [Rsc]) {
        clone.instanceCounts = [:]
        let available = clone.allowed.keys.filter { nodes[$0].isAvailable }.count
        let maxInstances = max(clone.cloneMax, 0)
        let allColocations = maxInstances < available
        let optimalPerNode = max(1, available > 0 ? maxInstances / available : 0)
        var allocated = 0

        for instance in instances where allocated < maxInstances {
            guard let current = instance.currentNode, instance.provisional, !didFail(instance) else { continue }
            guard current.isAvailable else { continue }
            if clone.allowed[current.index] != nil, clone.instanceCounts[current.index, default: 0] >= optimalPerNode { continue }
            if assignInstance(instance, of: clone, prefer: current, allColocations: allColocations) != nil {
                allocated += 1
            }
        }
        for instance in instances where instance.provisional {
            if allocated >= maxInstances {
                for node in nodes {
                    instance.addLocation(node, -ScoreMath.infinity)
                    cluster.trail?.add(instance, node, .cloneLimit, -ScoreMath.infinity,
                                       "clone-max=\(clone.cloneMax): enough instances of \(clone.id) are already placed")
                }
                // Left provisional rather than assigned to no node: a colocation with the
                // clone then ignores the instance instead of counting it as stopped.
                for primitive in instance.primitives { primitive.nextRole = .stopped }
            } else if assignInstance(instance, of: clone, prefer: nil, allColocations: allColocations) != nil {
                allocated += 1
            }
        }
    }

    private func didFail(_ rsc: Rsc) -> Bool { rsc.failed || rsc.children.contains(where: didFail) }

    private func assignInstance(_ instance: Rsc, of clone: Rsc, prefer: ClusterNode?, allColocations: Bool) -> ClusterNode? {
        guard instance.provisional else { return assigner.assignedNode(instance) }
        guard !instance.allocating else { return nil }
        inheritColocations(clone, into: instance, all: allColocations)
        if let prefer {
            guard let score = instance.allowed[prefer.index], score >= 0 else { return nil }
        }
        limitToCapacity(instance, of: clone)
        let backup = instance.allowed
        var chosen = assigner.assign(instance, prefer: prefer)
        if let node = chosen, let prefer, node !== prefer {
            instance.allowed = backup
            assigner.unassign(instance)
            chosen = nil
        }
        if let chosen { clone.instanceCounts[chosen.index, default: 0] += 1 }
        return chosen
    }

    /// Instances follow the clone's colocations: all of them when not every node gets a copy,
    /// otherwise only mandatory and negative ones. Each attempt to assign an instance adds
    /// them again, so an instance tried first on its current node and then elsewhere counts
    /// them twice (as Pacemaker does; its scores show it).
    private func inheritColocations(_ clone: Rsc, into instance: Rsc, all: Bool) {
        for c in clone.thisWith where all || c.score < 0 || c.score == ScoreMath.infinity {
            ColocationUnpacker.addThisWith(c, to: instance)
        }
        for c in clone.withThis where c.hasInfluence(on: instance) && (all || c.score < 0) {
            ColocationUnpacker.addWithThis(c, to: instance)
        }
    }

    /// Bans nodes that cannot take another instance (unavailable, banned for the clone, or at
    /// clone-node-max).
    private func limitToCapacity(_ instance: Rsc, of clone: Rsc) {
        for index in Array(instance.allowed.keys) {
            let node = nodes[index]
            if node.isAvailable && !instance.isOrphan, let parentScore = clone.allowed[index], parentScore >= 0,
               clone.instanceCounts[index, default: 0] < clone.cloneNodeMax {
                continue
            }
            setScore(instance, index, -ScoreMath.infinity)
            cluster.trail?.addCapacityLimit(instance, of: clone, on: node)
        }
    }

    private func setScore(_ rsc: Rsc, _ index: Int, _ score: Int) {
        if rsc.allowed[index] != nil { rsc.allowed[index] = score }
        for child in rsc.children { setScore(child, index, score) }
    }

    /// Pacemaker's instance assignment order (negative: `a` first); `colocated` holds each
    /// one's `colocatedScore`.
    private func compareInstances(_ a: Rsc, _ b: Rsc, clone: Rsc, colocated: (Int?, Int?)) -> Int {
        let n1 = a.runningOn.count, n2 = b.runningOn.count
        if n1 > 0 && n2 > 0 && n1 != n2 { return n1 < n2 ? -1 : 1 }
        var node1 = a.currentNode, node2 = b.currentNode
        let can1 = isAllowed(a, &node1), can2 = isAllowed(b, &node2)
        if can1 != can2 { return can1 ? -1 : 1 }
        if a.priority != b.priority { return a.priority > b.priority ? -1 : 1 }
        guard let current1 = node1, let current2 = node2 else {
            if node1 == nil && node2 == nil { return 0 }
            return node1 == nil ? 1 : -1
        }
        if current1.isAvailable != current2.isAvailable { return current1.isAvailable ? -1 : 1 }
        let top1 = clone.allowed[current1.index] != nil, top2 = clone.allowed[current2.index] != nil
        if !top1 && !top2 { return 0 }
        if top1 != top2 { return top1 ? -1 : 1 }
        let f1 = didFail(a), f2 = didFail(b)
        if f1 != f2 { return f1 ? 1 : -1 }
        if let score1 = colocated.0, let score2 = colocated.1, score1 != score2 {
            return score1 > score2 ? -1 : 1
        }
        return (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0)
    }

    /// What the clone's colocations make of the node where `instance` is active: the node's
    /// own weight plus the clone's primaries' preferences and its dependents' non-negative
    /// ones (nil for an inactive instance).
    private func colocatedScore(of instance: Rsc, clone: Rsc) -> Int? {
        guard let node = instance.currentNode else { return nil }
        var table = [node.index: node.weight]
        let scores = ColocationScores(cluster: cluster)
        for c in clone.thisWith {
            scores.addColocatedScores(from: c.primary, into: &table, attribute: c.nodeAttribute,
                                      factor: Float(c.score) / Float(ScoreMath.infinity), flags: [])
        }
        for c in clone.withThis where c.hasInfluence(on: instance) {
            scores.addColocatedScores(from: c.dependent, into: &table, attribute: c.nodeAttribute,
                                      factor: Float(c.score) / Float(ScoreMath.infinity), flags: .nonNegative)
        }
        return table[node.index] ?? node.weight
    }

    private func isAllowed(_ rsc: Rsc, _ node: inout ClusterNode?) -> Bool {
        guard let n = node else { return true }
        if let score = rsc.allowed[n.index], score >= 0 { return true }
        node = nil
        return false
    }
}
