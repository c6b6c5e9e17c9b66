import Foundation
import HalyardModel

/// Applies the symmetric-cluster default and every `rsc_location` (fixed node scores, rules
/// over node attributes, `rsc-pattern`, resource sets) to the resources' allowed-node scores.
struct LocationApplier {
    let cluster: WorkingSet

    func applyDefaults() {
        guard cluster.options.symmetricCluster else { return }
        for rsc in cluster.resources where !rsc.isOrphan {
            for node in cluster.nodes { rsc.addLocation(node, 0) }
        }
    }

    func applyConstraints() {
        for case .location(let c) in cluster.configuration.constraints {
            if let role = c.role, let r = Role(targetRole: role), r > .started { continue }
            let scores = contributions(c)
            guard !scores.isEmpty else { continue }
            for rsc in targets(c) { applyScores(scores, to: rsc) }
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

    /// The (node, score) pairs a constraint contributes.
    func contributions(_ c: LocationConstraint) -> [(ClusterNode, Int)] {
        if c.rules.isEmpty {
            guard let uname = c.node, let node = cluster.node(named: uname) else { return [] }
            return [(node, c.score?.value ?? 0)]
        }
        var result: [(ClusterNode, Int)] = []
        for rule in c.rules {
            for node in cluster.nodes {
                let evaluator = RuleEvaluator(attributes: node.attributes)
                if evaluator.matches(rule) { result.append((node, evaluator.score(of: rule))) }
            }
        }
        return result
    }

    /// Pacemaker's per-variant location semantics: a group's first member takes the scores
    /// and the later members only learn the nodes; a clone passes them to every instance.
    private func applyScores(_ scores: [(ClusterNode, Int)], to rsc: Rsc) {
        for (node, score) in scores {
            rsc.allowed[node.index] = ScoreMath.add(rsc.allowed[node.index] ?? 0, score)
        }
        switch rsc.kind {
        case .primitive: break
        case .group:
            for (i, member) in rsc.children.enumerated() {
                applyScores(i == 0 ? scores : scores.map { ($0.0, 0) }, to: member)
            }
        case .clone:
            for child in rsc.children { applyScores(scores, to: child) }
        }
    }
}
