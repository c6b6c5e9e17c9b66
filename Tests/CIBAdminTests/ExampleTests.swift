import Foundation
import HalyardModel
import Testing
import CRMSyntax
@testable import CIBAdmin

/// Every deployment in Examples/ loads, verifies without errors, and its `show` output is a
/// fixed point of show → parse → show.
@Suite struct ExampleTests {
    static let examples: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Paths.examples)) ?? [])
        .filter { $0.hasSuffix(".crm") }.sorted()

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 4)
    }

    @Test(arguments: examples)
    func exampleLoadsVerifiesAndRoundTrips(name: String) throws {
        let directory = TemporaryDirectory()
        let path = directory.file("cib.xml")
        _ = try ConfigureCommand.on(path).run(["load", "replace", Paths.examples + "/" + name])
        let verify = try VerifyCommand.run(store: CIBFileStore(path: path))
        #expect(verify.exitStatus < 2, "\(name): \(verify.output)")
        let configuration = try CIBFileStore(path: path).load().configuration
        let shown = CRMPrinter.print(configuration)
        let reparsed = try ConfigurationText.applyCRM(shown, to: Configuration(), replacing: true)
        #expect(CRMPrinter.print(reparsed) == shown)
        #expect(reparsed == configuration)
    }
}
