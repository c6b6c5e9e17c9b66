import CIBAdmin
import Foundation
import HalyardModel

/// Where crmd keeps the CIB on disk: `cib.xml` (the current copy, replaced atomically) and a
/// numbered history `cib-N.xml` (one per persisted version, the newest `historyLimit` kept).
/// A file that does not read as a CIB is never loaded: `load` falls back to the newest readable
/// copy in the history, or to an empty CIB (version 0.0.0) that the cluster's copy will replace.
public struct CIBStateDirectory: Sendable {
    public let path: String
    public let historyLimit: Int

    public init(path: String, historyLimit: Int = 20) {
        self.path = path
        self.historyLimit = historyLimit
    }

    public var currentPath: String { path + "/cib.xml" }

    public func historyPath(_ number: Int) -> String { path + "/cib-\(number).xml" }

    /// The history numbers present, oldest first.
    public var historyNumbers: [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("cib-"), name.hasSuffix(".xml") else { return nil }
            return Int(name.dropFirst(4).dropLast(4))
        }.sorted()
    }

    /// The readable history entries, oldest first: number, version and modification time.
    public func entries() -> [(number: Int, version: CIBVersion, written: Int)] {
        historyNumbers.compactMap { number in
            let path = historyPath(number)
            guard let data = FileManager.default.contents(atPath: path),
                  let version = try? CIBDecoder.version(of: data),
                  let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
            return (number, version, Int(date.timeIntervalSince1970))
        }
    }

    /// The CIB kept as history entry `number`, if it exists and reads.
    public func entry(_ number: Int) -> CIB? {
        FileManager.default.contents(atPath: historyPath(number)).flatMap { try? CIBDecoder.decode($0) }
    }

    /// The CIB to start from, and what was wrong on the way (for the log).
    public func load() -> (cib: CIB, problems: [String]) {
        var problems: [String] = []
        let candidates = [currentPath] + historyNumbers.reversed().map(historyPath)
        for candidate in candidates {
            guard let data = FileManager.default.contents(atPath: candidate) else { continue }
            do {
                let cib = try CIBDecoder.decode(data)
                if !problems.isEmpty { problems.append("using \(candidate) (CIB \(cib.version))") }
                return (cib, problems)
            } catch {
                problems.append("\(candidate) is not a readable CIB, not loaded: \(error)")
                if candidate == currentPath, rename(currentPath, currentPath + ".corrupt") == 0 {
                    problems.append("moved it aside to \(currentPath).corrupt")
                }
            }
        }
        if !problems.isEmpty { problems.append("no readable CIB on disk: starting empty, the cluster's copy will replace it") }
        return (CIB(), problems)
    }

    /// Writes `cib` as the current copy and as the next history entry, then drops the oldest
    /// entries beyond `historyLimit`.
    public func persist(_ cib: CIB) throws(AdminError) {
        try makeDirectory()
        let data = CIBEncoder.encodedData(cib)
        try record(data)
        try AtomicFile.write(data, to: currentPath)
    }

    /// Writes `cib` as the current copy only (a status change: not a new history entry).
    public func save(_ cib: CIB) throws(AdminError) {
        try makeDirectory()
        try AtomicFile.write(CIBEncoder.encodedData(cib), to: currentPath)
    }

    /// Adds `cib` to the history only (a copy the cluster discarded in a merge).
    public func archive(_ cib: CIB) throws(AdminError) {
        try makeDirectory()
        try record(CIBEncoder.encodedData(cib))
    }

    private func makeDirectory() throws(AdminError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw AdminError("cannot create \(path): \(error.localizedDescription)")
        }
    }

    private func record(_ data: Data) throws(AdminError) {
        let numbers = historyNumbers
        try AtomicFile.write(data, to: historyPath((numbers.last ?? 0) + 1))
        for number in (numbers + [(numbers.last ?? 0) + 1]).dropLast(historyLimit) {
            unlink(historyPath(number))
        }
    }
}

