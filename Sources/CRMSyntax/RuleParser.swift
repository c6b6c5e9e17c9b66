import HalyardModel

/// Rules: `rule [$id=<id> | $id-ref=<id>] [$role=<role>] [$boolean-op=and|or] [<score>:] <expression>`
/// where the expression is simple expressions joined by one kind of `and`/`or`.
extension StatementParser {
    static let binaryOperations: Set<String> = ["lt", "gt", "lte", "gte", "eq", "ne"]
    static let valueTypes: Set<String> = ["string", "integer", "number", "version"]

    /// Reads a rule after its `rule` keyword; `owner` is the id its generated id derives from.
    mutating func rule(owner: String) throws(CRMSyntaxError) -> Rule {
        var written: String?
        var idRef: String?
        if let token = cursor.current, let ref = token.dollarValue("id-ref") {
            idRef = ref
            _ = cursor.advance()
        } else if let token = cursor.current, let id = token.dollarValue("id") {
            written = id
            _ = cursor.advance()
        }
        var rule = Rule(id: idRef == nil ? ids.assign(written, base: DerivedID.rule(owner)) : "", idRef: idRef)
        var explicitOp: Rule.BooleanOp?
        while let token = cursor.current, !token.quoted, let pair = token.nameValue {
            switch pair.name.lowercased() {
            case "$role", "role": rule.role = pair.value
            case "$boolean-op", "boolean-op":
                guard let op = Rule.BooleanOp(rawValue: pair.value.lowercased()) else {
                    throw cursor.error("expected and or or for boolean-op, found '\(TokenCursor.shown(pair.value))'", at: token)
                }
                explicitOp = op
            default: throw cursor.error(expected: "$role=, $boolean-op=, '<score>:' or an expression", at: token)
            }
            _ = cursor.advance()
        }
        if idRef != nil { return rule }
        if let token = cursor.current, let text = token.colonPrefix {
            if let score = Score(parsing: text) { rule.score = score } else { rule.scoreAttribute = text }
            _ = cursor.advance()
        }
        var joiner: Rule.BooleanOp?
        rule.conditions.append(try simpleExpression(rule: rule.id))
        while let token = cursor.current, !token.quoted, let op = Rule.BooleanOp(rawValue: token.text.lowercased()) {
            if let joiner, joiner != op {
                throw cursor.error("expected '\(joiner.rawValue)' (one rule cannot mix and with or), found '\(token.text)'", at: token)
            }
            joiner = op
            _ = cursor.advance()
            rule.conditions.append(try simpleExpression(rule: rule.id))
        }
        rule.booleanOp = explicitOp ?? (joiner == .or ? .or : nil)
        return rule
    }

    private mutating func simpleExpression(rule: String) throws(CRMSyntaxError) -> RuleCondition {
        guard let first = cursor.current else {
            throw cursor.error(expected: "an expression (<attribute> <op> <value>, defined <attribute> or date …)")
        }
        let keyword = first.quoted ? "" : first.text.lowercased()
        if keyword == "date" {
            _ = cursor.advance()
            return .date(try dateExpression(rule: rule))
        }
        if keyword == "defined" || keyword == "not_defined" {
            _ = cursor.advance()
            let attribute = try identifier("an attribute name after \(keyword)")
            let id = ids.assign(nil, base: DerivedID.expression(rule))
            return .attribute(AttributeExpression(id: id, attribute: attribute, operation: keyword == "defined" ? .defined : .notDefined))
        }
        let attribute = try identifier("an expression (<attribute> <op> <value>, defined <attribute> or date …)")
        guard let opToken = cursor.advance() else {
            throw cursor.error(expected: "a comparison (lt, gt, lte, gte, eq, ne) after '\(TokenCursor.shown(attribute))'")
        }
        let parts = opToken.text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let typeName = parts.count == 2 ? parts[0] : nil
        guard !opToken.quoted, parts.count <= 2, let opName = parts.last, Self.binaryOperations.contains(opName),
              typeName.map({ Self.valueTypes.contains($0) }) ?? true,
              let operation = AttributeExpression.Operation(rawValue: opName) else {
            throw cursor.error(expected: "a comparison ([string:|integer:|number:|version:]lt, gt, lte, gte, eq, ne)", at: opToken)
        }
        let valueToken = try cursor.expect("a value after '\(opToken.text)'")
        var expression = AttributeExpression(id: ids.assign(nil, base: DerivedID.expression(rule)), attribute: attribute,
                                             operation: operation, value: valueToken.text,
                                             type: typeName.flatMap(AttributeExpression.ValueType.init(rawValue:)))
        if !valueToken.quoted, let (source, value) = Self.valueSource(valueToken.text) {
            expression.valueSource = source
            expression.value = value
        }
        return .attribute(expression)
    }

    /// `param{name}`, `meta{name}` or `literal{value}`.
    private static func valueSource(_ text: String) -> (AttributeExpression.ValueSource, String)? {
        guard text.hasSuffix("}"), let brace = text.firstIndex(of: "{"),
              let source = AttributeExpression.ValueSource(rawValue: String(text[..<brace])) else { return nil }
        let value = String(text[text.index(after: brace)..<text.index(before: text.endIndex)])
        return value.isEmpty ? nil : (source, value)
    }

    /// `lt <end>`, `gt <start>`, `in start=.. end=..`, `in start=.. <duration>`, `spec <date_spec>`.
    private mutating func dateExpression(rule: String) throws(CRMSyntaxError) -> DateExpression {
        let opToken = try cursor.expect("a date operation (lt, gt, in, spec)")
        let id = ids.assign(nil, base: DerivedID.expression(rule))
        switch opToken.quoted ? "" : opToken.text.lowercased() {
        case "lt": return DateExpression(id: id, operation: .lt, end: try cursor.expect("a date after 'date lt'").text)
        case "gt": return DateExpression(id: id, operation: .gt, start: try cursor.expect("a date after 'date gt'").text)
        case "in", "in_range":
            var expression = DateExpression(id: id, operation: .inRange)
            let fields = try dateFields(extra: ["start", "end"], what: "start=, end= or duration fields")
            expression.start = fields.first(where: { $0.name == "start" })?.value
            expression.end = fields.first(where: { $0.name == "end" })?.value
            let duration = fields.filter { $0.name != "start" && $0.name != "end" }
            if !duration.isEmpty {
                expression.duration = DateFields(id: ids.assign(nil, base: "\(id)-duration"), fields: duration)
            }
            guard expression.start != nil || expression.end != nil else {
                throw cursor.error(expected: "start= or end= after 'date in'", at: opToken)
            }
            return expression
        case "spec", "date_spec":
            let fields = try dateFields(extra: [], what: "date_spec fields (hours=, weekdays= …)")
            return DateExpression(id: id, operation: .dateSpec,
                                  dateSpec: DateFields(id: ids.assign(nil, base: "\(id)-date_spec"), fields: fields))
        default:
            throw cursor.error(expected: "a date operation (lt, gt, in, spec)", at: opToken)
        }
    }

    /// At least one `name=value` whose name is a date field (or one of `extra`).
    private mutating func dateFields(extra: [String], what: String) throws(CRMSyntaxError) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        while let token = cursor.current, !token.quoted, let pair = token.nameValue,
              extra.contains(pair.name) || DateFields.knownFields.contains(pair.name) {
            fields.append((name: pair.name, value: pair.value))
            _ = cursor.advance()
        }
        if fields.isEmpty { throw cursor.error(expected: what) }
        // The model keeps date fields in schema order, as the XML decoder reads them.
        let order = extra + DateFields.knownFields
        return fields.enumerated().sorted { lhs, rhs in
            let l = order.firstIndex(of: lhs.element.name) ?? 0, r = order.firstIndex(of: rhs.element.name) ?? 0
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
