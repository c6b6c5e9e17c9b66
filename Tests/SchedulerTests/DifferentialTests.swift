import Foundation
import HalyardModel
import Scheduler
import Testing

/// Differential test against Debian's real `crm_simulate`: for seeded random CIBs, our final
/// placement must equal the one Pacemaker's simulated transition leaves behind (read back from
/// `crm_simulate -S -O` output, whose history says where everything runs). Skipped, with a
/// message, when `crm_simulate` is not installed.
@Suite struct DifferentialTests {
    static let seeds: ClosedRange<UInt64> = 1...40
    /// Seeds whose difference is understood and not yet fixed (see the report printed).
    static let knownDifferences: Set<UInt64> = []

    @Test func placementAgreesWithCrmSimulate() throws {
        guard let tool = CrmSimulate.path else {
            print("skipped: crm_simulate not installed (Debian package pacemaker-cli-utils)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("halyard-diff-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var agreed: [UInt64] = []
        var report: [String] = []
        for seed in Self.seeds {
            var generator = DifferentialCIB(seed: seed)
            let xml = generator.xml()
            let ours = PlacementFormat.lines(Scheduler.schedule(SchedulerInput(cib: try CIBDecoder.decode(xml), now: 1_700_000_000)))
            guard let theirs = try CrmSimulate.placement(of: xml, tool: tool, in: directory, name: "seed\(seed)") else {
                report.append("seed \(seed): crm_simulate could not simulate the transition; not compared")
                continue
            }
            if ours == theirs {
                agreed.append(seed)
                continue
            }
            let missing = Self.subtract(theirs, ours), extra = Self.subtract(ours, theirs)
            report.append("seed \(seed): Pacemaker \(missing.joined(separator: ", ")) | Halyard \(extra.joined(separator: ", "))")
            if !Self.knownDifferences.contains(seed) {
                Issue.record("seed \(seed) differs from crm_simulate: Pacemaker has \(missing), Halyard \(extra)\n\(xml)")
            }
        }
        print("differential: \(agreed.count)/\(Self.seeds.count) seeds agree with crm_simulate")
        for line in report { print("differential: \(line)") }
    }

    /// The lines of `a` left after removing those of `b`, as multisets.
    static func subtract(_ a: [String], _ b: [String]) -> [String] {
        var remaining = b
        return a.filter { line in
            guard let index = remaining.firstIndex(of: line) else { return true }
            remaining.remove(at: index)
            return false
        }
    }
}

/// Runs Pacemaker's `crm_simulate -S` on a CIB and reads back the final placement.
enum CrmSimulate {
    static let path: String? = ["/usr/sbin/crm_simulate", "/usr/bin/crm_simulate"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Pacemaker's final placement in the conformance format: where the saved post-transition
    /// CIB's history says each resource is active; nil when crm_simulate fails.
    static func placement(of xml: String, tool: String, in directory: URL, name: String) throws -> [String]? {
        let input = directory.appendingPathComponent("\(name).xml")
        let output = directory.appendingPathComponent("\(name)-out.xml")
        try xml.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-S", "-Q", "-x", input.path, "-O", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var after = Scheduler.schedule(SchedulerInput(cib: try CIBDecoder.decode(Data(contentsOf: output)), now: 1_700_000_000))
        after.resources = after.resources.map { p in
            var settled = p
            settled.finalNodes = p.currentNodes
            return settled
        }
        return PlacementFormat.lines(after)
    }
}
