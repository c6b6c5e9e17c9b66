import Foundation

/// Locates the project's shared reference material (Pacemaker's scheduler conformance cases)
/// for tests: `$HALYARD_CONFORMANCE` if set, else `../shared/conformance` next to the checkout,
/// else `/work/shared/conformance`. Tests that need it skip with a message when it is absent.
public enum SharedMaterial {
    /// The conformance directory (holding `cases/` and `expected/`), if present.
    public static let conformanceDirectory: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["HALYARD_CONFORMANCE"],
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance").path,
            "/work/shared/conformance",
        ].compactMap { $0 }
        return candidates.map { URL(fileURLWithPath: $0).standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("cases").path) }
    }()

    /// Every case's CIB file, sorted by name; empty (after printing why) when the material is absent.
    public static func caseFiles() -> [URL] {
        guard let directory = conformanceDirectory?.appendingPathComponent("cases"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            print("skipped: Pacemaker conformance cases not found (set HALYARD_CONFORMANCE=DIR, or keep ../shared/conformance next to the checkout)")
            return []
        }
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
