import Foundation
import HalyardModel

/// Applies the symmetric-cluster default and every `rsc_location` (fixed node scores, rules
/// over node attributes, `rsc-pattern`, resource sets) to the resources' allowed-node scores.
struct LocationApplier {
    let cluster: WorkingSet

    func applyDefaults() {
        guard cluster.options.symmetricCluster else { return }
        // Every resource starts from the same table (shared until one of them changes it).
        let defaults = Dictionary(uniqueKeysWithValues: cluster.nodes.map { ($0.index, $0.weight) })
        for rsc in cluster.resources where !rsc.isOrphan { rsc.allowAll(defaults) }
    }

    func applyConstraints() {
        for case .location(let c) in cluster.configuration.constraints {
            if let role = c.role, let r = Role(targetRole: role), r > .started { continue }
            let scores = contributions(c)
            guard !scores.isEmpty else { continue }
            for rsc in targets(c) {
                applyScores(scores, to: rsc)
                cluster.trail?.addLocation(c, scores, to: rsc)
            }
        }
    }

    private func targets(_ c: LocationConstraint) -> [Rsc] {
        var result: [Rsc] = []
        if let id = c.resource, let rsc = cluster.constraintResource(id) { result.append(rsc) }
        if let pattern = c.resourcePattern, let regex = try? NSRegularExpression(pattern: pattern) {
            for rsc in cluster.resources where !rsc.isOrphan {
                let range = NSRange(rsc.id.startIndex..., in: rsc.id)
                if regex.firstMatch(in: rsc.id, range: range) != nil { result.append(rsc) }
            }
        }
        for set in c.resourceSets {
            result += set.resources.compactMap(cluster.constraintResource)
        }
        return result
    }

    /// One score a constraint contributes on a node, and the rule that matched there (if any).
    struct NodeScore {
        let node: ClusterNode
        let score: Int
        let rule: Rule?
    }

    /// The scores a constraint contributes.
    func contributions(_ c: LocationConstraint) -> [NodeScore] {
        if c.rules.isEmpty {
            guard let uname = c.node, let node = cluster.node(named: uname) else { return [] }
            return [NodeScore(node: node, score: c.score?.value ?? 0, rule: nil)]
        }
        var result: [NodeScore] = []
        for rule in c.rules {
            for node in cluster.nodes {
                let evaluator = RuleEvaluator(attributes: node.attributes, now: cluster.now)
                if evaluator.matches(rule) { result.append(NodeScore(node: node, score: evaluator.score(of: rule), rule: rule)) }
            }
        }
        return result
    }

    /// Pacemaker's per-variant location semantics: a group's first member takes the scores
    /// and the later members only learn the nodes; a clone passes them to every instance.
    private func applyScores(_ scores: [NodeScore], to rsc: Rsc) {
        for s in scores {
            rsc.allowed[s.node.index] = ScoreMath.add(rsc.allowed[s.node.index] ?? 0, s.score)
        }
        switch rsc.kind {
        case .primitive: break
        case .group:
            for (i, member) in rsc.children.enumerated() {
                applyScores(i == 0 ? scores : scores.map { NodeScore(node: $0.node, score: 0, rule: $0.rule) }, to: member)
            }
        case .clone:
            for child in rsc.children { applyScores(scores, to: child) }
        }
    }
}
