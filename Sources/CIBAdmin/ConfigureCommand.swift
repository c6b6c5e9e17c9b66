import CRMSyntax
import Foundation
import HalyardModel

/// What a command printed: `output` for standard output, `messages` (warnings, notes) for
/// standard error, and the exit status.
public struct AdminReport: Equatable, Sendable {
    public var output: String
    public var messages: [String]
    public var exitStatus: Int32

    public init(output: String = "", messages: [String] = [], exitStatus: Int32 = 0) {
        self.output = output
        self.messages = messages
        self.exitStatus = exitStatus
    }
}

/// `crmctl configure …`: show, load, edit, delete, verify and one-shot object definitions in
/// crmsh syntax, against any `CIBStore` (a file today, the live cluster later).
public struct ConfigureCommand {
    /// The object keywords accepted as one-shot edits (`configure primitive vip …`).
    public static let objectKeywords: Set<String> = [
        "node", "primitive", "group", "clone", "location", "colocation", "collocation", "order",
        "property", "rsc_defaults", "op_defaults", "fencing_topology", "alert",
    ]

    public let store: any CIBStore
    /// Reads a file the operator names (`-` is standard input).
    public var readInput: (String) throws(AdminError) -> String
    /// The interactive part of `configure edit`.
    public var editor: any ConfigurationEditor

    public init(store: any CIBStore, editor: any ConfigurationEditor, readInput: @escaping (String) throws(AdminError) -> String = InputFiles.read) {
        self.store = store
        self.editor = editor
        self.readInput = readInput
    }

    public func run(_ words: [String]) throws(AdminError) -> AdminReport {
        guard let verb = words.first else {
            throw AdminError.usage("configure needs a command: show, load, edit, delete, verify, or an object (primitive, group, …)")
        }
        let rest = Array(words.dropFirst())
        switch verb {
        case "show": return try show(rest)
        case "load": return try load(rest)
        case "delete": return try delete(rest)
        case "edit": return try EditSession(store: store, editor: editor).run()
        case "verify": return try VerifyCommand.run(store: store)
        case "diff": return try HistoryCommand(store: store).diff(Self.historyNumber(rest, verb))
        case "rollback": return try HistoryCommand(store: store).rollback(Self.historyNumber(rest, verb))
        case let keyword where Self.objectKeywords.contains(keyword):
            return try define(words)
        default:
            let known = ["show", "load", "edit", "delete", "verify", "diff", "rollback"] + Self.objectKeywords.sorted()
            let hint = Spelling.closest(to: verb, among: known, limit: 1).first.map { " (did you mean \"\($0)\"?)" } ?? ""
            throw AdminError.usage("unknown configure command \"\(verb)\"\(hint)")
        }
    }

    private static func historyNumber(_ arguments: [String], _ verb: String) throws(AdminError) -> Int {
        guard arguments.count == 1, let number = Int(arguments[0]) else {
            throw AdminError.usage("usage: configure \(verb) N   (N from `crmctl history`)")
        }
        return number
    }

    private func show(_ arguments: [String]) throws(AdminError) -> AdminReport {
        var arguments = arguments
        let asXML = arguments.first == "xml"
        if asXML { arguments.removeFirst() }
        var configuration = try store.load().configuration
        if !arguments.isEmpty { configuration = try ObjectSelection.select(arguments, from: configuration) }
        if asXML { return AdminReport(output: CIBEncoder.encodeConfiguration(configuration)) }
        let notes = CRMPrinter.unprintable(configuration).map { "note: not shown in crmsh syntax (use 'show xml'): \($0)" }
        return AdminReport(output: CRMPrinter.print(configuration), messages: notes)
    }

    private func load(_ arguments: [String]) throws(AdminError) -> AdminReport {
        var arguments = arguments
        let forceXML = arguments.first == "xml"
        if forceXML { arguments.removeFirst() }
        guard arguments.count == 2, let method = arguments.first, ["update", "replace"].contains(method) else {
            throw AdminError.usage("usage: configure load [xml] update|replace FILE   (FILE may be - for standard input)")
        }
        let text = try readInput(arguments[1])
        // `load replace` may create the CIB; everything else needs one.
        let cib = method == "replace" && !store.exists ? CIB() : try store.load()
        let configuration = try ConfigurationText.apply(text, to: cib.configuration, replacing: method == "replace", forceXML: forceXML)
        return try commitReport(configuration, over: cib)
    }

    private func delete(_ ids: [String]) throws(AdminError) -> AdminReport {
        guard !ids.isEmpty else { throw AdminError.usage("usage: configure delete ID...") }
        let cib = try store.load()
        let outcome = try ObjectDeletion.delete(ids, from: cib.configuration)
        var report = try commitReport(outcome.configuration, over: cib)
        if !outcome.alsoRemoved.isEmpty {
            report.messages.insert("also removed constraints that referred to it: " + outcome.alsoRemoved.joined(separator: ", "), at: 0)
        }
        return report
    }

    private func define(_ words: [String]) throws(AdminError) -> AdminReport {
        let cib = try store.load()
        let line = ShellWords.join(words)
        let configuration = try ConfigurationText.applyCRM(line, to: cib.configuration, replacing: false)
        return try commitReport(configuration, over: cib)
    }

    private func commitReport(_ configuration: Configuration, over cib: CIB) throws(AdminError) -> AdminReport {
        if configuration == cib.configuration { return AdminReport(messages: ["no changes"]) }
        let diagnostics = try CIBCommit.commit(configuration, over: cib, to: store)
        return AdminReport(messages: DiagnosticReport.lines(diagnostics))
    }
}

/// Reads the files named on the command line.
public enum InputFiles {
    public static func read(_ path: String) throws(AdminError) -> String {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw AdminError("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw AdminError("\(path) is not UTF-8 text") }
        return text
    }
}
