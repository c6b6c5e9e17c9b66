/// Rules in location constraints and attribute sets: one score source, comparisons with a value
/// of the declared type, date expressions with the bounds their operation needs.
enum RuleChecks: ValidationCheck {
    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for rule in index.rules { check(rule, log: &log) }
    }

    static func check(_ rule: Rule, log: inout DiagnosticLog) {
        guard rule.idRef == nil else { return }
        if let score = rule.score, let attribute = rule.scoreAttribute {
            log.error("score-conflict", "rule '\(rule.id)' sets both score '\(score)' and score-attribute '\(attribute)'; "
                      + "set only one", objectID: rule.id)
        }
        ValueRules.checkRole(rule.role, subject: "rule '\(rule.id)': role", objectID: rule.id, log: &log)
        for condition in rule.conditions {
            switch condition {
            case .rule(let nested): check(nested, log: &log)
            case .attribute(let expression): check(expression, log: &log)
            case .date(let expression): check(expression, log: &log)
            case .operation(let expression):
                if let interval = expression.interval {
                    ValueRules.checkDuration(interval, subject: "op_expression '\(expression.id)': interval",
                                             objectID: expression.id, log: &log)
                }
            case .resource: break
            }
        }
    }

    static func check(_ expression: AttributeExpression, log: inout DiagnosticLog) {
        let subject = "expression '\(expression.id)'"
        guard let value = expression.value else {
            if expression.operation.takesValue {
                log.error("missing-value", "\(subject) compares '\(expression.attribute)' with '\(expression.operation.rawValue)' "
                          + "but gives no value", objectID: expression.id)
            }
            return
        }
        guard (expression.valueSource ?? .literal) == .literal else { return }
        let parses: Bool
        switch expression.type {
        case .integer?: parses = Int(value.trimmingSpaces()) != nil
        case .number?: parses = Double(value.trimmingSpaces()) != nil
        case .string?, .version?, nil: parses = true
        }
        if !parses, let type = expression.type {
            log.error("invalid-expression-value", "\(subject) compares as \(type.rawValue) but its value '\(value)' "
                      + "is not \(type == .integer ? "an integer" : "a number")", objectID: expression.id)
        }
    }

    static func check(_ expression: DateExpression, log: inout DiagnosticLog) {
        let subject = "date expression '\(expression.id)'"
        let missing: String?
        switch expression.operation {
        case .lt: missing = expression.end == nil ? "an end" : nil
        case .gt: missing = expression.start == nil ? "a start" : nil
        case .inRange: missing = expression.start == nil && expression.end == nil ? "a start or an end" : nil
        case .dateSpec: missing = expression.dateSpec == nil ? "a <date_spec>" : nil
        }
        if let missing {
            log.error("incomplete-date-expression", "\(subject) with operation '\(expression.operation.rawValue)' needs \(missing)",
                      objectID: expression.id)
        }
        if let spec = expression.dateSpec { check(spec, allowRanges: true, log: &log) }
        if let duration = expression.duration { check(duration, allowRanges: false, log: &log) }
    }

    /// Each field of a `<date_spec>` is an integer or a range `a-b`; of a `<duration>`, an integer.
    static func check(_ fields: DateFields, allowRanges: Bool, log: inout DiagnosticLog) {
        for field in fields.fields {
            let bounds = allowRanges ? field.value.split(separator: "-", omittingEmptySubsequences: false) : [Substring(field.value)]
            let isValid = bounds.count <= 2 && bounds.allSatisfy { Int(String($0).trimmingSpaces()) != nil }
            guard !isValid else { continue }
            let expected = allowRanges ? "an integer or a range such as 1-5" : "an integer"
            log.error("invalid-date-spec", "'\(fields.id)': \(field.name) is '\(field.value)', expected \(expected)",
                      objectID: fields.id)
        }
    }
}
