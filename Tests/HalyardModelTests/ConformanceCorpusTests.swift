import Foundation
import Testing
@testable import HalyardModel

/// Every Pacemaker scheduler input in ../shared/conformance/cases either loads and round-trips,
/// or is refused with a message naming what is unsupported.
@Suite struct ConformanceCorpusTests {
    static let casesDirectory: URL? = {
        let candidates = [
            ProcessInfo.processInfo.environment["HALYARD_CONFORMANCE_CASES"],
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/conformance/cases").path,
            "/work/shared/conformance/cases",
        ].compactMap { $0 }
        return candidates.map { URL(fileURLWithPath: $0).standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    static func caseFiles() -> [URL] {
        guard let dir = casesDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test func everyCaseLoadsOrIsRefusedClearly() throws {
        let files = Self.caseFiles()
        guard !files.isEmpty else {
            print("skipped: no conformance cases found (set HALYARD_CONFORMANCE_CASES)")
            return
        }
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
