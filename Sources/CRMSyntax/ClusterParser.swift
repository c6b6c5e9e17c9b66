import HalyardModel

/// `node`, `property`/`rsc_defaults`/`op_defaults`, `fencing_topology` and `alert`.
extension StatementParser {
    static let nodeTypes = ["member", "remote", "ping"]

    /// `node [$id=<id> | <id>:] <uname>[:member|remote|ping] [description=..] [attributes ..] [utilization ..]`
    mutating func node() throws(CRMSyntaxError) -> Node {
        var writtenID: String?
        if let token = cursor.current, let id = token.dollarValue("id") {
            writtenID = id
            _ = cursor.advance()
        } else if let token = cursor.current, let id = token.colonPrefix, token.nameValue == nil {
            writtenID = id
            _ = cursor.advance()
        }
        let unameToken = try cursor.expect("a node name")
        var uname = unameToken.text
        var type: String?
        if !unameToken.quoted, let colon = uname.lastIndex(of: ":"),
           Self.nodeTypes.contains(uname[uname.index(after: colon)...].lowercased()) {
            type = String(uname[uname.index(after: colon)...])
            uname = String(uname[..<colon])
        }
        guard !uname.isEmpty, unameToken.quoted || Self.isIdentifier(Token(text: uname, line: 0, column: 0, width: 0, quoted: false)) else {
            throw cursor.error(expected: "a node name ([<id>:] <uname>[:member|remote])", at: unameToken)
        }
        let id = ids.assign(writtenID, base: uname)
        var node = Node(id: id, uname: uname, type: type, description: description())
        var sets: [AttributeSetKind: [AttributeSet]] = [:]
        try attributeBlocks(["attributes": .instance, "utilization": .utilization], owner: uname,
                            implicit: "attributes", terminators: [], into: &sets)
        node.instanceAttributes = sets[.instance] ?? []
        node.utilization = sets[.utilization] ?? []
        try cursor.finish("attributes, utilization or the end of the node")
        return node
    }

    /// `property|rsc_defaults|op_defaults [<set-id>: | $id=<id>] [<score>:] [rule ..] <name>=<value>...`
    mutating func propertySet(kind: AttributeSetKind, defaultID: String) throws(CRMSyntaxError) -> AttributeSet {
        var id = defaultID
        if let token = cursor.current, let written = token.dollarValue("id") {
            id = written
            _ = cursor.advance()
        } else if let token = cursor.current, let written = token.colonPrefix, token.nameValue == nil {
            id = written
            _ = cursor.advance()
        }
        ids.record(id)
        var set = AttributeSet(kind: kind, id: id)
        if let token = cursor.current, let text = token.colonPrefix, token.nameValue == nil {
            set.score = try score(text, at: token, for: "for the set")
            _ = cursor.advance()
        }
        if cursor.take("rule") { set.rule = try rule(owner: id) }
        set.pairs = DerivedID.nvpairs(try nvpairs(terminators: ["rule"]), setID: id)
        try cursor.finish("<name>=<value>")
        return set
    }

    /// `fencing_topology [<target>: | attr:<name>=<value> | pattern:<regex>] <dev>[,<dev>]... ...`:
    /// each word of devices is the next level of the current target; with no target at all the
    /// levels are for every node.
    mutating func fencingTopology() throws(CRMSyntaxError) -> FencingTopologyDefinition {
        var levels: [FencingLevel] = []
        var target: FencingLevel?
        var nextIndex: [String: Int] = [:]
        let wildcard = cursor.current.map { $0.quoted || !Self.isFencingTarget($0.text) } ?? false
        while let token = cursor.advance() {
            if !token.quoted, Self.isFencingTarget(token.text) {
                if wildcard { throw cursor.error(expected: "only device lists (levels given without a target apply to every node)", at: token) }
                target = try fencingTarget(token)
                continue
            }
            let devices = token.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard devices.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
                throw cursor.error(expected: "a device list (<dev>[,<dev>]...)", at: token)
            }
            var level = target ?? FencingLevel(id: "", index: 0, devices: [])
            let key = "\(level.target ?? "")\u{0}\(level.targetPattern ?? "")\u{0}\(level.targetAttribute ?? "")\u{0}\(level.targetValue ?? "")"
            level.index = nextIndex[key, default: 1]
            nextIndex[key] = level.index + 1
            level.devices = devices
            level.id = wildcard ? "" : ids.assign(nil, base: DerivedID.fencingLevel)
            levels.append(level)
        }
        if levels.isEmpty { throw cursor.error(expected: "a device list after the target") }
        return FencingTopologyDefinition(levels: levels, appliesToAllNodes: wildcard)
    }

    private static func isFencingTarget(_ text: String) -> Bool {
        text.lowercased().hasPrefix("attr:") || text.lowercased().hasPrefix("pattern:") || (text.count > 1 && text.hasSuffix(":"))
    }

    private func fencingTarget(_ token: Token) throws(CRMSyntaxError) -> FencingLevel {
        var level = FencingLevel(id: "", index: 0, devices: [])
        let lowered = token.text.lowercased()
        if lowered.hasPrefix("attr:") {
            guard let pair = Token(text: String(token.text.dropFirst(5)), line: 0, column: 0, width: 0, quoted: false).nameValue,
                  !pair.value.isEmpty else {
                throw cursor.error(expected: "attr:<name>=<value>", at: token)
            }
            level.targetAttribute = pair.name
            level.targetValue = pair.value
        } else if lowered.hasPrefix("pattern:") {
            let pattern = String(token.text.dropFirst(8))
            guard !pattern.isEmpty else { throw cursor.error(expected: "pattern:<regex>", at: token) }
            level.targetPattern = pattern
        } else {
            level.target = String(token.text.dropLast())
        }
        return level
    }

    /// `alert <id> <path> [description=..] [attributes ..] [meta ..] [to <recipient> [description=..]
    /// [attributes ..] [meta ..]]...`
    mutating func alert() throws(CRMSyntaxError) -> Alert {
        let id = try identifier("an alert id after 'alert'")
        ids.record(id)
        let path = try cursor.expect("the path of the alert agent")
        var alert = Alert(id: id, path: path.text, description: description())
        let blocks: [String: AttributeSetKind] = ["attributes": .instance, "meta": .meta]
        var sets: [AttributeSetKind: [AttributeSet]] = [:]
        try attributeBlocks(blocks, owner: id, implicit: nil, terminators: ["to"], into: &sets)
        alert.instanceAttributes = sets[.instance] ?? []
        alert.metaAttributes = sets[.meta] ?? []
        while cursor.take("to") {
            let value = try cursor.expect("a recipient after 'to'")
            let recipientID = ids.assign(nil, base: DerivedID.recipient(id, alert.recipients.count + 1))
            var recipient = Alert.Recipient(id: recipientID, value: value.text, description: description())
            var recipientSets: [AttributeSetKind: [AttributeSet]] = [:]
            try attributeBlocks(blocks, owner: recipientID, implicit: nil, terminators: ["to"], into: &recipientSets)
            recipient.instanceAttributes = recipientSets[.instance] ?? []
            recipient.metaAttributes = recipientSets[.meta] ?? []
            alert.recipients.append(recipient)
        }
        try cursor.finish("attributes, meta, 'to <recipient>' or the end of the alert")
        return alert
    }
}
