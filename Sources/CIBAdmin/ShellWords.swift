/// Rebuilds a crmsh line from command-line words, quoting what the shell had unquoted
/// (`description=my vip` becomes `description="my vip"`).
public enum ShellWords {
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: needsQuoting) else { return word }
        if let equals = word.firstIndex(of: "="), !word[..<equals].contains(where: needsQuoting), equals != word.startIndex {
            return String(word[...equals]) + quoted(String(word[word.index(after: equals)...]))
        }
        return quoted(word)
    }

    private static func needsQuoting(_ character: Character) -> Bool {
        character.isWhitespace || character == "\"" || character == "'" || character == "\\" || character == "#"
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
