import Foundation
import Testing
@testable import Executor

/// Collects reported results for a test to wait on.
actor Reports {
    private(set) var codes: [Int32] = []
    func add(_ result: OperationResult) { codes.append(result.exitCode) }
}

@Suite("Executor scheduling")
struct ExecutorTests {
    /// A monitor that logs each run and answers the code stored in work/rc.
    static func monitorAgent(_ fixtures: AgentFixtures) -> AgentReference {
        fixtures.ocf("Flip", """
            echo "$1 $OCF_RESKEY_CRM_meta_interval" >> "\(fixtures.work)/log"
            [ "$1" = monitor ] && exit "$(cat "\(fixtures.work)/rc")"
            exit 0
            """)
    }

    static func monitorRuns(_ fixtures: AgentFixtures) -> Int {
        fixtures.read("log").split(separator: "\n").filter { $0 == "monitor 30" }.count
    }

    @Test func recurringMonitorReportsChangesOnly() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        fixtures.write("rc", "0")
        let executor = Executor(runner: fixtures.runner())
        let reports = Reports()
        let request = OperationRequest(resource: "r", agent: Self.monitorAgent(fixtures), action: "monitor", intervalMilliseconds: 30)
        await executor.startRecurring(request) { await reports.add($0) }
        #expect(await eventually { Self.monitorRuns(fixtures) >= 4 })
        #expect(await reports.codes == [0], "unchanged results are not reported")
        fixtures.write("rc", "7")
        let runsBeforeChange = Self.monitorRuns(fixtures)
        var codes: [Int32] = []
        _ = await eventually { codes = await reports.codes; return codes.count >= 2 }
        #expect(codes == [0, 7])
        #expect(await eventually { Self.monitorRuns(fixtures) >= runsBeforeChange + 3 })
        #expect(await reports.codes == [0, 7])
        await executor.cancelRecurring(request.key)
    }

    @Test func stopCancelsTheResourcesRecurringOperations() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        fixtures.write("rc", "0")
        let executor = Executor(runner: fixtures.runner())
        let agent = Self.monitorAgent(fixtures)
        let monitor = OperationRequest(resource: "r", agent: agent, action: "monitor", intervalMilliseconds: 30)
        let other = OperationRequest(resource: "other", agent: agent, action: "monitor", intervalMilliseconds: 60_000)
        await executor.startRecurring(monitor) { _ in }
        await executor.startRecurring(other) { _ in }
        #expect(await eventually { Self.monitorRuns(fixtures) >= 2 })
        let stop = await executor.run(OperationRequest(resource: "r", agent: agent, action: "stop"))
        #expect(stop.classification == .success)
        #expect(await executor.recurringOperations == [other.key])
        try? await Task.sleep(for: .milliseconds(300))
        let log = fixtures.read("log").split(separator: "\n")
        #expect(log.last == "stop 0", "no monitor of r ran after its stop: \(log.suffix(3))")
        await executor.cancelRecurring(resource: "other")
        #expect(await executor.recurringOperations.isEmpty)
    }

    @Test func concurrencyLimitIsRespected() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Count", """
            exec 9>"\(fixtures.work)/lock"
            flock 9; n=$(( $(cat "\(fixtures.work)/running" 2>/dev/null || echo 0) + 1 )); echo $n > "\(fixtures.work)/running"
            echo $n >> "\(fixtures.work)/seen"; flock -u 9
            sleep 0.1
            flock 9; echo $(( $(cat "\(fixtures.work)/running") - 1 )) > "\(fixtures.work)/running"; flock -u 9
            """)
        let executor = Executor(runner: fixtures.runner(), concurrencyLimit: 2)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask { _ = await executor.run(OperationRequest(resource: "r\(index)", agent: agent, action: "start")) }
            }
        }
        let seen = fixtures.read("seen").split(separator: "\n").compactMap { Int($0) }
        #expect(seen.count == 8)
        #expect(seen.allSatisfy { $0 <= 2 })
    }

    @Test func operationsOnDifferentResourcesRunAtOnce() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        // Each agent waits (bounded) until all six have arrived: only concurrent runs all succeed.
        let agent = fixtures.ocf("Barrier", """
            touch "\(fixtures.work)/arrived-$OCF_RESOURCE_INSTANCE"
            for _ in $(seq 200); do [ "$(ls "\(fixtures.work)" | grep -c arrived)" -ge 6 ] && exit 0; sleep 0.05; done
            exit 1
            """)
        let executor = Executor(runner: fixtures.runner(), concurrencyLimit: 6)
        let codes = await withTaskGroup(of: Int32.self) { group in
            for index in 0..<6 {
                group.addTask { await executor.run(OperationRequest(resource: "r\(index)", agent: agent, action: "start")).exitCode }
            }
            return await group.reduce(into: [Int32]()) { $0.append($1) }
        }
        #expect(codes == Array(repeating: 0, count: 6))
    }

    @Test func operationsOnOneResourceRunOneAtATime() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Serial", """
            mkdir "\(fixtures.work)/busy" || exit 1
            sleep 0.05
            rmdir "\(fixtures.work)/busy"
            """)
        let executor = Executor(runner: fixtures.runner(), concurrencyLimit: 4)
        let codes = await withTaskGroup(of: Int32.self) { group in
            for _ in 0..<4 {
                group.addTask { await executor.run(OperationRequest(resource: "same", agent: agent, action: "start")).exitCode }
            }
            return await group.reduce(into: [Int32]()) { $0.append($1) }
        }
        #expect(codes == Array(repeating: 0, count: 4))
    }
}
