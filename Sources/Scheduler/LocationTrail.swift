import HalyardModel

extension ContributionTrail {
    /// Records a location constraint's scores on the primitives that receive them: a group's
    /// first member, every instance of a clone.
    func addLocation(_ c: LocationConstraint, _ scores: [LocationApplier.NodeScore], to rsc: Rsc) {
        let receivers = Self.locationReceivers(rsc)
        for s in scores {
            for receiver in receivers {
                add(receiver, s.node, .location, s.score, Self.describe(c, s))
            }
        }
    }

    private static func locationReceivers(_ rsc: Rsc) -> [Rsc] {
        switch rsc.kind {
        case .primitive: [rsc]
        case .group: rsc.children.first.map(locationReceivers) ?? []
        case .clone: rsc.children.flatMap(locationReceivers)
        }
    }

    private static func describe(_ c: LocationConstraint, _ s: LocationApplier.NodeScore) -> String {
        var text = "location constraint \(c.id)"
        if let pattern = c.resourcePattern { text += " (rsc-pattern \(pattern))" }
        guard let rule = s.rule else { return text + " names \(s.node.uname)" }
        let attributes = s.node.attributes
        text += ", rule \(rule.id) matched"
        let facts = matchedFacts(rule, attributes)
        if !facts.isEmpty { text += ": " + facts.joined(separator: rule.effectiveBooleanOp == .and ? " and " : ", ") }
        if let name = rule.scoreAttribute {
            text += attributes[name].map { "; score from node attribute \(name)=\($0)" }
                ?? "; score attribute \(name) is not set on this node"
        }
        return text
    }

    /// The conditions of a matching rule that hold on the node, with the node's values.
    private static func matchedFacts(_ rule: Rule, _ attributes: [String: String]) -> [String] {
        let evaluator = RuleEvaluator(attributes: attributes)
        var facts: [String] = []
        for condition in rule.conditions {
            switch condition {
            case .attribute(let e) where evaluator.matches(e):
                facts.append(fact(e, actual: attributes[e.attribute]))
            case .rule(let nested) where evaluator.matches(nested):
                let inner = matchedFacts(nested, attributes)
                facts.append(inner.count == 1 ? inner[0] : "(" + inner.joined(separator: ", ") + ")")
            default:
                continue
            }
        }
        return facts
    }

    private static func fact(_ e: AttributeExpression, actual: String?) -> String {
        switch e.operation {
        case .defined: return "\(e.attribute) is defined (\(actual ?? ""))"
        case .notDefined: return "\(e.attribute) is not defined"
        default:
            let value = actual.map { "=\($0)" } ?? " is not set"
            return "\(e.attribute)\(value) (\(e.operation.rawValue) \(e.value ?? ""))"
        }
    }
}
