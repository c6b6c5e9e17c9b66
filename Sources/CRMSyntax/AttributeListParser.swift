import HalyardModel

/// Attribute lists: `[$id=<id> | $id-ref=<id>] [<score>:] [rule ...] <name>=<value>...`, with
/// `@<ref>[:<name>]` nvpair references, `$<id>:<name>=<value>` nvpairs with a kept id, and a quoted
/// `"<name>"` for an nvpair without a value.
extension StatementParser {
    /// Reads one attribute list, stopping at an unquoted word in `terminators`.
    mutating func attributeSet(_ kind: AttributeSetKind, owner: String, terminators: Set<String>) throws(CRMSyntaxError) -> AttributeSet {
        if let token = cursor.current, let ref = token.dollarValue("id-ref") {
            _ = cursor.advance()
            guard !ref.isEmpty else { throw cursor.error(expected: "an id after $id-ref=", at: token) }
            return AttributeSet(kind: kind, id: "", idRef: ref)
        }
        var written: String?
        if let token = cursor.current, let id = token.dollarValue("id") {
            guard !id.isEmpty else { throw cursor.error(expected: "an id after $id=", at: token) }
            written = id
            _ = cursor.advance()
        }
        var set = AttributeSet(kind: kind, id: ids.assign(written, base: DerivedID.set(owner, kind.idSuffix)))
        if let token = cursor.current, token.nameValue == nil, let text = token.colonPrefix {
            set.score = try score(text, at: token, for: "for the attribute set")
            _ = cursor.advance()
        }
        if let token = cursor.current, token.isKeyword("rule") {
            _ = cursor.advance()
            set.rule = try rule(owner: set.id)
        }
        set.pairs = DerivedID.nvpairs(try nvpairs(terminators: terminators.union(["rule"])), setID: set.id)
        return set
    }

    /// Reads nvpairs up to an unquoted terminator word or the end of the line.
    mutating func nvpairs(terminators: Set<String>) throws(CRMSyntaxError) -> [NVPair] {
        var pairs: [NVPair] = []
        while let token = cursor.current, token.quoted || !terminators.contains(token.text.lowercased()) {
            pairs.append(try nvpair(token))
            _ = cursor.advance()
        }
        return pairs
    }

    private func nvpair(_ token: Token) throws(CRMSyntaxError) -> NVPair {
        let text = token.text
        if !token.quoted, text.hasPrefix("@") {
            let body = text.dropFirst()
            let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let ref = parts.first, !ref.isEmpty else { throw cursor.error(expected: "@<nvpair-id>[:<name>]", at: token) }
            return NVPair(id: "", name: parts.count > 1 ? String(parts[1]) : "", value: nil, idRef: String(ref))
        }
        if !token.quoted, text.hasPrefix("$") {
            guard let pair = token.nameValue, let colon = pair.name.firstIndex(of: ":"),
                  pair.name.index(after: pair.name.startIndex) < colon, pair.name.index(after: colon) < pair.name.endIndex else {
                throw cursor.error(expected: "$<id>:<name>=<value> or <name>=<value>", at: token)
            }
            let id = String(pair.name[pair.name.index(after: pair.name.startIndex)..<colon])
            return NVPair(id: id, name: String(pair.name[pair.name.index(after: colon)...]), value: pair.value)
        }
        if let pair = token.nameValue { return NVPair(id: "", name: pair.name, value: pair.value) }
        // crmsh also takes an unquoted bare name; requiring quotes catches typos such as `opp`.
        guard token.quoted, !text.isEmpty else {
            throw cursor.error(expected: "<name>=<value> (or a \"quoted\" name without a value)", at: token)
        }
        return NVPair(id: "", name: text, value: nil)
    }

    /// `keyword attr_list` blocks, appended per keyword (e.g. `params` → instance attributes).
    /// `implicit` is the keyword assumed when the first block starts right away with `name=value`.
    mutating func attributeBlocks(_ blocks: [String: AttributeSetKind], owner: String, implicit: String?,
                                  terminators: Set<String>, into sets: inout [AttributeSetKind: [AttributeSet]]) throws(CRMSyntaxError) {
        let stops = terminators.union(blocks.keys)
        if let implicit, let kind = blocks[implicit], let token = cursor.current, Self.startsImplicitList(token) {
            sets[kind, default: []].append(try attributeSet(kind, owner: owner, terminators: stops))
        }
        while let token = cursor.current, !token.quoted, let kind = blocks[token.text.lowercased()] {
            _ = cursor.advance()
            sets[kind, default: []].append(try attributeSet(kind, owner: owner, terminators: stops))
        }
    }

    private static func startsImplicitList(_ token: Token) -> Bool {
        guard !token.quoted, let pair = token.nameValue else { return false }
        return !pair.name.hasPrefix("$") && pair.name.lowercased() != "description"
    }
}
