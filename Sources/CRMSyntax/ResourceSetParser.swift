import HalyardModel

/// Resource lists of colocation, order and location constraints: `a b` (one set, or the simple
/// two-resource form), `( a b )` (sequential=false), `[ a b ]` (also require-all=false),
/// `sequential=`/`require-all=` applying to the set they follow or sit in, `<rsc>:<role|action>`
/// (a change of qualifier starts a new set), and `_rsc_set_` ending a bare set.
struct ResourceSetParser {
    enum Qualifier: String {
        case role, action

        var allowed: [String] {
            switch self {
            case .role: ["Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"]
            case .action: ["start", "stop", "promote", "demote"]
            }
        }
    }

    /// One `<rsc>[:<qualifier>]` word.
    struct Reference {
        var resource: String
        var qualifier: String?
    }

    let qualifier: Qualifier
    let cursor: TokenCursor

    static let setMarker = "_rsc_set_"

    /// Whether the words are plain resource references (no brackets, set attributes or marker).
    static func arePlain(_ tokens: [Token]) -> Bool {
        tokens.allSatisfy { $0.quoted || ($0.nameValue == nil && $0.text != setMarker && !isBracketed($0.text)) }
    }

    private static func isBracketed(_ text: String) -> Bool {
        text.hasPrefix("(") || text.hasPrefix("[") || text.hasSuffix(")") || text.hasSuffix("]")
    }

    func reference(_ token: Token) throws(CRMSyntaxError) -> Reference {
        let parts = token.text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard !parts[0].isEmpty, token.quoted || StatementParser.isIdentifier(token) || parts.count == 2 else {
            throw cursor.error(expected: "a resource id", at: token)
        }
        if token.quoted || parts.count == 1 { return Reference(resource: token.text) }
        guard qualifier.allowed.contains(where: { $0.lowercased() == parts[1].lowercased() }) else {
            throw cursor.error("expected a \(qualifier.rawValue) (\(qualifier.allowed.joined(separator: ", "))) after '\(parts[0]):', found '\(TokenCursor.shown(parts[1]))'", at: token)
        }
        return Reference(resource: parts[0], qualifier: parts[1])
    }

    /// Parses the words into sets whose ids come from `ids` with the constraint id as base.
    func sets(_ input: [Token], constraintID: String, ids: inout IDAllocator) throws(CRMSyntaxError) -> [ResourceSet] {
        var sets: [ResourceSet] = []
        var current = ResourceSet(id: "")
        var open: Token?
        func save() {
            guard !current.resources.isEmpty else { return }
            current.id = ids.assign(nil, base: DerivedID.resourceSet(constraintID))
            sets.append(current)
            let bracketed = open != nil
            current = ResourceSet(id: "", sequential: bracketed ? current.sequential : nil,
                                  requireAll: bracketed ? current.requireAll : nil)
        }
        for token in Self.splitBrackets(input) {
            let text = token.quoted ? "" : token.text
            switch text {
            case "(", "[":
                if let open { throw cursor.error("expected ')' or ']' before a new set (sets cannot nest; one opened at column \(open.column))", at: token) }
                save()
                current = ResourceSet(id: "", sequential: false, requireAll: text == "[" ? false : nil)
                open = token
            case ")", "]":
                guard let opened = open else { throw cursor.error(expected: "a resource (no set is open)", at: token) }
                let closer = opened.text == "(" ? ")" : "]"
                guard text == closer else { throw cursor.error(expected: "'\(closer)'", at: token) }
                if current.resources.isEmpty { throw cursor.error(expected: "a resource in the set", at: token) }
                save()
                open = nil
                current = ResourceSet(id: "")
            case Self.setMarker:
                if open != nil { throw cursor.error(expected: "a resource or a closing bracket", at: token) }
                save()
            default:
                if let pair = token.nameValue, !token.quoted {
                    try apply(pair, token: token, to: &current, inBrackets: open != nil)
                    continue
                }
                let ref = try reference(token)
                if !current.resources.isEmpty, ref.qualifier != (current.action ?? current.role) {
                    save()
                }
                if current.resources.isEmpty {
                    switch qualifier {
                    case .role: current.role = ref.qualifier
                    case .action: current.action = ref.qualifier
                    }
                }
                current.resources.append(ref.resource)
            }
        }
        if let open { throw cursor.error("expected '\(open.text == "(" ? ")" : "]")' to close this set, found end of line", at: open) }
        save()
        return sets
    }

    private func apply(_ pair: (name: String, value: String), token: Token, to set: inout ResourceSet, inBrackets: Bool) throws(CRMSyntaxError) {
        guard inBrackets || !set.resources.isEmpty else {
            throw cursor.error(expected: "a resource before '\(TokenCursor.shown(token.text))'", at: token)
        }
        guard let value = Boolean.parse(pair.value) else {
            throw cursor.error("expected true or false, found '\(TokenCursor.shown(pair.value))'", at: token)
        }
        switch pair.name.lowercased() {
        case "sequential": set.sequential = value
        case "require-all": set.requireAll = value
        default: throw cursor.error(expected: "sequential= or require-all=", at: token)
        }
    }

    /// `(a` → `(`, `a`; `b)` → `b`, `)` (crmsh accepts brackets glued to names).
    private static func splitBrackets(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        for token in tokens {
            guard !token.quoted, token.text.count > 1 else { result.append(token); continue }
            var word = token
            if let first = word.text.first, first == "(" || first == "[" {
                result.append(Token(text: String(first), line: word.line, column: word.column, width: 1, quoted: false))
                word = Token(text: String(word.text.dropFirst()), line: word.line, column: word.column + 1, width: word.width - 1, quoted: false)
            }
            if let last = word.text.last, word.text.count > 1, last == ")" || last == "]" {
                result.append(Token(text: String(word.text.dropLast()), line: word.line, column: word.column, width: word.width - 1, quoted: false))
                result.append(Token(text: String(last), line: word.line, column: word.column + word.width - 1, width: 1, quoted: false))
            } else {
                result.append(word)
            }
        }
        return result
    }
}
