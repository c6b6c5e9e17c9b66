import Foundation
import Testing
@testable import HalyardModel
import TestSupport

/// Every Pacemaker scheduler input in the conformance material either loads and round-trips,
/// or is refused with a message naming what is unsupported.
@Suite struct ConformanceCorpusTests {
    @Test func everyCaseLoadsOrIsRefusedClearly() throws {
        let files = SharedMaterial.caseFiles()
        guard !files.isEmpty else { return }
        var loaded = 0, refused: [String] = []
        for file in files {
            let data = try Data(contentsOf: file)
            do {
                let cib = try CIBDecoder.decode(data)
                let written = CIBEncoder.encode(cib)
                let reloaded = try CIBDecoder.decode(written)
                #expect(reloaded == cib, "\(file.lastPathComponent) does not round-trip")
                #expect(CIBEncoder.encode(reloaded) == written, "\(file.lastPathComponent): writing is not stable")
                let original = try XMLReader.parse(data)
                let rewritten = try XMLReader.parse(written)
                let difference = Canonical.firstDifference(Canonical.form(of: original), Canonical.form(of: rewritten))
                #expect(difference == nil, "\(file.lastPathComponent): the written XML differs from the input: \(difference ?? "")")
                loaded += 1
            } catch let error as CIBLoadError {
                #expect(!error.message.isEmpty)
                refused.append("\(file.lastPathComponent): \(error)")
            }
        }
        print("conformance corpus: \(loaded) loaded and round-tripped, \(refused.count) refused")
        for line in refused { print("  refused \(line)") }
        #expect(loaded + refused.count == files.count)
    }
}
