/// One shell-like word of crmsh input, with where it starts in the source.
struct Token: Sendable, Equatable {
    var text: String
    var line: Int
    var column: Int
    /// The width of the token in the source, in characters (for "after this token" positions).
    var width: Int
    /// Whether the word starts with a quote: such words are never keywords, brackets or `$id=`.
    var quoted: Bool

    /// True when this is the unquoted word `word` (case-insensitive, as crmsh compares keywords).
    func isKeyword(_ word: String) -> Bool {
        !quoted && text.lowercased() == word
    }
}

/// The physical source lines, kept to quote the offending line in errors.
struct SourceText: Sendable {
    let lines: [String]

    func error(line: Int, column: Int, _ message: String) -> CRMSyntaxError {
        let text = line >= 1 && line <= lines.count ? lines[line - 1] : ""
        return CRMSyntaxError(line: line, column: column, message: message, sourceLine: text)
    }
}

/// Splits crmsh text into logical lines of tokens: `#` comment lines and blank lines are skipped,
/// a `\` at the end of a line continues it, `"…"` and `'…'` quote (with `\` escapes inside), and a
/// quoted string may span lines.
struct Lexer {
    private let source: SourceText
    private var lineIndex = 0
    private var statements: [[Token]] = []
    private var current: [Token] = []

    init(_ text: String) {
        var lines: [String] = []
        text.enumerateLinesKeepingEmpty { lines.append($0) }
        source = SourceText(lines: lines)
    }

    static func logicalLines(_ text: String) throws(CRMSyntaxError) -> (SourceText, [[Token]]) {
        var lexer = Lexer(text)
        try lexer.run()
        return (lexer.source, lexer.statements)
    }

    private mutating func run() throws(CRMSyntaxError) {
        var continuation: (line: Int, column: Int)?
        while lineIndex < source.lines.count {
            let chars = Array(source.lines[lineIndex])
            lineIndex += 1
            let firstNonBlank = chars.firstIndex(where: { !$0.isWhitespace })
            if let first = firstNonBlank, chars[first] == "#" { continue }
            continuation = try scan(chars, line: lineIndex)
            if continuation == nil, !current.isEmpty {
                statements.append(current)
                current = []
            }
        }
        if let continuation {
            throw source.error(line: continuation.line, column: continuation.column,
                               "expected a continuation line after '\\', found end of input")
        }
        if !current.isEmpty { statements.append(current) }
    }

    /// Scans one physical line (more when a quote spans lines) into `current`; returns the position
    /// of a trailing continuation backslash, if any.
    private mutating func scan(_ startChars: [Character], line startLine: Int) throws(CRMSyntaxError) -> (line: Int, column: Int)? {
        var chars = startChars
        var line = startLine
        var i = 0
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let start = (line: line, column: i + 1)
            var text = ""
            var quoted = false
            var width = 0
            while i < chars.count, !chars[i].isWhitespace {
                let ch = chars[i]
                if ch == "\\" {
                    if i + 1 == chars.count {
                        if text.isEmpty { return (line, i + 1) }
                        appendToken(text, start, width, quoted)
                        return (line, i + 1)
                    }
                    text.append(chars[i + 1])
                    i += 2
                    width += 2
                } else if ch == "\"" || ch == "'" {
                    if width == 0 { quoted = true }
                    let opened = (line: line, column: i + 1)
                    i += 1
                    width += 1
                    while true {
                        if i == chars.count {
                            guard lineIndex < source.lines.count else {
                                throw source.error(line: opened.line, column: opened.column,
                                                   "expected a closing \(ch) for the quote opened here, found end of input")
                            }
                            text.append("\n")
                            chars = Array(source.lines[lineIndex])
                            lineIndex += 1
                            line += 1
                            i = 0
                            continue
                        }
                        let inner = chars[i]
                        if inner == ch { i += 1; width += 1; break }
                        if inner == "\\", i + 1 < chars.count, chars[i + 1] == ch || chars[i + 1] == "\\"
                            || (ch == "\"" && (chars[i + 1] == "$" || chars[i + 1] == "`")) {
                            text.append(chars[i + 1])
                            i += 2
                            width += 2
                        } else {
                            text.append(inner)
                            i += 1
                            width += 1
                        }
                    }
                } else {
                    text.append(ch)
                    i += 1
                    width += 1
                }
            }
            appendToken(text, start, width, quoted)
        }
        return nil
    }

    private mutating func appendToken(_ text: String, _ start: (line: Int, column: Int), _ width: Int, _ quoted: Bool) {
        current.append(Token(text: text, line: start.line, column: start.column, width: width, quoted: quoted))
    }
}

extension String {
    /// Calls `body` with every line (split on LF or CRLF, keeping empty lines), so line numbers
    /// match what an editor shows.
    func enumerateLinesKeepingEmpty(_ body: (String) -> Void) {
        for line in split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            body(String(line))
        }
    }
}
