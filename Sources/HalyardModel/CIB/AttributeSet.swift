/// One `nvpair`: a name and a value, or a reference (`id-ref`) to an nvpair defined elsewhere.
public struct NVPair: Hashable, Sendable {
    public var id: String
    public var name: String
    public var value: String?
    public var idRef: String?

    public init(id: String, name: String, value: String?, idRef: String? = nil) {
        self.id = id
        self.name = name
        self.value = value
        self.idRef = idRef
    }
}

/// Which kind of name/value block an `AttributeSet` is; the XML element name differs.
public enum AttributeSetKind: String, Hashable, Sendable, CaseIterable {
    case instance = "instance_attributes"
    case meta = "meta_attributes"
    case utilization = "utilization"
    case clusterProperties = "cluster_property_set"
}

/// A block of name/value pairs (`instance_attributes`, `meta_attributes`, `utilization`,
/// `cluster_property_set`), optionally scored and guarded by a rule, or a reference to another set.
public struct AttributeSet: Hashable, Sendable {
    public var kind: AttributeSetKind
    public var id: String
    public var idRef: String?
    public var score: Score?
    public var rule: Rule?
    public var pairs: [NVPair]

    public init(kind: AttributeSetKind, id: String, idRef: String? = nil, score: Score? = nil, rule: Rule? = nil, pairs: [NVPair] = []) {
        self.kind = kind
        self.id = id
        self.idRef = idRef
        self.score = score
        self.rule = rule
        self.pairs = pairs
    }

    /// The value of `name` in this set, if present.
    public subscript(name: String) -> String? {
        pairs.first(where: { $0.name == name })?.value
    }
}

extension Array where Element == AttributeSet {
    /// The effective value of `name` over sets without rules, Pacemaker-style: sets are taken in
    /// descending score order (document order on ties) and the first one holding the name wins.
    public func firstValue(_ name: String) -> String? {
        let ordered = enumerated().sorted { lhs, rhs in
            let l = lhs.element.score ?? .zero, r = rhs.element.score ?? .zero
            return l != r ? l > r : lhs.offset < rhs.offset
        }
        for (_, set) in ordered where set.rule == nil {
            if let value = set[name] { return value }
        }
        return nil
    }

    /// Every name/value over rule-less sets, resolved as `firstValue` does.
    public func flattened() -> [String: String] {
        var result: [String: String] = [:]
        let ordered = enumerated().sorted { lhs, rhs in
            let l = lhs.element.score ?? .zero, r = rhs.element.score ?? .zero
            return l != r ? l > r : lhs.offset < rhs.offset
        }
        for (_, set) in ordered where set.rule == nil {
            for pair in set.pairs where result[pair.name] == nil {
                if let value = pair.value { result[pair.name] = value }
            }
        }
        return result
    }
}
