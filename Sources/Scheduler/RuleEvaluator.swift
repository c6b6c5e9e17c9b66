import Foundation
import HalyardModel

/// Evaluates location rules against one node's attributes, as Pacemaker's rule engine does for
/// attribute expressions (typed comparisons, `defined`/`not_defined`, nested rules,
/// `boolean-op`) and date expressions at `now` (never matching when the time is unknown).
struct RuleEvaluator {
    let attributes: [String: String]
    var now: Int? = nil

    func matches(_ rule: Rule) -> Bool {
        if rule.conditions.isEmpty { return true }
        switch rule.effectiveBooleanOp {
        case .and: return rule.conditions.allSatisfy(matches)
        case .or: return rule.conditions.contains(where: matches)
        }
    }

    private func matches(_ condition: RuleCondition) -> Bool {
        switch condition {
        case .attribute(let expression): matches(expression)
        case .rule(let nested): matches(nested)
        case .date(let expression): now.map { expression.isSatisfied(at: $0) } ?? false
        case .resource, .operation: false
        }
    }

    func matches(_ expression: AttributeExpression) -> Bool {
        let actual = attributes[expression.attribute]
        switch expression.operation {
        case .defined: return actual != nil
        case .notDefined: return actual == nil
        default: break
        }
        guard let actual, let expected = expression.value else {
            return expression.operation == .ne
        }
        let order = Self.compare(actual, expected, type: effectiveType(expression, actual, expected))
        switch expression.operation {
        case .eq: return order == 0
        case .ne: return order != 0
        case .lt: return order < 0
        case .lte: return order <= 0
        case .gt: return order > 0
        case .gte: return order >= 0
        case .defined, .notDefined: return false
        }
    }

    private func effectiveType(_ expression: AttributeExpression, _ lhs: String, _ rhs: String) -> AttributeExpression.ValueType {
        if let type = expression.type { return type }
        switch expression.operation {
        case .lt, .lte, .gt, .gte:
            return (lhs.contains(".") || rhs.contains(".")) ? .number : .integer
        default:
            return .string
        }
    }

    /// −1, 0 or 1; falls back to a case-insensitive string comparison when a value is not a
    /// valid number of the requested type.
    static func compare(_ lhs: String, _ rhs: String, type: AttributeExpression.ValueType) -> Int {
        switch type {
        case .integer:
            if let l = Int(lhs.trimmingCharacters(in: .whitespaces)), let r = Int(rhs.trimmingCharacters(in: .whitespaces)) {
                return l < r ? -1 : (l > r ? 1 : 0)
            }
        case .number:
            if let l = Double(lhs), let r = Double(rhs) { return l < r ? -1 : (l > r ? 1 : 0) }
        case .version:
            let l = lhs.split(separator: ".").map { Int($0) ?? 0 }
            let r = rhs.split(separator: ".").map { Int($0) ?? 0 }
            for i in 0..<max(l.count, r.count) {
                let a = i < l.count ? l[i] : 0, b = i < r.count ? r[i] : 0
                if a != b { return a < b ? -1 : 1 }
            }
            return 0
        case .string:
            break
        }
        let l = lhs.lowercased(), r = rhs.lowercased()
        return l < r ? -1 : (l > r ? 1 : 0)
    }

    /// The score a matching location rule contributes on this node: its fixed score, or the
    /// value of its `score-attribute` (−INFINITY when the node lacks that attribute).
    func score(of rule: Rule) -> Int {
        if let attribute = rule.scoreAttribute {
            guard let value = attributes[attribute] else { return -ScoreMath.infinity }
            return ScoreMath.parse(value)
        }
        return rule.score?.value ?? 0
    }
}
