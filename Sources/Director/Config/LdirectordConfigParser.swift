/// Reads ldirectord.cf: global `key = value` lines, then `virtual =` blocks whose directives are
/// indented. Unknown or unsupported directives are refused with file:line, never ignored.
public enum LdirectordConfigParser {
    public static func parse(_ text: String, file: String) throws(DirectorConfigError) -> DirectorConfiguration {
        var globals = LdirectordDirectives(line: 0)
        var blocks: [LdirectordDirectives] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let content = line.drop(while: { $0.isWhitespace })
            if content.isEmpty || content.hasPrefix("#") { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw DirectorConfigError(file: file, line: lineNumber, message: "expected \"name = value\", found \"\(content)\"")
            }
            let key = content[..<equals].trimmingCharacters().lowercased()
            let value = content[content.index(after: equals)...].trimmingCharacters()
            let indented = line.first?.isWhitespace ?? false
            if key == "virtual" {
                guard !indented else {
                    throw DirectorConfigError(file: file, line: lineNumber, message: "\"virtual\" starts a block and must not be indented")
                }
                blocks.append(LdirectordDirectives(line: lineNumber))
                blocks[blocks.count - 1].add("virtual", value, line: lineNumber)
            } else if indented, !blocks.isEmpty {
                guard LdirectordDirectives.virtualKeys.contains(key) else {
                    throw unknown(key, file: file, line: lineNumber, known: LdirectordDirectives.virtualKeys)
                }
                blocks[blocks.count - 1].add(key, value, line: lineNumber)
            } else {
                guard LdirectordDirectives.globalKeys.contains(key) else {
                    let hint = LdirectordDirectives.virtualKeys.contains(key) ? " (a per-virtual directive: indent it under a virtual= line)" : ""
                    throw unknown(key, file: file, line: lineNumber, known: LdirectordDirectives.globalKeys, hint: hint)
                }
                globals.add(key, value, line: lineNumber)
            }
        }
        var configuration = DirectorConfiguration()
        configuration.settings.autoreload = try globals.flag("autoreload", file: file) ?? false
        configuration.settings.logfile = globals["logfile"]?.value
        for block in blocks {
            configuration.services.append(try LdirectordServiceBuilder(block: block, globals: globals, file: file).build())
        }
        return configuration
    }

    static func unknown(_ key: String, file: String, line: Int, known: Set<String>, hint: String = "") -> DirectorConfigError {
        let supported = LdirectordDirectives.refusedWithReason[key].map { ": \($0)" }
        return DirectorConfigError(file: file, line: line, message: "unsupported directive \"\(key)\"" + (supported ?? hint))
    }
}

/// The directives of one scope (global, or one virtual block), with the lines they came from.
struct LdirectordDirectives {
    static let globalKeys: Set<String> = [
        "checktimeout", "negotiatetimeout", "connecttimeout", "checkinterval", "failurecount", "autoreload",
        "fallback", "logfile", "quiescent", "emailalert",
    ]
    static let virtualKeys: Set<String> = [
        "real", "fallback", "service", "checktype", "checkport", "checkcommand", "request", "receive",
        "virtualhost", "scheduler", "persistent", "netmask", "protocol", "checktimeout", "negotiatetimeout",
        "connecttimeout", "checkinterval", "failurecount", "quiescent", "emailalert",
    ]
    /// Directives of ldirectord that Halyard's director knows but does not offer, and why.
    static let refusedWithReason: [String: String] = [
        "login": "service logins (ftp, imap, pop, ldap …) are not supported; use checktype=connect or external",
        "passwd": "service logins are not supported; use checktype=connect or external",
        "database": "database checks are not supported; use checktype=connect or external",
        "secret": "RADIUS checks are not supported; use checktype=external",
        "callback": "callbacks are not supported; the cluster manager restarts the director",
        "supervised": "the director always runs supervised by the cluster manager",
        "fork": "checks always run concurrently",
        "emailalertfreq": "alerts run once per state change",
        "emailalertstatus": "alerts run once per state change",
        "fallbackcommand": "use emailalert (an alert command) instead",
        "cleanstop": "the director always removes its table on stop",
        "maintenancedir": "use crmctl to take real servers out of rotation",
        "readdquiescent": "quiescent servers are always re-added with weight 0",
        "httpmethod": "checks use GET",
        "monitorfile": "results are in 'ldirector status'",
    ]

    let line: Int
    private(set) var entries: [(key: String, value: String, line: Int)] = []

    init(line: Int) { self.line = line }

    mutating func add(_ key: String, _ value: String, line: Int) {
        entries.append((key: key, value: value, line: line))
    }

    /// The last value given for `key`, and its line.
    subscript(key: String) -> (value: String, line: Int)? {
        entries.last(where: { $0.key == key }).map { (value: unquoted($0.value), line: $0.line) }
    }

    /// Every value given for `key` (for `real`), with its line.
    func all(_ key: String) -> [(value: String, line: Int)] {
        entries.filter { $0.key == key }.map { (value: $0.value, line: $0.line) }
    }

    func flag(_ key: String, file: String) throws(DirectorConfigError) -> Bool? {
        guard let entry = self[key] else { return nil }
        switch entry.value.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw DirectorConfigError(file: file, line: entry.line, message: "\(key) must be yes or no, not \"\(entry.value)\"")
        }
    }

    func seconds(_ key: String, file: String) throws(DirectorConfigError) -> Int? {
        guard let entry = self[key] else { return nil }
        guard let value = Int(entry.value), value > 0 else {
            throw DirectorConfigError(file: file, line: entry.line, message: "\(key) must be a positive number of seconds, not \"\(entry.value)\"")
        }
        return value * 1000
    }

    private func unquoted(_ value: String) -> String {
        ConfigTokens.words(Substring(value)).map { $0.joined(separator: " ") } ?? value
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
