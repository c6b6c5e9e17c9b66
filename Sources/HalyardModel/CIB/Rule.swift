/// A rule (`<rule>`): expressions combined by `boolean-op`, with the score it contributes to a
/// location constraint (a fixed score or the value of a node attribute).
public struct Rule: Hashable, Sendable {
    public enum BooleanOp: String, Hashable, Sendable { case and, or }

    public var id: String
    public var idRef: String?
    public var score: Score?
    public var scoreAttribute: String?
    public var booleanOp: BooleanOp?
    public var role: String?
    public var conditions: [RuleCondition]

    public init(id: String, idRef: String? = nil, score: Score? = nil, scoreAttribute: String? = nil,
                booleanOp: BooleanOp? = nil, role: String? = nil, conditions: [RuleCondition] = []) {
        self.id = id
        self.idRef = idRef
        self.score = score
        self.scoreAttribute = scoreAttribute
        self.booleanOp = booleanOp
        self.role = role
        self.conditions = conditions
    }

    /// `boolean-op` with its default (`and`).
    public var effectiveBooleanOp: BooleanOp { booleanOp ?? .and }
}

/// One condition inside a rule.
public indirect enum RuleCondition: Hashable, Sendable {
    case attribute(AttributeExpression)
    case date(DateExpression)
    case resource(ResourceExpression)
    case operation(OperationExpression)
    case rule(Rule)

    public var id: String {
        switch self {
        case .attribute(let e): e.id
        case .date(let e): e.id
        case .resource(let e): e.id
        case .operation(let e): e.id
        case .rule(let r): r.id
        }
    }
}

/// `<expression>`: compares a node attribute (or `#uname`, `#id`, `#is_dc` …) with a value.
public struct AttributeExpression: Hashable, Sendable {
    /// The comparison; `defined`/`notDefined` take no value.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        case lt, gt, lte, gte, eq, ne, defined
        case notDefined = "not_defined"

        public var takesValue: Bool { self != .defined && self != .notDefined }
    }

    /// How values are compared: `string` (default), `integer`, `number`, `version`.
    public enum ValueType: String, Hashable, Sendable, CaseIterable {
        case string, integer, number, version
    }

    /// Where `value` comes from: the literal, or a resource parameter / meta-attribute of that name.
    public enum ValueSource: String, Hashable, Sendable, CaseIterable {
        case literal, param, meta
    }

    public var id: String
    public var attribute: String
    public var operation: Operation
    public var value: String?
    public var type: ValueType?
    public var valueSource: ValueSource?

    public init(id: String, attribute: String, operation: Operation, value: String? = nil,
                type: ValueType? = nil, valueSource: ValueSource? = nil) {
        self.id = id
        self.attribute = attribute
        self.operation = operation
        self.value = value
        self.type = type
        self.valueSource = valueSource
    }
}

/// `<date_expression>`: true before/after a moment, within a range, or matching a date spec.
public struct DateExpression: Hashable, Sendable {
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        case lt, gt
        case inRange = "in_range"
        case dateSpec = "date_spec"
    }

    public var id: String
    public var operation: Operation
    public var start: String?
    public var end: String?
    /// `<duration>` for `in_range` with a start and no end.
    public var duration: DateFields?
    /// `<date_spec>` for `date_spec`.
    public var dateSpec: DateFields?

    public init(id: String, operation: Operation, start: String? = nil, end: String? = nil,
                duration: DateFields? = nil, dateSpec: DateFields? = nil) {
        self.id = id
        self.operation = operation
        self.start = start
        self.end = end
        self.duration = duration
        self.dateSpec = dateSpec
    }
}

/// The fields of a `<date_spec>` or `<duration>` (`hours="9-16"`, `weekdays="1-5"` …), in order.
public struct DateFields: Hashable, Sendable {
    /// Field names Pacemaker accepts in either element.
    public static let knownFields: [String] = [
        "seconds", "minutes", "hours", "monthdays", "weekdays", "yeardays", "yearsdays",
        "months", "weeks", "years", "weekyears", "moon",
    ]

    public var id: String
    public var fields: [(name: String, value: String)]

    public init(id: String, fields: [(name: String, value: String)]) {
        self.id = id
        self.fields = fields
    }

    public static func == (lhs: DateFields, rhs: DateFields) -> Bool {
        lhs.id == rhs.id && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}

/// `<rsc_expression>` (in `rsc_defaults` rules): matches resources by class/provider/type.
public struct ResourceExpression: Hashable, Sendable {
    public var id: String
    public var standard: String?
    public var provider: String?
    public var type: String?

    public init(id: String, standard: String? = nil, provider: String? = nil, type: String? = nil) {
        self.id = id
        self.standard = standard
        self.provider = provider
        self.type = type
    }
}

/// `<op_expression>` (in `op_defaults` rules): matches operations by name and interval.
public struct OperationExpression: Hashable, Sendable {
    public var id: String
    public var name: String
    public var interval: String?

    public init(id: String, name: String, interval: String? = nil) {
        self.id = id
        self.name = name
        self.interval = interval
    }
}
