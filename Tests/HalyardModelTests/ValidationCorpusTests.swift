import Foundation
import Testing
@testable import HalyardModel
import TestSupport

/// Every loadable Pacemaker scheduler input validates without crashing; the counts are printed
/// (some inputs are deliberately broken, so errors are expected in a few).
@Suite struct ValidationCorpusTests {
    @Test func everyLoadableCaseValidates() throws {
        let files = SharedMaterial.caseFiles()
        guard !files.isEmpty else { return }
        var validated = 0, withErrors: [String] = [], withWarningsOnly = 0
        var codes: [String: Int] = [:]
        for file in files {
            guard let cib = try? CIBDecoder.decode(Data(contentsOf: file)) else { continue }
            let diagnostics = CIBValidator.validate(cib)
            #expect(CIBValidator.validate(cib) == diagnostics, "\(file.lastPathComponent): not deterministic")
            validated += 1
            for diagnostic in diagnostics { codes[diagnostic.code, default: 0] += 1 }
            if let error = diagnostics.errors.first {
                withErrors.append("\(file.lastPathComponent): \(error)")
            } else if !diagnostics.isEmpty {
                withWarningsOnly += 1
            }
        }
        print("validation corpus: \(validated) validated, \(withErrors.count) with errors, \(withWarningsOnly) with warnings only")
        print("  findings by code: " + codes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        for line in withErrors { print("  \(line)") }
        #expect(validated > 0)
    }
}
