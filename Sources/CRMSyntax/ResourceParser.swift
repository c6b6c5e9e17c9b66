import HalyardModel

/// `primitive`, `group`, `clone`/`ms` and their `op` entries.
extension StatementParser {
    static let primitiveBlocks: [String: AttributeSetKind] = ["params": .instance, "meta": .meta, "utilization": .utilization]
    static let containerBlocks: [String: AttributeSetKind] = ["params": .instance, "meta": .meta]
    static let operationBlocks: [String: AttributeSetKind] = ["op_params": .instance, "op_meta": .meta]

    /// `primitive <id> <class>:<provider>:<type> | <class>:<type> | <type> [description=..] [params ..]
    /// [meta ..] [utilization ..] [operations $id=..] [op <name> ..]...`
    mutating func primitive() throws(CRMSyntaxError) -> Primitive {
        let id = try identifier("a resource id after 'primitive'")
        ids.record(id)
        let agentToken = try cursor.expect("a resource agent ([<class>:[<provider>:]]<type>)")
        var primitive = try Self.agent(agentToken, id: id, cursor: cursor)
        primitive.description = description()
        let stops: Set<String> = ["op", "operations"]
        var sets: [AttributeSetKind: [AttributeSet]] = [:]
        var implicit: String? = "params"
        while true {
            try attributeBlocks(Self.primitiveBlocks, owner: id, implicit: implicit, terminators: stops, into: &sets)
            implicit = nil
            if cursor.take("operations") {
                let token = try cursor.expect("$id=<id> after 'operations'")
                guard let value = token.dollarValue("id"), !value.isEmpty else {
                    throw cursor.error(expected: "$id=<id> after 'operations' ($id-ref is not supported)", at: token)
                }
                primitive.operationsID = ids.assign(value, base: value)
            } else if cursor.take("op") {
                primitive.operations.append(try operation(owner: id))
            } else {
                break
            }
        }
        primitive.instanceAttributes = sets[.instance] ?? []
        primitive.metaAttributes = sets[.meta] ?? []
        primitive.utilization = sets[.utilization] ?? []
        try cursor.finish("params, meta, utilization, op or the end of the primitive")
        return primitive
    }

    /// Splits an agent spec; a bare type means `ocf:heartbeat:<type>`, `ocf:<type>` too.
    private static func agent(_ token: Token, id: String, cursor: TokenCursor) throws(CRMSyntaxError) -> Primitive {
        let parts = token.text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !token.quoted, !token.text.contains("="), parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw cursor.error(expected: "a resource agent ([<class>:[<provider>:]]<type>)", at: token)
        }
        switch parts.count {
        case 1: return Primitive(id: id, standard: "ocf", provider: "heartbeat", type: parts[0])
        case 2 where parts[0] == "ocf": return Primitive(id: id, standard: "ocf", provider: "heartbeat", type: parts[1])
        case 2: return Primitive(id: id, standard: parts[0], type: parts[1])
        default: return Primitive(id: id, standard: parts[0], provider: parts[1], type: parts[2])
        }
    }

    /// `op <name> [interval=..] [id=..] [<setting>=..]... [<param>=..]... [op_params ..] [op_meta ..]`:
    /// attributes that are not op settings become the op's first instance attribute set.
    private mutating func operation(owner: String) throws(CRMSyntaxError) -> Operation {
        guard let nameToken = cursor.current, Self.isIdentifier(nameToken), nameToken.quoted
                || !["op", "op_params", "op_meta", "params", "meta", "utilization", "operations"].contains(nameToken.text.lowercased()) else {
            throw cursor.error(expected: "an operation name (start, stop, monitor …) after 'op'")
        }
        _ = cursor.advance()
        let stops: Set<String> = ["op", "operations", "op_params", "op_meta", "params", "meta", "utilization"]
        var writtenID: String?
        var interval: String?
        var settings: [String: String] = [:]
        var parameters: [NVPair] = []
        for pair in try nvpairs(terminators: stops) {
            guard pair.idRef == nil, let value = pair.value else {
                throw cursor.error(expected: "<attribute>=<value> in the op", at: nameToken)
            }
            switch pair.name {
            case "id": writtenID = value
            case "interval": interval = value
            case let name where Operation.knownSettings.contains(name): settings[name] = value
            default: parameters.append(pair)
            }
        }
        var op = Operation(id: "", name: nameToken.text, interval: interval ?? "0s")
        op.id = ids.assign(writtenID, base: DerivedID.operation(owner, op.name, op.interval))
        op.settings = Operation.knownSettings.compactMap { name in settings[name].map { (name: name, value: $0) } }
        if !parameters.isEmpty {
            let setID = ids.assign(nil, base: DerivedID.set(op.id, AttributeSetKind.instance.idSuffix))
            op.instanceAttributes.append(AttributeSet(kind: .instance, id: setID, pairs: DerivedID.nvpairs(parameters, setID: setID)))
        }
        var sets: [AttributeSetKind: [AttributeSet]] = [:]
        try attributeBlocks(Self.operationBlocks, owner: op.id, implicit: nil, terminators: stops, into: &sets)
        op.instanceAttributes += sets[.instance] ?? []
        op.metaAttributes = sets[.meta] ?? []
        return op
    }

    /// `group <id> <member>... [description=..] [params ..] [meta ..]`
    mutating func group() throws(CRMSyntaxError) -> GroupDefinition {
        let id = try identifier("a group id after 'group'")
        ids.record(id)
        var members: [String] = []
        while let token = cursor.current, Self.isIdentifier(token), token.nameValue == nil,
              token.quoted || Self.containerBlocks[token.text.lowercased()] == nil {
            if members.contains(token.text) {
                throw cursor.error("expected each member once, found '\(TokenCursor.shown(token.text))' again", at: token)
            }
            members.append(token.text)
            _ = cursor.advance()
        }
        if members.isEmpty { throw cursor.error(expected: "a member resource id") }
        var group = GroupDefinition(id: id, memberIDs: members, description: description())
        var sets: [AttributeSetKind: [AttributeSet]] = [:]
        try attributeBlocks(Self.containerBlocks, owner: id, implicit: "params", terminators: [], into: &sets)
        group.instanceAttributes = sets[.instance] ?? []
        group.metaAttributes = sets[.meta] ?? []
        try cursor.finish("params, meta or the end of the group")
        return group
    }

    /// `clone <id> <child> [description=..] [params ..] [meta ..]`; `ms` adds `promotable=true`.
    mutating func clone(promotable: Bool) throws(CRMSyntaxError) -> CloneDefinition {
        let id = try identifier("a clone id")
        ids.record(id)
        let child = try identifier("the resource to clone")
        var clone = CloneDefinition(id: id, childID: child, description: description())
        var sets: [AttributeSetKind: [AttributeSet]] = [:]
        try attributeBlocks(Self.containerBlocks, owner: id, implicit: "params", terminators: [], into: &sets)
        clone.instanceAttributes = sets[.instance] ?? []
        clone.metaAttributes = sets[.meta] ?? []
        if promotable {
            if clone.metaAttributes.isEmpty {
                clone.metaAttributes.append(AttributeSet(kind: .meta, id: ids.assign(nil, base: DerivedID.set(id, "meta_attributes"))))
            }
            if clone.metaAttributes[0]["promotable"] == nil {
                clone.metaAttributes[0].pairs.append(NVPair(id: "\(clone.metaAttributes[0].id)-promotable", name: "promotable", value: "true"))
            }
        }
        try cursor.finish("params, meta or the end of the clone")
        return clone
    }
}
