import Foundation
import Testing
@testable import Director

/// Answers checks from a switchboard the test flips.
struct SwitchboardChecker: HealthChecking {
    let down: Recorded<Set<String>>
    func check(_ target: CheckTarget) async -> CheckResult {
        down.value.contains(target.host) ? CheckResult(passed: false, detail: "refused") : CheckResult(passed: true, detail: "connected")
    }
}

/// Keeps the last table applied.
actor RecordingPlane: DataPlane {
    private(set) var table = BalancerTable()
    func prepare(for table: BalancerTable) async throws {}
    func apply(_ table: BalancerTable) async throws { self.table = table }
    func current() async throws -> BalancerTable { table }
    func verify(_ expected: BalancerTable) async -> String? { nil }
    func remove() async throws { table = BalancerTable() }
    func weights() -> [String: Int] {
        Dictionary(table.services.flatMap(\.destinations).map { ($0.endpoint.host, $0.weight) }, uniquingKeysWith: { first, _ in first })
    }
}

@Suite struct DirectorRuntimeTests {
    @Test func healthDrivesTheTableAndReloadAppliesADiff() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hy-runtime-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("lb.cf").path
        let statusPath = directory.appendingPathComponent("lb.state").path
        let text = "checkinterval=1\nquiescent=no\nvirtual=10.0.0.100:80\n    real=10.0.1.11:80 masq\n    real=10.0.1.12:80 masq\n    fallback=10.0.1.99:80 masq\n    checktype=connect\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let down = Recorded<Set<String>>([])
        let plane = RecordingPlane()
        let runtime = DirectorRuntime(configurationPath: config, dataPlane: plane, dataPlaneName: "test", statusPath: statusPath)
        try await runtime.start(checker: SwitchboardChecker(down: down))
        try await waitUntil { await plane.weights() == ["10.0.1.11": 1, "10.0.1.12": 1] }

        down.value = ["10.0.1.11", "10.0.1.12"]
        try await waitUntil { await plane.weights() == ["10.0.1.99": 1] }
        // The status file is written just after the data plane applied the table.
        try await waitUntil { (try? DirectorStatus.read(from: statusPath))?.table.map(\.fallback) == [true] }
        let status = try DirectorStatus.read(from: statusPath)
        #expect(status.servers.map(\.lastResult) == ["failed: refused", "failed: refused"])
        #expect(status.table == [.init(service: "tcp 10.0.0.100:80", server: "10.0.1.99:80", weight: 1, fallback: true)])
        #expect(status.balancerTable.services.first?.destinations.map(\.endpoint.host) == ["10.0.1.99"])

        down.value = []
        try (text.replacingOccurrences(of: "    real=10.0.1.12:80 masq\n", with: "")).write(toFile: config, atomically: true, encoding: .utf8)
        await runtime.reload()
        try await waitUntil { await plane.weights() == ["10.0.1.11": 1] }
        await runtime.stop()
        #expect(await plane.weights().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: statusPath))
    }
}
