import Foundation
import HalyardModel
import Testing
@testable import Cluster

/// crmd's state directory: atomic current copy, numbered history with a limit, and corrupt
/// files never loaded.
struct CIBStateDirectoryTests {
    let directory = NSTemporaryDirectory() + "crmd-state-" + UUID().uuidString

    func cib(epoch: Int) -> CIB { Fixtures.cib(epoch: epoch, Fixtures.configuration(ips: ["ip\(epoch)"])) }

    @Test func historyKeepsTheNewestEntries() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = CIBStateDirectory(path: directory, historyLimit: 3)
        for epoch in 1...5 { try state.persist(cib(epoch: epoch)) }
        #expect(state.historyNumbers == [3, 4, 5])
        #expect(try CIBDecoder.decode(Data(contentsOf: URL(fileURLWithPath: state.historyPath(3)))).epoch == 3)
        let (loaded, problems) = state.load()
        #expect(loaded == cib(epoch: 5))
        #expect(problems.isEmpty)
    }

    @Test func aCorruptCurrentCopyIsSetAsideForTheNewestReadableHistory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = CIBStateDirectory(path: directory)
        for epoch in 1...3 { try state.persist(cib(epoch: epoch)) }
        try Data("<cib epoch=\"4\"".utf8).write(to: URL(fileURLWithPath: state.currentPath))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: state.historyPath(3)))
        let (loaded, problems) = state.load()
        #expect(loaded == cib(epoch: 2))
        #expect(problems.count == 4)  // cib.xml unreadable, moved aside, cib-3 unreadable, using cib-2
        #expect(FileManager.default.fileExists(atPath: state.currentPath + ".corrupt"))
        #expect(!FileManager.default.fileExists(atPath: state.currentPath))
    }

    @Test func nothingReadableStartsEmpty() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = CIBStateDirectory(path: directory)
        let fresh = state.load()
        #expect(fresh.cib == CIB() && fresh.problems.isEmpty)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("not xml".utf8).write(to: URL(fileURLWithPath: state.historyPath(7)))
        let (loaded, problems) = state.load()
        #expect(loaded == CIB())
        #expect(problems.last?.contains("starting empty") == true)
    }

    @Test func anArchivedCopyGoesToHistoryOnly() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = CIBStateDirectory(path: directory)
        try state.persist(cib(epoch: 1))
        try state.archive(cib(epoch: 9))
        #expect(state.historyNumbers == [1, 2])
        #expect(state.load().cib == cib(epoch: 1))
    }
}
