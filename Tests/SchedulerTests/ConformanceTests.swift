import Foundation
import HalyardModel
import Scheduler
import Testing

/// Runs the scheduler in-process on every shared conformance case and checks that the number
/// of cases whose placement equals Pacemaker's never drops below the committed floor.
@Suite struct ConformanceTests {
    /// Raise this as the scheduler improves; CI then catches regressions.
    static let passFloor = 276

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/conformance").standardizedFileURL
    }

    @Test func placementMatchesPacemaker() throws {
        let cases = Self.root.appendingPathComponent("cases")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: cases.path) else {
            print("conformance cases not found at \(cases.path); skipping")
            return
        }
        var passed = 0
        var failed: [String] = []
        for file in names.sorted() where file.hasSuffix(".xml") {
            let name = String(file.dropLast(4))
            let expectedURL = Self.root.appendingPathComponent("expected/\(name).placement")
            guard let expectedText = try? String(contentsOf: expectedURL, encoding: .utf8) else { continue }
            let expected = expectedText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.sorted()
            guard let cib = try? CIBDecoder.decode(Data(contentsOf: cases.appendingPathComponent(file))) else {
                failed.append(name)
                continue
            }
            // Like `crmctl simulate`: the CIB's execution-date, else the wall clock.
            var input = SchedulerInput(cib: cib)
            if input.effectiveNow == nil { input.now = Int(Date().timeIntervalSince1970) }
            let got = PlacementFormat.lines(Scheduler.schedule(input))
            if got == expected { passed += 1 } else { failed.append(name) }
        }
        print("conformance: \(passed) passed, \(failed.count) failed: \(failed.joined(separator: " "))")
        #expect(passed >= Self.passFloor)
    }
}
