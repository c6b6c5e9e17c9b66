import Foundation
import HalyardModel
@testable import CIBAdmin

/// A temporary directory per test, removed when the fixture is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "halyard-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }
}

/// An editor that replays scripted edits and answers the retry question from a list.
final class ScriptedEditor: ConfigurationEditor {
    var edits: [(String) -> String]
    var retryAnswers: [Bool]
    private(set) var problems: [String] = []

    init(edits: [(String) -> String], retryAnswers: [Bool] = []) {
        self.edits = edits
        self.retryAnswers = retryAnswers
    }

    func edit(path: String) throws(AdminError) {
        guard !edits.isEmpty else { throw AdminError("no scripted edit left") }
        let transform = edits.removeFirst()
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        _ = FileManager.default.createFile(atPath: path, contents: Data(transform(text).utf8))
    }

    func shouldRetry(after problem: String) -> Bool {
        problems.append(problem)
        return retryAnswers.isEmpty ? false : retryAnswers.removeFirst()
    }
}

enum Paths {
    /// The repository's Examples directory.
    static let examples: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples").path
}

extension ConfigureCommand {
    /// A command on a file store with a scripted editor.
    static func on(_ path: String, editor: ScriptedEditor = ScriptedEditor(edits: [])) -> ConfigureCommand {
        ConfigureCommand(store: CIBFileStore(path: path), editor: editor)
    }
}
