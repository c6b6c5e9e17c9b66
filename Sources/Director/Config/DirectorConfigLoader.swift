import Foundation

/// Reads a director configuration file in either syntax: keepalived's when it has a
/// `virtual_server` block, ldirectord.cf otherwise.
public enum DirectorConfigLoader {
    public static func load(path: String) throws(DirectorConfigError) -> DirectorConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DirectorConfigError(file: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DirectorConfigError(file: path, line: 0, message: "the file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(DirectorConfigError) -> DirectorConfiguration {
        if isKeepalived(text) { return try KeepalivedConfigParser.parse(text, file: file) }
        return try LdirectordConfigParser.parse(text, file: file)
    }

    /// keepalived syntax opens blocks with braces; ldirectord.cf has `name = value` lines only.
    static func isKeepalived(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let content = line.drop(while: { $0.isWhitespace })
            return !content.hasPrefix("#") && !content.hasPrefix("!") && content.contains("{")
        }
    }
}
