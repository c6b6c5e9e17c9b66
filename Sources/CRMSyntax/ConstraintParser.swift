import HalyardModel

/// `location`, `colocation` (`collocation`) and `order`.
extension StatementParser {
    /// `location <id> <rsc> | /<pattern>/ | { <set> } [role=..] [resource-discovery=..]
    ///   { <score>: <node> | rule ... [rule ...] }`
    mutating func location() throws(CRMSyntaxError) -> LocationConstraint {
        let id = try identifier("a constraint id after 'location'")
        ids.record(id)
        var location = LocationConstraint(id: id)
        let target = try cursor.expect("a resource, /<pattern>/ or { <resource set> }")
        if target.isKeyword("{") {
            var words: [Token] = []
            var closed = false
            while let token = cursor.advance() {
                if token.isKeyword("}") { closed = true; break }
                words.append(token)
            }
            guard closed else { throw cursor.error("expected '}' to close this resource set, found end of line", at: target) }
            guard !words.isEmpty else { throw cursor.error(expected: "resources inside { }", at: target) }
            location.resourceSets = try ResourceSetParser(qualifier: .role, cursor: cursor).sets(words, constraintID: id, ids: &ids)
        } else if !target.quoted, target.text.count > 2, target.text.hasPrefix("/"), target.text.hasSuffix("/") {
            location.resourcePattern = String(target.text.dropFirst().dropLast())
        } else {
            guard Self.isIdentifier(target) else { throw cursor.error(expected: "a resource, /<pattern>/ or { <resource set> }", at: target) }
            location.resource = target.text
        }
        try locationAttributes(&location)
        if let token = cursor.current, let text = token.colonPrefix, token.nameValue == nil {
            location.score = try score(text, at: token, for: "before the node")
            _ = cursor.advance()
            location.node = try identifier("a node name after '\(token.text)'")
            try locationAttributes(&location)
            try cursor.finish("the end of the location")
            return location
        }
        while cursor.take("rule") {
            location.rules.append(try rule(owner: id))
        }
        if location.rules.isEmpty { throw cursor.error(expected: "'<score>: <node>' (the score ends with a colon) or 'rule'") }
        try cursor.finish("another 'rule' or the end of the location")
        return location
    }

    private mutating func locationAttributes(_ location: inout LocationConstraint) throws(CRMSyntaxError) {
        while let token = cursor.current, !token.quoted, let pair = token.nameValue {
            switch pair.name.lowercased() {
            case "role", "$role": location.role = pair.value
            case "resource-discovery": location.resourceDiscovery = pair.value
            default: return
            }
            _ = cursor.advance()
        }
    }

    /// `colocation <id> <score>: <rsc>[:<role>] <with-rsc>[:<role>] [node-attribute=..] [influence=..]`
    /// or `colocation <id> <score>: <sets>`.
    mutating func colocation() throws(CRMSyntaxError) -> ColocationConstraint {
        let id = try identifier("a constraint id after 'colocation'")
        ids.record(id)
        var colocation = ColocationConstraint(id: id)
        guard let scoreToken = cursor.current, let text = scoreToken.colonPrefix, scoreToken.nameValue == nil else {
            throw cursor.error(expected: "'<score>:' (a score followed by a colon)")
        }
        colocation.score = try score(text, at: scoreToken, for: "for the colocation")
        _ = cursor.advance()
        let (words, tail) = wordsAndTail(["node-attribute", "influence"])
        colocation.nodeAttribute = tail["node-attribute"]?.value
        colocation.influence = tail["influence"]?.value
        let sets = ResourceSetParser(qualifier: .role, cursor: cursor)
        if ResourceSetParser.arePlain(words) && words.count <= 2 {
            guard words.count == 2 else { throw cursor.error(expected: "two resources (<rsc>[:<role>] <with-rsc>[:<role>]) or resource sets", at: nil) }
            let first = try sets.reference(words[0]), second = try sets.reference(words[1])
            colocation.resource = first.resource
            colocation.resourceRole = first.qualifier
            colocation.withResource = second.resource
            colocation.withResourceRole = second.qualifier
        } else {
            colocation.resourceSets = try sets.sets(words, constraintID: id, ids: &ids)
        }
        return colocation
    }

    /// `order <id> [Mandatory:|Optional:|Serialize:|<score>:] <first>[:<action>] <then>[:<action>]
    /// [symmetrical=..] [require-all=..]` or the same with sets.
    mutating func order() throws(CRMSyntaxError) -> OrderConstraint {
        let id = try identifier("a constraint id after 'order'")
        ids.record(id)
        var order = OrderConstraint(id: id)
        if let token = cursor.current, let text = token.colonPrefix, token.nameValue == nil {
            if let kind = OrderConstraint.Kind.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
                order.kind = kind
            } else if let score = Score(parsing: text) {
                order.score = score
            } else {
                throw cursor.error(expected: "Mandatory:, Optional:, Serialize: or '<score>:'", at: token)
            }
            _ = cursor.advance()
        }
        let (words, tail) = wordsAndTail(["symmetrical", "require-all"])
        if let (value, token) = tail["symmetrical"] { order.symmetrical = try boolean(value, at: token) }
        if let (value, token) = tail["require-all"] { order.requireAll = try boolean(value, at: token) }
        let sets = ResourceSetParser(qualifier: .action, cursor: cursor)
        if ResourceSetParser.arePlain(words) && words.count <= 2 {
            guard words.count == 2 else { throw cursor.error(expected: "two resources (<first>[:<action>] <then>[:<action>]) or resource sets", at: nil) }
            let first = try sets.reference(words[0]), then = try sets.reference(words[1])
            order.first = first.resource
            order.firstAction = first.qualifier
            order.then = then.resource
            order.thenAction = then.qualifier
        } else {
            order.resourceSets = try sets.sets(words, constraintID: id, ids: &ids)
        }
        return order
    }

    /// The rest of the line split into resource words and the trailing `<name>=<value>` words
    /// whose names are in `names` (constraint attributes come last, after any set attributes).
    private mutating func wordsAndTail(_ names: Set<String>) -> ([Token], [String: (value: String, token: Token)]) {
        var words = Array(cursor.remaining)
        while cursor.advance() != nil {}
        var tail: [String: (value: String, token: Token)] = [:]
        while let last = words.last, !last.quoted, let pair = last.nameValue, names.contains(pair.name.lowercased()),
              tail[pair.name.lowercased()] == nil {
            tail[pair.name.lowercased()] = (pair.value, last)
            words.removeLast()
        }
        return (words, tail)
    }
}
