import HalyardModel

/// Parses crmsh `crm configure` text (as `configure load` and `configure show` use it) into
/// statements, one per logical line. See INTERFACES.md §4 for the grammar.
public enum CRMParser {
    /// The statements of `text` in order; the first syntax error stops the parse.
    public static func parse(_ text: String) throws(CRMSyntaxError) -> [CRMStatement] {
        let (source, lines) = try Lexer.logicalLines(text)
        var statements: [CRMStatement] = []
        for tokens in lines {
            var parser = StatementParser(TokenCursor(tokens, source: source))
            statements.append(try parser.statement())
        }
        return statements
    }

    /// The statement keywords this parser understands.
    static let keywords = ["node", "primitive", "group", "clone", "ms", "location", "colocation", "collocation",
                           "order", "property", "rsc_defaults", "op_defaults", "fencing_topology", "alert"]
}

/// Parses one logical line; holds the token cursor and the statement's id allocator.
struct StatementParser {
    var cursor: TokenCursor
    var ids = IDAllocator()

    init(_ cursor: TokenCursor) { self.cursor = cursor }

    mutating func statement() throws(CRMSyntaxError) -> CRMStatement {
        let head = try cursor.expect("a statement")
        let result: CRMStatement
        switch head.quoted ? "" : head.text.lowercased() {
        case "node": result = .node(try node())
        case "primitive": result = .primitive(try primitive())
        case "group": result = .group(try group())
        case "clone": result = .clone(try clone(promotable: false))
        case "ms": result = .clone(try clone(promotable: true))
        case "location": result = .location(try location())
        case "colocation", "collocation": result = .colocation(try colocation())
        case "order": result = .order(try order())
        case "property": result = .property(try propertySet(kind: .clusterProperties, defaultID: "cib-bootstrap-options"))
        case "rsc_defaults": result = .resourceDefaults(try propertySet(kind: .meta, defaultID: "rsc-options"))
        case "op_defaults": result = .operationDefaults(try propertySet(kind: .meta, defaultID: "op-options"))
        case "fencing_topology", "fencing-topology": result = .fencingTopology(try fencingTopology())
        case "alert": result = .alert(try alert())
        default:
            throw cursor.error(expected: "a statement (\(CRMParser.keywords.joined(separator: ", ")))", at: head)
        }
        return result
    }

    /// An object id: a non-empty word without `=` that is not a bracket.
    mutating func identifier(_ what: String) throws(CRMSyntaxError) -> String {
        guard let token = cursor.current, Self.isIdentifier(token) else { throw cursor.error(expected: what) }
        _ = cursor.advance()
        return token.text
    }

    static func isIdentifier(_ token: Token) -> Bool {
        guard !token.text.isEmpty, !token.text.contains(where: { $0.isWhitespace || $0 == "=" }) else { return false }
        if token.quoted { return true }
        return !["(", ")", "[", "]", "{", "}"].contains(token.text) && !token.text.hasSuffix(":")
            && !token.text.hasPrefix("$") && !token.text.hasPrefix("@")
    }

    /// `description=<text>` if it is next.
    mutating func description() -> String? {
        guard let token = cursor.current, !token.quoted, let pair = token.nameValue,
              pair.name.lowercased() == "description" else { return nil }
        _ = cursor.advance()
        return pair.value
    }

    /// A score word without its colon: an integer or ±INFINITY (`inf`, `+inf`, `-inf` too).
    func score(_ text: String, at token: Token, for what: String) throws(CRMSyntaxError) -> Score {
        guard let score = Score(parsing: text) else {
            throw cursor.error("expected a score (an integer, INFINITY or -INFINITY) \(what), found '\(TokenCursor.shown(text))'", at: token)
        }
        return score
    }

    /// A boolean as Pacemaker spells it.
    func boolean(_ text: String, at token: Token) throws(CRMSyntaxError) -> Bool {
        guard let value = Boolean.parse(text) else {
            throw cursor.error("expected true or false, found '\(TokenCursor.shown(text))'", at: token)
        }
        return value
    }
}
