/// Writes words so that `Lexer` reads them back unchanged: double quotes when a word is empty or
/// holds whitespace, quotes or backslashes (and whenever the caller needs a literal word).
enum Quoting {
    static func needsQuotes(_ text: String) -> Bool {
        text.isEmpty || text.contains { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "\\" }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for ch in text {
            if ch == "\"" || ch == "\\" { result.append("\\") }
            result.append(ch)
        }
        return result + "\""
    }

    /// A positional word (id, node name, path): quoted when it needs it, or when it would read as
    /// syntax (a keyword, a bracket, `x:`, `$…`, `@…`, `…=…`).
    static func word(_ text: String, keywords: Set<String> = []) -> String {
        let special = keywords.contains(text.lowercased()) || ["(", ")", "[", "]", "{", "}"].contains(text)
            || text.hasSuffix(":") || text.hasPrefix("$") || text.hasPrefix("@") || text.contains("=")
            || text == ResourceSetParser.setMarker
        return needsQuotes(text) || special ? quoted(text) : text
    }

    /// `name=value` with the value quoted when needed.
    static func pair(_ name: String, _ value: String) -> String {
        "\(name)=\(needsQuotes(value) ? quoted(value) : value)"
    }
}
