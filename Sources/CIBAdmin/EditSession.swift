import CRMSyntax
import Foundation
import HalyardModel

/// The interactive half of `configure edit`: opening a file in the operator's editor, and asking
/// whether to try again after a mistake. crmctl wires it to `$EDITOR` and the terminal.
public protocol ConfigurationEditor {
    /// Lets the operator edit the file at `path`; returns when the editor exits.
    func edit(path: String) throws(AdminError)
    /// Shows `problem` and asks whether to edit again; false abandons the edit.
    func shouldRetry(after problem: String) -> Bool
}

/// `configure edit`: the configuration in crmsh syntax goes through the editor; on a syntax or
/// validation error the text is offered again, and nothing is written until it is accepted.
struct EditSession {
    let store: any CIBStore
    let editor: any ConfigurationEditor

    func run() throws(AdminError) -> AdminReport {
        let cib = try store.load()
        let original = CRMPrinter.print(cib.configuration)
        // Unique per session: two edits in one process (tests run in parallel) must not share a file.
        let path = NSTemporaryDirectory() + "crmctl-edit-\(getpid())-\(UUID().uuidString).crm"
        defer { unlink(path) }
        try AtomicFile.write(Data(original.utf8), to: path)
        while true {
            try editor.edit(path: path)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw AdminError("the edited file \(path) could not be read; nothing was written")
            }
            if text == original { return AdminReport(messages: ["no changes"]) }
            do throws(AdminError) {
                let configuration = try ConfigurationText.applyCRM(text, to: cib.configuration, replacing: true)
                if configuration == cib.configuration { return AdminReport(messages: ["no changes"]) }
                let diagnostics = try CIBCommit.commit(configuration, over: cib, to: store)
                return AdminReport(messages: DiagnosticReport.lines(diagnostics))
            } catch {
                guard editor.shouldRetry(after: error.message) else {
                    throw AdminError("edit abandoned; nothing was written:\n\(error.message)")
                }
            }
        }
    }
}

/// `$EDITOR` (or `vi`) on the controlling terminal, with a yes/no question on standard input.
public struct TerminalEditor: ConfigurationEditor {
    public init() {}

    public func edit(path: String) throws(AdminError) {
        let command = ProcessInfo.processInfo.environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor command may carry its own flags ("emacs -nw"); the path is passed as "$1".
        process.arguments = ["-c", command + " \"$1\"", "crmctl-edit", path]
        do {
            try process.run()
        } catch {
            throw AdminError("cannot start the editor \"\(command)\": \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AdminError("the editor \"\(command)\" exited with status \(process.terminationStatus); nothing was written")
        }
    }

    public func shouldRetry(after problem: String) -> Bool {
        FileHandle.standardError.write(Data((problem + "\nEdit again? [Y/n] ").utf8))
        guard let answer = readLine() else { return false }
        return !["n", "no"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
