/// A crmsh-syntax error: where it is (1-based line and column), what was expected and found,
/// and the offending source line, rendered with a caret under the column.
public struct CRMSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var sourceLine: String

    public init(line: Int, column: Int, message: String, sourceLine: String) {
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    public var description: String {
        let shown = sourceLine.count > 200 ? excerpt() : (sourceLine, column)
        let caret = String(repeating: " ", count: max(shown.1 - 1, 0)) + "^"
        return "line \(line), column \(column): \(message)\n\(shown.0)\n\(caret)"
    }

    /// Around 160 characters of a long line around the column, and the column within it.
    private func excerpt() -> (String, Int) {
        let characters = Array(sourceLine)
        let start = max(0, min(column - 80, characters.count - 160))
        let end = min(characters.count, start + 160)
        let prefix = start > 0 ? "…" : ""
        return (prefix + String(characters[start..<end]) + (end < characters.count ? "…" : ""), column - start + prefix.count)
    }
}

/// A statement list that parsed but cannot be applied to a configuration (a group member that is
/// not defined, a primitive claimed twice, an id reused …); the message names the ids involved.
public struct CRMAssemblyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
