import HalyardModel

/// Attribute lists, nodes, primitives (with ops), groups and clones.
extension StatementRenderer {
    static let listKeywords: Set<String> = ["params", "meta", "utilization", "operations", "op", "op_params",
                                            "op_meta", "rule", "attributes", "to", "description"]

    /// `keyword [$id=..] [<score>:] [rule ..] pairs…`, or `keyword $id-ref=..`.
    mutating func attributeList(_ keyword: String, _ set: AttributeSet, owner: String, what: String) -> [String] {
        if let ref = set.idRef {
            if !set.id.isEmpty { issue("\(what): attribute set '\(set.id)' has both an id and $id-ref=\(ref); only the reference is printed") }
            return [keyword, Quoting.pair("$id-ref", ref)]
        }
        var words = [keyword]
        if ids.mustWrite(set.id, base: DerivedID.set(owner, set.kind.idSuffix)) { words.append(Quoting.pair("$id", set.id)) }
        if let score = set.score { words.append("\(score):") }
        if let rule = set.rule { words += ruleWords(rule, owner: set.id, what: what) }
        return words + set.pairs.map(pairWord)
    }

    func pairWord(_ pair: NVPair) -> String {
        if let ref = pair.idRef { return pair.name.isEmpty ? "@\(ref)" : "@\(ref):\(pair.name)" }
        guard let value = pair.value else { return Quoting.quoted(pair.name) }
        let written = Quoting.pair(pair.name, value)
        if referencedPairs.contains(pair.id) { return "$\(pair.id):\(written)" }
        return Self.listKeywords.contains(pair.name.lowercased()) || pair.name.hasPrefix("$") || pair.name.hasPrefix("@")
            ? Quoting.quoted("\(pair.name)=\(value)") : written
    }

    mutating func node(_ node: Node) -> PrintedObject {
        var head = ["node"]
        if ids.mustWrite(node.id, base: node.uname) { head.append(Quoting.pair("$id", node.id)) }
        var name = Quoting.word(node.uname)
        if let type = node.type {
            if StatementParser.nodeTypes.contains(type.lowercased()) && name == node.uname {
                name += ":\(type)"
            } else {
                issue("node \(node.uname): type '\(type)' cannot be expressed")
            }
        }
        head.append(name)
        if let description = node.description { head.append(Quoting.pair("description", description)) }
        if let score = node.score { issue("node \(node.uname): score=\(score) cannot be expressed in crmsh syntax") }
        var object = PrintedObject(head: head)
        for set in node.instanceAttributes { object.sections.append(attributeList("attributes", set, owner: node.uname, what: "node \(node.uname)")) }
        for set in node.utilization { object.sections.append(attributeList("utilization", set, owner: node.uname, what: "node \(node.uname)")) }
        return object
    }

    mutating func primitive(_ p: Primitive) -> PrintedObject {
        ids.record(p.id)
        var object = PrintedObject(head: ["primitive", Quoting.word(p.id), p.agentSpec])
        if let description = p.description { object.head.append(Quoting.pair("description", description)) }
        let what = "primitive \(p.id)"
        for set in p.instanceAttributes { object.sections.append(attributeList("params", set, owner: p.id, what: what)) }
        for set in p.metaAttributes { object.sections.append(attributeList("meta", set, owner: p.id, what: what)) }
        for set in p.utilization { object.sections.append(attributeList("utilization", set, owner: p.id, what: what)) }
        if let opsID = p.operationsID {
            ids.record(opsID)
            object.sections.append(["operations", Quoting.pair("$id", opsID)])
        }
        for op in p.operations { object.sections.append(operation(op, owner: p.id)) }
        return object
    }

    /// `op <name> interval=.. [id=..] <settings> [<param>=..] [op_params ..] [op_meta ..]`
    private mutating func operation(_ op: Operation, owner: String) -> [String] {
        var words = ["op", Quoting.word(op.name, keywords: Self.listKeywords), Quoting.pair("interval", op.interval)]
        if ids.mustWrite(op.id, base: DerivedID.operation(owner, op.name, op.interval)) { words.append(Quoting.pair("id", op.id)) }
        words += op.settings.map { Quoting.pair($0.name, $0.value) }
        var instance = op.instanceAttributes
        if let first = instance.first, canInline(first, opID: op.id) {
            ids.record(first.id)
            words += first.pairs.map(pairWord)
            instance.removeFirst()
        }
        let what = "op \(op.id) of \(owner)"
        for set in instance { words += attributeList("op_params", set, owner: op.id, what: what) }
        for set in op.metaAttributes { words += attributeList("op_meta", set, owner: op.id, what: what) }
        return words
    }

    /// Whether the op's first instance set can be written as bare `name=value` words after the op.
    private func canInline(_ set: AttributeSet, opID: String) -> Bool {
        let reserved = Set(Operation.knownSettings + ["id", "interval"])
        return set.idRef == nil && set.score == nil && set.rule == nil && !set.pairs.isEmpty
            && ids.candidate(DerivedID.set(opID, set.kind.idSuffix)) == set.id
            && set.pairs.allSatisfy { pair in
                pair.idRef == nil && pair.value != nil && !reserved.contains(pair.name) && !referencedPairs.contains(pair.id)
                    && !Self.listKeywords.contains(pair.name.lowercased()) && !pair.name.hasPrefix("$") && !pair.name.hasPrefix("@")
            }
    }

    mutating func group(_ g: GroupDefinition) -> PrintedObject {
        ids.record(g.id)
        var object = PrintedObject(head: ["group", Quoting.word(g.id)] + g.memberIDs.map { Quoting.word($0, keywords: ["params", "meta"]) })
        if let description = g.description { object.head.append(Quoting.pair("description", description)) }
        for set in g.instanceAttributes { object.sections.append(attributeList("params", set, owner: g.id, what: "group \(g.id)")) }
        for set in g.metaAttributes { object.sections.append(attributeList("meta", set, owner: g.id, what: "group \(g.id)")) }
        return object
    }

    mutating func clone(_ c: CloneDefinition) -> PrintedObject {
        ids.record(c.id)
        var object = PrintedObject(head: ["clone", Quoting.word(c.id), Quoting.word(c.childID)])
        if let description = c.description { object.head.append(Quoting.pair("description", description)) }
        for set in c.instanceAttributes { object.sections.append(attributeList("params", set, owner: c.id, what: "clone \(c.id)")) }
        for set in c.metaAttributes { object.sections.append(attributeList("meta", set, owner: c.id, what: "clone \(c.id)")) }
        return object
    }
}
