import Foundation
import HalyardModel
import Scheduler
import Testing

/// Runs the scheduler in-process on every shared conformance case and checks that the number
/// of cases whose transition (summary and executed actions) equals Pacemaker's never drops
/// below the committed floor.
@Suite struct ActionsConformanceTests {
    /// Raise this as the transition planner improves; CI then catches regressions.
    static let passFloor = 257

    @Test func actionsMatchPacemaker() throws {
        let root = ConformanceTests.root
        let cases = root.appendingPathComponent("cases")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: cases.path) else {
            print("conformance cases not found at \(cases.path); skipping")
            return
        }
        var passed = 0
        var failed: [String] = []
        for file in names.sorted() where file.hasSuffix(".xml") {
            let name = String(file.dropLast(4))
            guard let expectedText = try? String(contentsOf: root.appendingPathComponent("expected/\(name).actions"), encoding: .utf8)
            else { continue }
            let expected = expectedText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.sorted()
            guard let cib = try? CIBDecoder.decode(Data(contentsOf: cases.appendingPathComponent(file))) else {
                failed.append(name)
                continue
            }
            var input = SchedulerInput(cib: cib)
            if input.effectiveNow == nil { input.now = Int(Date().timeIntervalSince1970) }
            if ActionsFormat.lines(Scheduler.plan(input)) == expected { passed += 1 } else { failed.append(name) }
        }
        print("actions conformance: \(passed) passed, \(failed.count) failed: \(failed.joined(separator: " "))")
        #expect(passed >= Self.passFloor)
    }
}
