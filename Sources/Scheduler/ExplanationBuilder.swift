/// Builds an `Explanation` from a result recorded with `.scores` and `.contributions`: the
/// allocation scores give each node's total, the contributions its parts, and the diagnostics
/// the conditions of nodes, quorum and the resource itself.
public struct ExplanationBuilder {
    let result: SchedulerResult
    private var diagnostics: SchedulerDiagnostics { result.diagnostics }

    public init(result: SchedulerResult) { self.result = result }

    /// The explanation for `resource` (a primitive, group, clone or clone child id), or nil
    /// when the result has no such resource.
    public func explain(_ resource: String, node: String?) -> Explanation? {
        let placements = result.resources.filter { p in
            guard !(p.orphan && p.currentNodes.isEmpty) else { return false }
            return [p.id, p.configuredID, p.groupID, p.cloneID].contains(resource)
        }
        guard !placements.isEmpty else { return nil }
        return Explanation(resource: resource, node: node, instances: placements.map { instance($0, asked: node) })
    }

    private func instance(_ p: ResourcePlacement, asked: String?) -> InstanceExplanation {
        var totals: [String: Int] = [:]
        for s in diagnostics.scores where s.stage == .primitive && s.resource == p.id { totals[s.node] = s.score }
        var nodes = Set(totals.keys)
        if let asked { nodes.insert(asked) }
        let verdicts = nodes.map { verdict(p, node: $0, score: totals[$0]) }.sorted { a, b in
            if (a.node == p.assignedNode) != (b.node == p.assignedNode) { return a.node == p.assignedNode }
            if a.available != b.available { return a.available }
            let sa = a.score ?? Int.min, sb = b.score ?? Int.min
            return sa != sb ? sa > sb : a.node < b.node
        }
        return InstanceExplanation(id: p.id, currentNodes: p.currentNodes, finalNodes: p.finalNodes,
                                   assignedNode: p.assignedNode, facts: facts(p, verdicts: verdicts), verdicts: verdicts)
    }

    private func verdict(_ p: ResourcePlacement, node: String, score: Int?) -> NodeVerdict {
        var reasons: [ExplanationReason] = []
        let condition = diagnostics.node(node)
        if let why = condition?.unavailableReason { reasons.append(ExplanationReason(node: node, score: nil, text: "\(node) is \(why)")) }
        if condition == nil { reasons.append(ExplanationReason(node: node, score: nil, text: "\(node) is not a cluster node")) }
        for c in diagnostics.contributions where c.node == node {
            if c.resource == p.id {
                reasons.append(ExplanationReason(node: node, score: c.score, text: c.detail))
            } else if c.resource == p.cloneID {
                reasons.append(ExplanationReason(node: node, score: c.score, text: "for clone \(c.resource): \(c.detail)"))
            }
        }
        return NodeVerdict(node: node, score: score, available: condition?.isAvailable ?? false,
                           reasons: Self.mostDecisiveFirst(reasons))
    }

    static func mostDecisiveFirst(_ reasons: [ExplanationReason]) -> [ExplanationReason] {
        reasons.enumerated().sorted { a, b in
            a.element.weight != b.element.weight ? a.element.weight > b.element.weight : a.offset < b.offset
        }.map(\.element)
    }

    private func facts(_ p: ResourcePlacement, verdicts: [NodeVerdict]) -> [ExplanationReason] {
        var facts: [ExplanationReason] = []
        func fact(_ text: String, node: String? = nil, score: Int? = nil) {
            facts.append(ExplanationReason(node: node, score: score, text: text))
        }
        if p.orphan { fact("it is no longer in the configuration (an orphan), so it is stopped") }
        if let why = diagnostics.blockedStarts[p.id] { fact("its start cannot run: \(why)") }
        if !diagnostics.hasQuorum {
            fact("the cluster has no quorum (no-quorum-policy=\(diagnostics.noQuorumPolicy.rawValue))")
        }
        if let condition = diagnostics.resource(p.id) {
            if let role = condition.targetRole { fact("target-role=\(role)") }
            if condition.blocked {
                fact("it is blocked: the cluster will not touch it until the failure is cleaned up")
            } else if !condition.managed {
                fact("it is unmanaged (is-managed=false or maintenance): the cluster leaves it as it is")
            }
            if condition.failed { fact("it has failed where it runs and must be recovered") }
            for (node, count) in condition.failCounts.sorted(by: { $0.key < $1.key }) {
                let threshold = condition.migrationThreshold >= ScoreMath.infinity
                    ? "no migration-threshold: failures never move it"
                    : "migration-threshold \(condition.migrationThreshold)"
                fact("\(count) failure(s) on \(node) (\(threshold))", node: node)
            }
            for node in condition.failCountsCleared {
                fact("its fail count on \(node) is cleared: the failed operation ran with parameters that have changed since, "
                     + "so it no longer counts against migration-threshold", node: node)
            }
            if condition.stickiness == 0, !p.currentNodes.isEmpty, p.finalNodes != p.currentNodes {
                fact("resource-stickiness is 0: nothing holds it where it runs")
            }
        }
        if let tie = tieBreak(p, verdicts) { fact(tie) }
        return facts
    }

    /// A sentence on Pacemaker's tie-break when the chosen node shares the best score.
    private func tieBreak(_ p: ResourcePlacement, _ verdicts: [NodeVerdict]) -> String? {
        guard let chosen = p.assignedNode, let best = verdicts.first(where: { $0.node == chosen })?.score else { return nil }
        let tied = verdicts.filter { $0.available && $0.score == best && $0.node != chosen }.map(\.node)
        guard !tied.isEmpty else { return nil }
        return "\(chosen) ties with \(tied.joined(separator: ", ")) at \(ScoreText.format(best)): ties go to the node with "
            + "fewer resources already placed, then the node it runs on, then the node name"
    }
}
