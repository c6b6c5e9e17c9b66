import CRMSyntax
import Foundation
import HalyardModel

/// A store that keeps numbered past versions of the CIB (crmd's state directory).
public protocol CIBHistory {
    /// The entries, oldest first.
    func historyEntries() throws(AdminError) -> [HistoryEntry]
    func historicCIB(_ number: Int) throws(AdminError) -> CIB
}

/// One past version of the CIB.
public struct HistoryEntry: Equatable, Sendable {
    public var number: Int
    public var version: CIBVersion
    /// Epoch seconds.
    public var written: Int

    public init(number: Int, version: CIBVersion, written: Int) {
        self.number = number
        self.version = version
        self.written = written
    }
}

/// `crmctl history`, `configure diff N` and `configure rollback N`.
public struct HistoryCommand {
    public let store: any CIBStore

    public init(store: any CIBStore) { self.store = store }

    private func history() throws(AdminError) -> any CIBHistory {
        guard let history = store as? any CIBHistory else {
            throw AdminError.usage("history is kept by crmd: use it on the live cluster (no -f/$CIB_file)")
        }
        return history
    }

    /// The list: number, version, when.
    public func list() throws(AdminError) -> AdminReport {
        let formatter = ISO8601DateFormatter()
        let lines = try history().historyEntries().map { entry in
            "\(entry.number)\t\(entry.version)\t\(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(entry.written))))"
        }
        return AdminReport(output: (["#\tversion\twritten"] + lines).joined(separator: "\n") + "\n")
    }

    /// What changed from history entry `number` to the current configuration, in crmsh syntax.
    public func diff(_ number: Int) throws(AdminError) -> AdminReport {
        let old = try history().historicCIB(number)
        let current = try store.load()
        let text = LineDiff.unified(CRMPrinter.print(old.configuration), CRMPrinter.print(current.configuration),
                                    from: "history \(number) (CIB \(old.version))", to: "current (CIB \(current.version))")
        return AdminReport(output: text, messages: text.isEmpty ? ["no differences"] : [])
    }

    /// Commits history entry `number`'s configuration as a new version.
    public func rollback(_ number: Int) throws(AdminError) -> AdminReport {
        let old = try history().historicCIB(number)
        let current = try store.load()
        guard old.configuration != current.configuration else { return AdminReport(messages: ["no changes"]) }
        let diagnostics = try CIBCommit.commit(old.configuration, over: current, to: store)
        return AdminReport(messages: DiagnosticReport.lines(diagnostics) + ["configuration of history entry \(number) (CIB \(old.version)) restored"])
    }
}
