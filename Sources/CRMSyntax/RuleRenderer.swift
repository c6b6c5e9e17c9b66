import HalyardModel

/// Rules and their expressions, in the parser's id order.
extension StatementRenderer {
    static let expressionKeywords: Set<String> = ["date", "defined", "not_defined", "and", "or", "rule"]

    /// `rule [$id=..|$id-ref=..] [$role=..] [$boolean-op=..] [<score>:] <expression>`
    mutating func ruleWords(_ rule: Rule, owner: String, what: String) -> [String] {
        var words = ["rule"]
        if let ref = rule.idRef {
            words.append(Quoting.pair("$id-ref", ref))
            if !rule.id.isEmpty || !rule.conditions.isEmpty || rule.score != nil || rule.scoreAttribute != nil || rule.booleanOp != nil {
                issue("\(what): rule $id-ref=\(ref) also has its own content; only the reference is printed")
            }
            if let role = rule.role { words.append(Quoting.pair("$role", role)) }
            return words
        }
        if ids.mustWrite(rule.id, base: DerivedID.rule(owner)) { words.append(Quoting.pair("$id", rule.id)) }
        if let role = rule.role { words.append(Quoting.pair("$role", role)) }
        let joiner = rule.effectiveBooleanOp
        let parsedOp: Rule.BooleanOp? = rule.conditions.count >= 2 && joiner == .or ? .or : nil
        if rule.booleanOp != parsedOp { words.append("$boolean-op=\(joiner.rawValue)") }
        switch (rule.score, rule.scoreAttribute) {
        case (let score?, let attribute):
            words.append("\(score):")
            if attribute != nil { issue("\(what): rule \(rule.id) has both a score and score-attribute; the score-attribute is lost") }
        case (nil, let attribute?):
            if Score(parsing: attribute) != nil || Quoting.needsQuotes(attribute) || attribute.contains(":") {
                issue("\(what): rule \(rule.id): score-attribute '\(attribute)' cannot be written")
            } else {
                words.append("\(attribute):")
            }
        case (nil, nil): break
        }
        if rule.conditions.isEmpty { issue("\(what): rule \(rule.id) has no expression") }
        var first = true
        for condition in rule.conditions {
            guard let expression = expressionWords(condition, rule: rule.id, what: what) else { continue }
            if !first { words.append(joiner.rawValue) }
            words += expression
            first = false
        }
        return words
    }

    private mutating func expressionWords(_ condition: RuleCondition, rule: String, what: String) -> [String]? {
        let base = DerivedID.expression(rule)
        switch condition {
        case .attribute(let e):
            _ = ids.assign(nil, base: base)
            let attribute = Quoting.word(e.attribute, keywords: Self.expressionKeywords)
            guard e.operation.takesValue else {
                if e.value != nil { issue("\(what): expression \(e.id): a value with \(e.operation.rawValue) cannot be written") }
                return [e.operation.rawValue, attribute]
            }
            let op = e.type.map { "\($0.rawValue):\(e.operation.rawValue)" } ?? e.operation.rawValue
            let value = e.value ?? ""
            let written: String
            if let source = e.valueSource {
                written = "\(source.rawValue){\(value)}"
                if Quoting.needsQuotes(value) || value.isEmpty { issue("\(what): expression \(e.id): value-source value '\(value)' cannot be written") }
            } else {
                written = Quoting.needsQuotes(value) || value.hasSuffix("}") ? Quoting.quoted(value) : value
            }
            return [attribute, op, written]
        case .date(let e):
            let id = ids.assign(nil, base: base)
            return dateWords(e, id: id, what: what)
        case .resource, .operation, .rule:
            issue("\(what): rule \(rule) holds a \(Self.conditionName(condition)) (\(condition.id)), which crmsh syntax cannot express")
            return nil
        }
    }

    private static func conditionName(_ condition: RuleCondition) -> String {
        switch condition {
        case .resource: "rsc_expression"
        case .operation: "op_expression"
        default: "nested rule"
        }
    }

    private mutating func dateWords(_ e: DateExpression, id: String, what: String) -> [String] {
        switch e.operation {
        case .lt, .gt:
            let value = e.operation == .lt ? e.end : e.start
            if (e.operation == .lt ? e.start : e.end) != nil || e.duration != nil || e.dateSpec != nil || value == nil {
                issue("\(what): date expression \(e.id) (\(e.operation.rawValue)) has fields crmsh cannot write")
            }
            let text = value ?? ""
            return ["date", e.operation.rawValue, Quoting.needsQuotes(text) ? Quoting.quoted(text) : text]
        case .inRange:
            var words = ["date", "in"]
            if let start = e.start { words.append(Quoting.pair("start", start)) }
            if let end = e.end { words.append(Quoting.pair("end", end)) }
            if let duration = e.duration {
                _ = ids.assign(nil, base: "\(id)-duration")
                words += duration.fields.map { Quoting.pair($0.name, $0.value) }
            }
            if e.dateSpec != nil || (e.start == nil && e.end == nil) { issue("\(what): date expression \(e.id) cannot be written") }
            return words
        case .dateSpec:
            _ = ids.assign(nil, base: "\(id)-date_spec")
            let fields = e.dateSpec?.fields ?? []
            if fields.isEmpty || e.start != nil || e.end != nil || e.duration != nil { issue("\(what): date expression \(e.id) cannot be written") }
            return ["date", "spec"] + fields.map { Quoting.pair($0.name, $0.value) }
        }
    }
}
