import Foundation
import HalyardModel
import Scheduler
import TestSupport

/// Runs the scheduler in-process on every shared conformance case and compares one kind of
/// output (placement or actions) with Pacemaker's, as `../shared/conformance/run` does.
struct ConformanceRun {
    var passed = 0
    var failed: [String] = []
    /// False when the shared material is absent (the run was skipped, with a message).
    var ran = false

    /// Compares `lines(input)` with `expected/NAME.<suffix>` for every case.
    init(expectedSuffix suffix: String, lines: (SchedulerInput) -> [String]) {
        let files = SharedMaterial.caseFiles()
        guard let root = SharedMaterial.conformanceDirectory, !files.isEmpty else { return }
        ran = true
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            guard let expectedText = try? String(contentsOf: root.appendingPathComponent("expected/\(name).\(suffix)"), encoding: .utf8)
            else { continue }
            let expected = expectedText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.sorted()
            guard let cib = try? CIBDecoder.decode(Data(contentsOf: file)) else {
                failed.append(name)
                continue
            }
            // Like `crmctl simulate`: the CIB's execution-date, else the wall clock.
            var input = SchedulerInput(cib: cib)
            if input.effectiveNow == nil { input.now = Int(Date().timeIntervalSince1970) }
            if lines(input) == expected { passed += 1 } else { failed.append(name) }
        }
    }

    var summary: String { "\(passed) passed, \(failed.count) failed: \(failed.joined(separator: " "))" }
}
