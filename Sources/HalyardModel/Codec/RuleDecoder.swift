/// Decodes `rule` elements and the expressions inside them.
enum RuleDecoder {
    static func rule(_ node: XMLElementNode) throws(CIBLoadError) -> Rule {
        var cursor = ElementCursor(node)
        let idRef = cursor.optional("id-ref")
        var rule = Rule(id: idRef == nil ? try cursor.required("id") : (cursor.optional("id") ?? ""), idRef: idRef)
        rule.score = try cursor.optionalScore("score")
        rule.scoreAttribute = cursor.optional("score-attribute")
        rule.booleanOp = try cursor.optionalEnum("boolean-op", Rule.BooleanOp.self)
        rule.role = cursor.optional("role")
        try cursor.finish()
        for child in node.children {
            switch child.name {
            case "expression": rule.conditions.append(.attribute(try attributeExpression(child)))
            case "date_expression": rule.conditions.append(.date(try dateExpression(child)))
            case "rsc_expression": rule.conditions.append(.resource(try resourceExpression(child)))
            case "op_expression": rule.conditions.append(.operation(try operationExpression(child)))
            case "rule": rule.conditions.append(.rule(try self.rule(child)))
            default: throw cursor.unsupportedChild(child)
            }
        }
        return rule
    }

    static func attributeExpression(_ node: XMLElementNode) throws(CIBLoadError) -> AttributeExpression {
        var cursor = ElementCursor(node)
        let id = try cursor.required("id")
        let attribute = try cursor.required("attribute")
        guard let operation = try cursor.optionalEnum("operation", AttributeExpression.Operation.self) else {
            throw cursor.error("missing required attribute \"operation\"")
        }
        var expression = AttributeExpression(id: id, attribute: attribute, operation: operation)
        expression.value = cursor.optional("value")
        expression.type = try cursor.optionalEnum("type", AttributeExpression.ValueType.self)
        expression.valueSource = try cursor.optionalEnum("value-source", AttributeExpression.ValueSource.self)
        try cursor.finish()
        if operation.takesValue && expression.value == nil {
            throw cursor.error("operation \"\(operation.rawValue)\" needs a value")
        }
        if let child = node.children.first { throw cursor.unsupportedChild(child) }
        return expression
    }

    static func dateExpression(_ node: XMLElementNode) throws(CIBLoadError) -> DateExpression {
        var cursor = ElementCursor(node)
        let id = try cursor.required("id")
        let operation = try cursor.optionalEnum("operation", DateExpression.Operation.self) ?? .inRange
        var expression = DateExpression(id: id, operation: operation)
        expression.start = cursor.optional("start")
        expression.end = cursor.optional("end")
        try cursor.finish()
        for child in node.children {
            switch child.name {
            case "duration" where expression.duration == nil: expression.duration = try dateFields(child)
            case "date_spec" where expression.dateSpec == nil: expression.dateSpec = try dateFields(child)
            default: throw cursor.unsupportedChild(child)
            }
        }
        return expression
    }

    static func dateFields(_ node: XMLElementNode) throws(CIBLoadError) -> DateFields {
        var cursor = ElementCursor(node)
        let id = try cursor.required("id")
        var fields: [(name: String, value: String)] = []
        for name in DateFields.knownFields {
            if let value = cursor.optional(name) { fields.append((name: name, value: value)) }
        }
        try cursor.finishLeaf()
        return DateFields(id: id, fields: fields)
    }

    static func resourceExpression(_ node: XMLElementNode) throws(CIBLoadError) -> ResourceExpression {
        var cursor = ElementCursor(node)
        let expression = ResourceExpression(id: try cursor.required("id"), standard: cursor.optional("class"),
                                            provider: cursor.optional("provider"), type: cursor.optional("type"))
        try cursor.finishLeaf()
        return expression
    }

    static func operationExpression(_ node: XMLElementNode) throws(CIBLoadError) -> OperationExpression {
        var cursor = ElementCursor(node)
        let expression = OperationExpression(id: try cursor.required("id"), name: try cursor.required("name"),
                                             interval: cursor.optional("interval"))
        try cursor.finishLeaf()
        return expression
    }
}
