import Foundation
import HalyardModel
import Scheduler
import Testing

/// Differential tests against Debian's real `crm_simulate`: for seeded random CIBs (and what-if
/// injections on them), our final placement must equal the one Pacemaker's simulated
/// transition leaves behind (read back from `crm_simulate -S -O` output, whose history says
/// where everything runs). Skipped, with a message, when `crm_simulate` is not installed.
@Suite struct DifferentialTests {
    static let seeds: ClosedRange<UInt64> = 1...150
    static let whatIfSeeds: ClosedRange<UInt64> = 1...45

    @Test func placementAgreesWithCrmSimulate() throws {
        try compare(Self.seeds, label: "differential") { _ in ([], []) }
    }

    /// The allocation scores too, line for line: they show every step of the assignment, so
    /// they disagree where a placement agrees by luck.
    @Test func allocationScoresAgreeWithCrmSimulate() throws {
        try withCrmSimulate(label: "differential scores") { tool, directory in
            var agreed = 0
            for seed in Self.seeds {
                var generator = DifferentialCIB(seed: seed)
                let xml = generator.xml()
                let input = SchedulerInput(cib: try CIBDecoder.decode(xml), now: 1_700_000_000, recording: .scores)
                let ours = AllocationScoreTests.sortedLines(Scheduler.schedule(input))
                let theirs = try CrmSimulate.scores(of: xml, tool: tool, in: directory, name: "seed\(seed)").sorted()
                if ours == theirs {
                    agreed += 1
                    continue
                }
                Issue.record("scores: seed \(seed) differs: Pacemaker has \(Self.subtract(theirs, ours)), Halyard \(Self.subtract(ours, theirs))\n\(xml)")
            }
            print("differential scores: \(agreed)/\(Self.seeds.count) seeds agree with crm_simulate -s")
        }
    }

    /// A node going down, or an operation failing on a resource's node, as `crm_simulate -d`
    /// and `-i` inject them.
    @Test func whatIfAgreesWithCrmSimulate() throws {
        try compare(Self.whatIfSeeds, label: "what-if") { generator in
            var rng = SplitMix64(seed: UInt64(generator.nodes.count * 7919 + generator.running.count))
            if let active = generator.running.first, rng.chance(0.5) {
                let rc = rng.pick([1, 5, 7])
                let injection = "\(active.id)_monitor_10000@\(active.node)=\(rc)"
                return ([.operationResult(try OperationInjection(parsing: injection))], ["-i", injection])
            }
            let node = rng.pick(generator.nodes)
            return ([.nodeDown(node)], ["-d", node])
        }
    }

    /// Runs both schedulers on each seed's CIB after the change `inject` picks (ours as
    /// `WhatIfChange`s, Pacemaker's as `crm_simulate` arguments) and expects equal placements.
    private func compare(_ seeds: ClosedRange<UInt64>, label: String,
                         inject: (DifferentialCIB) throws -> ([WhatIfChange], [String])) throws {
        try withCrmSimulate(label: label) { tool, directory in
            var agreed = 0
            for seed in seeds {
                var generator = DifferentialCIB(seed: seed)
                let xml = generator.xml()
                let (changes, arguments) = try inject(generator)
                let cib = try WhatIf.apply(changes, to: try CIBDecoder.decode(xml), now: 1_700_000_000)
                let ours = PlacementFormat.lines(Scheduler.schedule(SchedulerInput(cib: cib, now: 1_700_000_000)))
                guard let theirs = try CrmSimulate.placement(of: xml, arguments: arguments, tool: tool, in: directory,
                                                             name: "seed\(seed)") else {
                    print("\(label): seed \(seed): crm_simulate could not simulate the transition; not compared")
                    continue
                }
                if ours == theirs {
                    agreed += 1
                    continue
                }
                let missing = Self.subtract(theirs, ours), extra = Self.subtract(ours, theirs)
                Issue.record("\(label): seed \(seed) \(arguments) differs: Pacemaker has \(missing), Halyard \(extra)\n\(xml)")
            }
            print("\(label): \(agreed)/\(seeds.count) seeds agree with crm_simulate")
        }
    }

    /// Runs `body` with crm_simulate's path and a scratch directory for its files (removed
    /// afterwards); without crm_simulate, says the test is skipped.
    private func withCrmSimulate(label: String, _ body: (String, URL) throws -> Void) throws {
        guard let tool = CrmSimulate.path else {
            print("\(label): skipped, crm_simulate not installed (Debian package pacemaker-cli-utils)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("halyard-\(label.replacingOccurrences(of: " ", with: "-"))-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(tool, directory)
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

/// Runs Pacemaker's `crm_simulate` on a CIB: the final placement (`-S`) or the allocation
/// scores (`-s`).
enum CrmSimulate {
    static let path: String? = ["/usr/sbin/crm_simulate", "/usr/bin/crm_simulate"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The allocation score lines `crm_simulate -s` prints for a CIB.
    static func scores(of xml: String, tool: String, in directory: URL, name: String) throws -> [String] {
        let input = directory.appendingPathComponent("\(name).xml")
        try xml.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-s", "-x", input.path]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.contains(" allocation score on ") }
    }

    /// Pacemaker's final placement in the conformance format, after injecting `arguments`
    /// (`-d NODE`, `-i OP@NODE=RC` …): where the saved post-transition CIB's history says each
    /// resource is active; nil when crm_simulate fails (e.g. on an ordering loop).
    static func placement(of xml: String, arguments: [String], tool: String, in directory: URL,
                          name: String) throws -> [String]? {
        let input = directory.appendingPathComponent("\(name).xml")
        let output = directory.appendingPathComponent("\(name)-out.xml")
        try xml.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-S", "-Q", "-x", input.path, "-O", output.path] + arguments
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
