import Foundation
import Testing
import HalyardModel
import CRMSyntax
import TestSupport

/// Every Pacemaker conformance case that the decoder loads must survive
/// print → parse → assemble(replace) → print unchanged, and come back equal up to regenerated ids.
@Suite struct CorpusRoundTripTests {
    static func configurations() throws -> [(name: String, configuration: Configuration)] {
        SharedMaterial.caseFiles().compactMap { file in
            guard let data = try? Data(contentsOf: file), let cib = try? CIBDecoder.decode(data) else { return nil }
            return (file.lastPathComponent, cib.configuration)
        }
    }

    @Test func showOutputIsAFixedPoint() throws {
        let cases = try Self.configurations()
        guard !cases.isEmpty else { return }
        var unprintable: [String] = []
        for (name, configuration) in cases {
            let text = CRMPrinter.print(configuration)
            let statements: [CRMStatement]
            do {
                statements = try CRMParser.parse(text)
            } catch {
                Issue.record("\(name): printed text does not parse: \(error)")
                continue
            }
            let assembled: Configuration
            do {
                assembled = try CRMAssembler.apply(statements, to: Configuration(), replacing: true)
            } catch {
                Issue.record("\(name): printed text does not assemble: \(error)")
                continue
            }
            let reprinted = CRMPrinter.print(assembled)
            if reprinted != text { Issue.record("\(name): show output is not a fixed point\n\(firstDifference(text, reprinted))") }
            let issues = CRMPrinter.unprintable(configuration)
            unprintable += issues.map { "\(name): \($0)" }
            if issues.isEmpty, let difference = ConfigurationDifference.first(Normalized.configuration(assembled),
                                                                              Normalized.configuration(configuration)) {
                Issue.record("\(name): the re-assembled configuration differs in \(difference)")
            }
        }
        print("corpus: \(cases.count) configurations printed and re-parsed; \(unprintable.count) unprintable details")
        for line in unprintable { print("  \(line)") }
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, pair) in zip(left, right).enumerated() where pair.0 != pair.1 {
            return "line \(index + 1):\n- \(pair.0)\n+ \(pair.1)"
        }
        return "lengths differ: \(left.count) vs \(right.count) lines"
    }
}
