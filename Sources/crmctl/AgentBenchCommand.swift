import ArgumentParser
import Executor
import Foundation

/// `crmctl agent bench`: the executor's per-operation overhead against a bare spawn of the same
/// agent, or many recurring monitors at once (CPU, memory, lateness).
struct AgentBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the executor: per-operation overhead or many recurring monitors.",
        discussion: """
            Without --recurring: runs ACTION --count times through the executor and --count times as a bare
            posix_spawn + waitpid with the same argv and environment, alternating op by op after 20
            warm-up pairs, all inside one task (neither side pays a hand-off the other does not), and
            prints both medians and their ratio.
            With --recurring N: starts N recurring monitors (resources bench-1 … bench-N) for --duration
            and prints CPU use, peak RSS and how late the monitors ran (gap − interval − run time).
            """)

    @OptionGroup var call: AgentCallOptions

    @Option(help: "The action for the overhead measurement.")
    var action = "monitor"

    @Option(help: "Operations per variant.")
    var count = 200

    @Option(help: "Run this many recurring monitors instead.")
    var recurring: Int?

    @Option(help: "Interval of the recurring monitors.")
    var interval = "10s"

    @Option(help: "How long to let the recurring monitors run.")
    var duration = "60s"

    func run() throws {
        // No orphan adoption here: the bare baseline waits for its own children.
        let runner = AgentRunner(locator: .standard())
        if let recurring {
            let bench = RecurringBench(runner: runner, template: try call.request(action: "monitor"), resources: recurring,
                                       intervalMilliseconds: try AgentCLI.milliseconds(interval, "--interval"),
                                       durationMilliseconds: try AgentCLI.milliseconds(duration, "--duration"))
            AgentCLI.print(AgentCLI.wait { await bench.run() })
        } else {
            var request = try call.request(action: action)
            request.intervalMilliseconds = action == "monitor" ? 10_000 : 0
            let invocation: (path: String, arguments: [String], environment: [String: String])
            do { invocation = try runner.invocation(request) } catch { throw ValidationError(error.description) }
            let count = max(1, count)
            let times = AgentCLI.wait { [request] in await Self.alternate(count, invocation, runner, request) }
            guard let (bare, executed) = times else { throw ValidationError("the bare spawn failed") }
            AgentCLI.print(String(format: "bare spawn: %.2f ms/op, executor: %.2f ms/op, ratio %.2f (medians of %d alternating ops each)",
                                  bare, executed, executed / bare, count))
        }
    }

    /// Median milliseconds per op of a bare spawn and of the executor, measured alternately
    /// after 20 unmeasured pairs; nil when the bare spawn fails.
    static func alternate(_ count: Int, _ invocation: (path: String, arguments: [String], environment: [String: String]),
                          _ runner: AgentRunner, _ request: OperationRequest) async -> (Double, Double)? {
        var bare: [Double] = [], executed: [Double] = []
        for round in 0..<(count + 20) {
            let start = Date()
            guard (try? spawnAndWait(invocation)) != nil else { return nil }
            let middle = Date()
            _ = await runner.run(request)
            guard round >= 20 else { continue }
            bare.append(middle.timeIntervalSince(start) * 1000)
            executed.append(Date().timeIntervalSince(middle) * 1000)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return (median(bare), median(executed))
    }

    /// posix_spawn with stdin/stdout/stderr on /dev/null, then waitpid: the baseline.
    static func spawnAndWait(_ invocation: (path: String, arguments: [String], environment: [String: String])) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let argv = ([invocation.path] + invocation.arguments).map { strdup($0) } + [nil]
        let envp = invocation.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, invocation.path, &actions, nil, argv, envp) == 0 else { throw ValidationError("spawn failed") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}

/// Many recurring monitors on one executor. Lateness needs every run reported, so the agent
/// should change its exit reason on every run (Scripts/bench/agents has one).
struct RecurringBench: Sendable {
    var runner: AgentRunner
    var template: OperationRequest
    var resources: Int
    var intervalMilliseconds: Int
    var durationMilliseconds: Int

    func run() async -> String {
        let executor = Executor(runner: runner)
        let log = LatenessLog(intervalMilliseconds: intervalMilliseconds)
        let cpuBefore = Self.cpuSeconds(), wallBefore = Date()
        for index in 1...max(1, resources) {
            var request = template
            request.resource = "bench-\(index)"
            request.intervalMilliseconds = intervalMilliseconds
            await executor.startRecurring(request) { await log.record($0) }
        }
        try? await Task.sleep(for: .milliseconds(durationMilliseconds))
        for index in 1...max(1, resources) { await executor.cancelRecurring(resource: "bench-\(index)") }
        let cpu = Self.cpuSeconds() - cpuBefore, wall = Date().timeIntervalSince(wallBefore)
        let (runs, failures, lateness) = await (log.runs, log.failures, log.lateness.sorted())
        func percentile(_ p: Double) -> Int { lateness.isEmpty ? 0 : lateness[min(lateness.count - 1, Int(Double(lateness.count) * p))] }
        return String(format: "%d monitors every %d ms for %.0f s: %d runs (%d failed); executor CPU %.1f%% of one core "
                      + "(agents not counted), peak RSS %@; lateness p50 %d ms, p99 %d ms, max %d ms",
                      resources, intervalMilliseconds, wall, runs, failures, cpu / wall * 100, Self.peakRSS(),
                      percentile(0.5), percentile(0.99), lateness.last ?? 0)
    }

    /// User + system CPU seconds of this process (not of its children).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func peakRSS() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "?"
    }
}

/// Per resource: when its last run was reported; lateness = gap − interval − the run's own time.
actor LatenessLog {
    let intervalMilliseconds: Int
    private var lastReport: [String: Double] = [:]
    private(set) var lateness: [Int] = []
    private(set) var runs = 0
    private(set) var failures = 0

    init(intervalMilliseconds: Int) { self.intervalMilliseconds = intervalMilliseconds }

    func record(_ result: OperationResult) {
        let now = Date().timeIntervalSince1970 * 1000
        runs += 1
        if !result.classification.isOK { failures += 1 }
        if let previous = lastReport[result.request.resource] {
            lateness.append(max(0, Int(now - previous) - intervalMilliseconds - result.elapsedMilliseconds))
        }
        lastReport[result.request.resource] = now
    }
}
