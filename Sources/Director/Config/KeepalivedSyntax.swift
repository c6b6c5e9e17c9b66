/// keepalived.conf's generic shape: statements (`keyword args…`) one per line, some opening a
/// `{ … }` block. Comments start with `#` or `!`.
struct KeepalivedStatement {
    var keyword: String
    var arguments: [String]
    var children: [KeepalivedStatement]
    var hasBlock: Bool
    var line: Int
}

enum KeepalivedSyntax {
    static func parse(_ text: String, file: String) throws(DirectorConfigError) -> [KeepalivedStatement] {
        var stack: [KeepalivedStatement] = [KeepalivedStatement(keyword: "", arguments: [], children: [], hasBlock: true, line: 0)]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            guard let tokens = tokens(rawLine) else {
                throw DirectorConfigError(file: file, line: lineNumber, message: "unterminated quote")
            }
            var current: [String] = []
            func flush(opensBlock: Bool) {
                guard let keyword = current.first else { return }
                let statement = KeepalivedStatement(keyword: keyword, arguments: Array(current.dropFirst()), children: [],
                                                    hasBlock: opensBlock, line: lineNumber)
                current = []
                if opensBlock {
                    stack.append(statement)
                } else {
                    stack[stack.count - 1].children.append(statement)
                }
            }
            for token in tokens {
                switch token {
                case "{":
                    guard !current.isEmpty else { throw DirectorConfigError(file: file, line: lineNumber, message: "\"{\" without a keyword before it") }
                    flush(opensBlock: true)
                case "}":
                    flush(opensBlock: false)
                    guard stack.count > 1, let closed = stack.popLast() else {
                        throw DirectorConfigError(file: file, line: lineNumber, message: "\"}\" without a matching \"{\"")
                    }
                    stack[stack.count - 1].children.append(closed)
                default:
                    current.append(token)
                }
            }
            flush(opensBlock: false)
        }
        guard stack.count == 1 else {
            let open = stack[stack.count - 1]
            throw DirectorConfigError(file: file, line: open.line, message: "block \"\(open.keyword)\" is never closed")
        }
        return stack[0].children
    }

    /// The tokens of one line: words (quotes removed) and braces, up to a comment.
    private static func tokens(_ line: Substring) -> [String]? {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "\"":
                quote = character
                inWord = true
            case "#", "!":
                if inWord { tokens.append(current) }
                return tokens
            case "{", "}":
                if inWord { tokens.append(current) }
                current = ""
                inWord = false
                tokens.append(String(character))
            case _ where character.isWhitespace:
                if inWord { tokens.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { tokens.append(current) }
        return tokens
    }
}
