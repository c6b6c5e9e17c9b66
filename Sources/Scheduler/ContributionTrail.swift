/// Collects score contributions, allocation-score snapshots and blocked starts while the
/// scheduler runs. The working set holds one only when the input asks for recording, so a
/// normal run pays a nil check per scoring step and nothing else.
final class ContributionTrail {
    let recording: SchedulerInput.Recording
    private let nodes: [ClusterNode]
    /// Node indexes in the order `crm_simulate -s` lists a resource's scores in (`NodeNameOrder`).
    private let nodeIndexesByName: [Int]
    private(set) var contributions: [ScoreContribution] = []
    private(set) var scores: [AllocationScore] = []
    /// Primitive id → why its start cannot run (the first reason found).
    private(set) var blockedStarts: [String: String] = [:]

    init(recording: SchedulerInput.Recording, nodes: [ClusterNode]) {
        self.recording = recording
        self.nodes = nodes
        nodeIndexesByName = nodes.indices.sorted { NodeNameOrder.precedes(nodes[$0].uname, nodes[$1].uname) }
    }

    /// Records `score` on `node` for every primitive at or below `rsc`.
    func add(_ rsc: Rsc, _ node: ClusterNode, _ source: ScoreContribution.Source, _ score: Int,
             _ detail: @autoclosure () -> String) {
        guard recording.contains(.contributions) else { return }
        let text = detail()
        for p in rsc.primitives {
            contributions.append(ScoreContribution(resource: p.id, node: node.uname, source: source, score: score, detail: text))
        }
    }

    /// Records, for `rsc` alone, how its scores changed since `before`.
    func addChanges(_ rsc: Rsc, since before: [Int: Int], _ source: ScoreContribution.Source,
                    _ detail: (ClusterNode) -> String) {
        guard recording.contains(.contributions) else { return }
        for (index, after) in rsc.allowed.sorted(by: { $0.key < $1.key }) {
            let old = before[index] ?? 0
            guard after != old else { continue }
            let change = abs(after) >= ScoreMath.infinity ? after : after - old
            let node = nodes[index]
            contributions.append(ScoreContribution(resource: rsc.id, node: node.uname, source: source,
                                                   score: change, detail: detail(node)))
        }
    }

    /// Records the scores of `rsc` and its descendants as `crm_simulate -s` prints them at `stage`.
    func snapshot(_ stage: AllocationScore.Stage, _ rsc: Rsc) {
        guard recording.contains(.scores), !rsc.isOrphan else { return }
        for index in nodeIndexesByName {
            guard let score = rsc.allowed[index] else { continue }
            scores.append(AllocationScore(stage: stage, resource: rsc.id, node: nodes[index].uname, score: score))
        }
        for child in rsc.children { snapshot(stage, child) }
    }

    /// Records how the preferences of `c`'s dependent changed `rsc`'s scores.
    func addDependents(_ c: Colocation, to rsc: Rsc, since before: [Int: Int]) {
        addChanges(rsc, since: before, .dependents) { _ in
            let verb = c.score > 0 ? "draws it toward" : "pushes it away from"
            return "\(c.dependent.id) is colocated with it (\(c.id), score \(ScoreText.format(c.score))) and \(verb) its own preferred nodes"
        }
    }

    /// Records why a clone instance may not take `node`: the clone's own negative score there,
    /// or clone-node-max. Unavailable nodes are explained by their condition.
    func addCapacityLimit(_ instance: Rsc, of clone: Rsc, on node: ClusterNode) {
        guard node.isAvailable, !instance.isOrphan else { return }
        let why: String
        if let parentScore = clone.allowed[node.index] {
            why = parentScore < 0 ? "clone \(clone.id) has score \(ScoreText.format(parentScore)) on \(node.uname)"
                : "clone-node-max=\(clone.cloneNodeMax): \(node.uname) already has enough instances of \(clone.id)"
        } else {
            why = "clone \(clone.id) is not allowed on \(node.uname)"
        }
        add(instance, node, .cloneLimit, -ScoreMath.infinity, why)
    }

    /// Records why `rsc`'s start cannot run, unless a reason is already known.
    func blockStart(_ rsc: Rsc, _ why: @autoclosure () -> String) {
        guard recording.contains(.contributions), blockedStarts[rsc.id] == nil else { return }
        blockedStarts[rsc.id] = why()
    }
}
