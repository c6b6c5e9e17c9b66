/// Writes `rule` elements and their expressions.
enum RuleEncoder {
    static func write(_ rule: Rule, into writer: inout XMLWriter) {
        let id: String? = rule.idRef != nil && rule.id.isEmpty ? nil : rule.id
        writer.element("rule", [
            ("id", id), ("id-ref", rule.idRef), ("score", rule.score?.description), ("score-attribute", rule.scoreAttribute),
            ("boolean-op", rule.booleanOp?.rawValue), ("role", rule.role),
        ]) { w in
            for condition in rule.conditions { write(condition, into: &w) }
        }
    }

    static func write(_ condition: RuleCondition, into writer: inout XMLWriter) {
        switch condition {
        case .attribute(let e):
            writer.element("expression", [
                ("id", e.id), ("attribute", e.attribute), ("operation", e.operation.rawValue), ("value", e.value),
                ("type", e.type?.rawValue), ("value-source", e.valueSource?.rawValue),
            ])
        case .date(let e):
            writer.element("date_expression", [
                ("id", e.id), ("operation", e.operation.rawValue), ("start", e.start), ("end", e.end),
            ]) { w in
                if let duration = e.duration { write(duration, as: "duration", into: &w) }
                if let spec = e.dateSpec { write(spec, as: "date_spec", into: &w) }
            }
        case .resource(let e):
            writer.element("rsc_expression", [("id", e.id), ("class", e.standard), ("provider", e.provider), ("type", e.type)])
        case .operation(let e):
            writer.element("op_expression", [("id", e.id), ("name", e.name), ("interval", e.interval)])
        case .rule(let r):
            write(r, into: &writer)
        }
    }

    static func write(_ fields: DateFields, as name: String, into writer: inout XMLWriter) {
        writer.element(name, [("id", fields.id)] + fields.fields.map { ($0.name, $0.value) })
    }
}
