import HalyardModel

/// `location`, `colocation` and `order`, with resource sets.
extension StatementRenderer {
    mutating func location(_ c: LocationConstraint) -> PrintedObject {
        ids.record(c.id)
        let what = "location \(c.id)"
        var head = ["location", Quoting.word(c.id)]
        var targets = 0
        if let rsc = c.resource { head.append(Quoting.word(rsc)); targets += 1 }
        if let pattern = c.resourcePattern {
            head.append(Quoting.needsQuotes(pattern) ? Quoting.quoted("/\(pattern)/") : "/\(pattern)/")
            if Quoting.needsQuotes(pattern) { issue("\(what): rsc-pattern '\(pattern)' cannot be written") }
            targets += 1
        }
        if !c.resourceSets.isEmpty {
            head += ["{"] + setWords(c.resourceSets, qualifier: .role, constraintID: c.id, what: what) + ["}"]
            targets += 1
        }
        if targets != 1 { issue("\(what): needs exactly one of a resource, a pattern or resource sets") }
        if let role = c.role { head.append(Quoting.pair("role", role)) }
        if let discovery = c.resourceDiscovery { head.append(Quoting.pair("resource-discovery", discovery)) }
        var object = PrintedObject(head: head)
        if let score = c.score, let node = c.node {
            object.head += ["\(score):", Quoting.word(node)]
            if !c.rules.isEmpty { issue("\(what): has both a node score and rules; the rules are not printed") }
            return object
        }
        if c.score != nil || c.node != nil { issue("\(what): a score and a node must be given together") }
        if c.rules.isEmpty { issue("\(what): has neither '<score>: <node>' nor rules") }
        for rule in c.rules { object.sections.append(ruleWords(rule, owner: c.id, what: what)) }
        return object
    }

    mutating func colocation(_ c: ColocationConstraint) -> PrintedObject {
        ids.record(c.id)
        let what = "colocation \(c.id)"
        if c.score == nil { issue("\(what): has no score, which crmsh syntax requires") }
        var words = ["colocation", Quoting.word(c.id), "\(c.score ?? .zero):"]
        if c.resourceSets.isEmpty {
            if c.resource == nil || c.withResource == nil { issue("\(what): needs both rsc and with-rsc") }
            words.append(reference(c.resource ?? "", c.resourceRole))
            words.append(reference(c.withResource ?? "", c.withResourceRole))
        } else {
            if c.resource != nil || c.withResource != nil { issue("\(what): has both resources and resource sets; the resources are not printed") }
            words += setWords(c.resourceSets, qualifier: .role, constraintID: c.id, what: what)
        }
        if let attribute = c.nodeAttribute { words.append(Quoting.pair("node-attribute", attribute)) }
        if let influence = c.influence { words.append(Quoting.pair("influence", influence)) }
        return PrintedObject(head: words)
    }

    mutating func order(_ c: OrderConstraint) -> PrintedObject {
        ids.record(c.id)
        let what = "order \(c.id)"
        var words = ["order", Quoting.word(c.id)]
        if let kind = c.kind {
            words.append("\(kind.rawValue):")
            if c.score != nil { issue("\(what): has both kind and score; the score is not printed") }
        } else if let score = c.score {
            words.append("\(score):")
        }
        if c.resourceSets.isEmpty {
            if c.first == nil || c.then == nil { issue("\(what): needs both first and then") }
            words.append(reference(c.first ?? "", c.firstAction))
            words.append(reference(c.then ?? "", c.thenAction))
        } else {
            if c.first != nil || c.then != nil { issue("\(what): has both resources and resource sets; the resources are not printed") }
            words += setWords(c.resourceSets, qualifier: .action, constraintID: c.id, what: what)
        }
        if let symmetrical = c.symmetrical { words.append("symmetrical=\(symmetrical)") }
        if let requireAll = c.requireAll { words.append("require-all=\(requireAll)") }
        return PrintedObject(head: words)
    }

    private func reference(_ resource: String, _ qualifier: String?) -> String {
        let word = Quoting.word(resource)
        guard let qualifier else { return word }
        return word == resource ? "\(resource):\(qualifier)" : word
    }

    /// The sets as words: `( … )` for sequential=false, `[ … ]` when require-all=false too, bare
    /// words otherwise, `_rsc_set_` between two bare sets and before a lone pair of words.
    private mutating func setWords(_ sets: [ResourceSet], qualifier: ResourceSetParser.Qualifier,
                                   constraintID: String, what: String) -> [String] {
        var words: [String] = []
        var previousBare = false
        for set in sets {
            _ = ids.assign(nil, base: DerivedID.resourceSet(constraintID))
            let written = setQualifier(set, qualifier: qualifier, what: what)
            if set.resources.isEmpty { issue("\(what): resource set \(set.id) is empty") }
            let refs = set.resources.map { reference($0, written) }
            if set.sequential == false {
                let all = set.requireAll == false
                words += [all ? "[" : "("] + refs
                if !all, let requireAll = set.requireAll { words.append("require-all=\(requireAll)") }
                words.append(all ? "]" : ")")
                previousBare = false
            } else {
                if previousBare { words.append(ResourceSetParser.setMarker) }
                words += refs
                if let sequential = set.sequential { words.append("sequential=\(sequential)") }
                if let requireAll = set.requireAll { words.append("require-all=\(requireAll)") }
                previousBare = true
            }
        }
        // Set attributes at the very end would read as the constraint's own tail attributes.
        if previousBare, let last = words.last, last.contains("=") { words.append(ResourceSetParser.setMarker) }
        let plain = words.allSatisfy { !$0.contains("=") && !["(", ")", "[", "]", ResourceSetParser.setMarker].contains($0) }
        if plain && words.count <= 2 { words.insert(ResourceSetParser.setMarker, at: 0) }
        return words
    }

    /// The role (colocation, location) or action (order) a set carries; reports what cannot be written.
    private mutating func setQualifier(_ set: ResourceSet, qualifier: ResourceSetParser.Qualifier, what: String) -> String? {
        var lost: [String] = []
        if set.idRef != nil { lost.append("id-ref") }
        if set.ordering != nil { lost.append("ordering") }
        if set.score != nil { lost.append("score") }
        if set.kind != nil { lost.append("kind") }
        if qualifier == .role && set.action != nil { lost.append("action") }
        if qualifier == .action && set.role != nil { lost.append("role") }
        if !lost.isEmpty { issue("\(what): resource set \(set.id): \(lost.joined(separator: ", ")) cannot be expressed in crmsh syntax") }
        return qualifier == .role ? set.role : set.action
    }
}
