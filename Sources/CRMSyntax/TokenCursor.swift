/// Walks the tokens of one logical line and builds "expected …, found …" errors pointing at the
/// offending token (or just past the last one at the end of the line).
struct TokenCursor {
    let tokens: [Token]
    let source: SourceText
    private(set) var index = 0

    init(_ tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
    }

    var current: Token? { index < tokens.count ? tokens[index] : nil }
    var remaining: ArraySlice<Token> { tokens[min(index, tokens.count)...] }

    mutating func advance() -> Token? {
        guard let token = current else { return nil }
        index += 1
        return token
    }

    /// Consumes the keyword if it is next.
    mutating func take(_ keyword: String) -> Bool {
        guard let token = current, token.isKeyword(keyword) else { return false }
        index += 1
        return true
    }

    /// The next token, or an error saying that `what` was expected.
    mutating func expect(_ what: String) throws(CRMSyntaxError) -> Token {
        guard let token = advance() else { throw error(expected: what) }
        return token
    }

    /// `expected <what>, found '<token>'` at the current token (or `found end of line`).
    func error(expected what: String) -> CRMSyntaxError {
        error(expected: what, at: current)
    }

    func error(expected what: String, at token: Token?) -> CRMSyntaxError {
        if let token {
            return source.error(line: token.line, column: token.column, "expected \(what), found '\(Self.shown(token.text))'")
        }
        return endError("expected \(what), found end of line")
    }

    /// A free-form message at a token.
    func error(_ message: String, at token: Token) -> CRMSyntaxError {
        source.error(line: token.line, column: token.column, message)
    }

    /// A message positioned just after the last token of the line.
    func endError(_ message: String) -> CRMSyntaxError {
        guard let last = tokens.last else { return source.error(line: 1, column: 1, message) }
        return source.error(line: last.line, column: last.column + last.width, message)
    }

    /// Fails unless every token was used.
    func finish(_ what: String) throws(CRMSyntaxError) {
        if let token = current { throw error(expected: what, at: token) }
    }

    /// A token shortened for messages (a 1 MB word must not make a 1 MB message).
    static func shown(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}

/// Small helpers on token text used across the statement parsers.
extension Token {
    /// `name=value` split at the first `=`, when the word has one after a non-empty name.
    var nameValue: (name: String, value: String)? {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }

    /// The text before a trailing `:` (`100:`, `cib-bootstrap-options:`), for an unquoted word.
    var colonPrefix: String? {
        guard !quoted, text.count > 1, text.hasSuffix(":") else { return nil }
        return String(text.dropLast())
    }

    /// `$key=value` (case-insensitive key) for an unquoted word.
    func dollarValue(_ key: String) -> String? {
        guard !quoted, let pair = nameValue, pair.name.lowercased() == "$" + key else { return nil }
        return pair.value
    }
}
