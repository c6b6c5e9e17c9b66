import HalyardModel

/// `property`/`rsc_defaults`/`op_defaults`, `fencing_topology` and `alert`.
extension StatementRenderer {
    /// `keyword [<id>: | $id=..] [<score>:] [rule ..]` with one name=value per line.
    mutating func propertySet(_ set: AttributeSet, keyword: String, defaultID: String) -> PrintedObject {
        var head = [keyword]
        let what = "\(keyword) \(set.id)"
        if let ref = set.idRef {
            issue("\(what): a reference ($id-ref=\(ref)) cannot be written for \(keyword)")
        }
        if set.id != defaultID || set.score != nil {
            let plain = !Quoting.needsQuotes(set.id) && !set.id.contains("=") && !set.id.hasPrefix("$") && !set.id.hasSuffix(":")
            head.append(plain ? "\(set.id):" : Quoting.pair("$id", set.id))
        }
        ids.record(set.id)
        if let score = set.score { head.append("\(score):") }
        var object = PrintedObject(head: head)
        if let rule = set.rule { object.sections.append(ruleWords(rule, owner: set.id, what: what)) }
        object.sections += set.pairs.map { [pairWord($0)] }
        return object
    }

    mutating func fencingTopology(_ topology: FencingTopologyDefinition) -> PrintedObject {
        var groups: [(target: FencingLevel, levels: [FencingLevel])] = []
        for level in topology.levels {
            if let index = groups.firstIndex(where: { Self.sameTarget($0.target, level) }) {
                groups[index].levels.append(level)
            } else {
                groups.append((level, [level]))
            }
        }
        if groups.flatMap(\.levels) != topology.levels {
            issue("fencing_topology: the levels are not grouped by target, so they are printed grouped")
        }
        for group in groups where group.levels.map(\.index) != Array(1...group.levels.count) {
            issue("fencing_topology: the levels of \(Self.targetWord(group.target)) are not numbered 1, 2, …; they are printed in order")
        }
        let deviceWords = { (levels: [FencingLevel]) in levels.map { $0.devices.joined(separator: ",") } }
        if let compact = compactForm(groups), ResourceTreeBuilder.levels(of: compact, nodes: nodes).map(Self.withoutID) == topology.levels.map(Self.withoutID) {
            return PrintedObject(head: ["fencing_topology"] + deviceWords(compact.levels))
        }
        var object = PrintedObject(head: ["fencing_topology"])
        for group in groups {
            if group.target.target != nil && (group.target.targetPattern != nil || group.target.targetAttribute != nil) {
                issue("fencing_topology: a level has both a target and a target pattern or attribute")
            }
            object.sections.append([Self.targetWord(group.target)] + deviceWords(group.levels))
        }
        let badDevices = topology.levels.filter { $0.devices.isEmpty || $0.devices.contains { $0.isEmpty || Quoting.needsQuotes($0) || $0.contains(",") } }
        for level in badDevices { issue("fencing_topology: level \(level.id) has devices crmsh cannot write") }
        return object
    }

    /// The target-less form, when every node has the same levels (by uname, in node order).
    private func compactForm(_ groups: [(target: FencingLevel, levels: [FencingLevel])]) -> FencingTopologyDefinition? {
        guard let first = groups.first, !nodes.isEmpty, groups.map({ $0.target.target }) == nodes.map(\.uname) else { return nil }
        let levels = first.levels.map { level in
            var copy = level
            copy.target = nil
            copy.id = ""
            return copy
        }
        return FencingTopologyDefinition(levels: levels, appliesToAllNodes: true)
    }

    private static func withoutID(_ level: FencingLevel) -> FencingLevel {
        var copy = level
        copy.id = ""
        return copy
    }

    private static func sameTarget(_ a: FencingLevel, _ b: FencingLevel) -> Bool {
        a.target == b.target && a.targetPattern == b.targetPattern && a.targetAttribute == b.targetAttribute && a.targetValue == b.targetValue
    }

    private static func targetWord(_ level: FencingLevel) -> String {
        if let pattern = level.targetPattern { return "pattern:\(pattern)" }
        if let attribute = level.targetAttribute { return "attr:\(attribute)=\(level.targetValue ?? "")" }
        return "\(level.target ?? ""):"
    }

    /// `alert <id> <path> [description=..] attributes/meta…, then one `to <recipient> …` per line.
    mutating func alert(_ a: Alert) -> PrintedObject {
        ids.record(a.id)
        let what = "alert \(a.id)"
        var object = PrintedObject(head: ["alert", Quoting.word(a.id), Quoting.word(a.path)])
        if let description = a.description { object.head.append(Quoting.pair("description", description)) }
        for set in a.instanceAttributes { object.sections.append(attributeList("attributes", set, owner: a.id, what: what)) }
        for set in a.metaAttributes { object.sections.append(attributeList("meta", set, owner: a.id, what: what)) }
        for (number, recipient) in a.recipients.enumerated() {
            let generated = ids.assign(nil, base: DerivedID.recipient(a.id, number + 1))
            if generated != recipient.id { issue("\(what): recipient id '\(recipient.id)' cannot be written (crmsh names it \(generated))") }
            var words = ["to", Quoting.word(recipient.value, keywords: ["attributes", "meta", "to"])]
            if let description = recipient.description { words.append(Quoting.pair("description", description)) }
            for set in recipient.instanceAttributes { words += attributeList("attributes", set, owner: generated, what: what) }
            for set in recipient.metaAttributes { words += attributeList("meta", set, owner: generated, what: what) }
            object.sections.append(words)
        }
        return object
    }
}
