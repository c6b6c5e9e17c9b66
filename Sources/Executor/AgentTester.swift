import HalyardModel

/// An ocf-tester equivalent: runs an agent through meta-data, validate-all, probe, start,
/// monitor, start again, stop, stop again and a final probe, checking each answer.
public struct AgentTester: Sendable {
    /// One step of the sequence and what it must answer.
    public struct Step: Sendable, Equatable {
        public var title: String
        public var action: String
        public var recurring: Bool
        public var expected: Int32
    }

    /// What one step did.
    public struct StepReport: Sendable {
        public var step: Step
        public var result: OperationResult
        /// Why the step failed, or nil when it passed.
        public var problem: String?
    }

    /// The sequence for OCF agents. A recurring monitor uses the interval the meta-data advertises.
    public static let ocfSteps = [
        Step(title: "validate-all", action: "validate-all", recurring: false, expected: OCFExitCode.success),
        Step(title: "probe (expects not running)", action: "monitor", recurring: false, expected: OCFExitCode.notRunning),
        Step(title: "start", action: "start", recurring: false, expected: OCFExitCode.success),
        Step(title: "monitor", action: "monitor", recurring: true, expected: OCFExitCode.success),
        Step(title: "start again (idempotent)", action: "start", recurring: false, expected: OCFExitCode.success),
        Step(title: "stop", action: "stop", recurring: false, expected: OCFExitCode.success),
        Step(title: "stop again (idempotent)", action: "stop", recurring: false, expected: OCFExitCode.success),
        Step(title: "monitor after stop (expects not running)", action: "monitor", recurring: true, expected: OCFExitCode.notRunning),
    ]

    public var runner: AgentRunner
    public var template: OperationRequest

    /// `template` carries the agent, resource name, parameters and check level.
    public init(runner: AgentRunner, template: OperationRequest) {
        self.runner = runner
        self.template = template
    }

    /// Runs the sequence, calling `progress` after each step. It stops early when meta-data
    /// is unusable, validation fails or start fails (then it still stops the resource).
    public func run(progress: @Sendable (StepReport) -> Void = { _ in }) async -> [StepReport] {
        var reports: [StepReport] = []
        let metadataResult = await runner.run(request("meta-data", timeout: 5_000, interval: 0))
        var metadata: AgentMetadata?
        var problem: String?
        if metadataResult.exitCode != 0 || metadataResult.status != .done {
            problem = "meta-data answered \(describe(metadataResult))"
        } else {
            do {
                metadata = try AgentMetadata.parse(metadataResult.stdout.bytes)
                problem = metadata.flatMap(Self.metadataProblem)
            } catch { problem = error.description }
        }
        let metaStep = Step(title: "meta-data", action: "meta-data", recurring: false, expected: 0)
        reports.append(StepReport(step: metaStep, result: metadataResult, problem: problem))
        progress(reports[0])
        guard problem == nil, let metadata else { return reports }
        let interval = metadata.actions.first { $0.name == "monitor" && $0.interval.flatMap(HalyardModel.Duration.milliseconds) ?? 0 > 0 }
            .flatMap { $0.interval.flatMap(HalyardModel.Duration.milliseconds) } ?? 10_000
        for step in Self.ocfSteps {
            let timeout = metadata.actions.first { $0.name == step.action }?.timeout.flatMap(HalyardModel.Duration.milliseconds) ?? 20_000
            let result = await runner.run(request(step.action, timeout: timeout, interval: step.recurring ? interval : 0))
            let problem = result.exitCode == step.expected && result.status == .done ? nil
                : "expected \(step.expected) (\(OCFExitCode.name(step.expected))), got \(describe(result))"
            let report = StepReport(step: step, result: result, problem: problem)
            reports.append(report)
            progress(report)
            guard problem == nil else {
                if step == Self.ocfSteps[0] { break }
                guard step == Self.ocfSteps[2] else { continue }
                let cleanup = await runner.run(request("stop", timeout: timeout, interval: 0))
                let stopStep = Step(title: "stop (cleanup after failed start)", action: "stop", recurring: false, expected: 0)
                let cleanupReport = StepReport(step: stopStep, result: cleanup,
                                               problem: cleanup.exitCode == 0 ? nil : "cleanup stop answered \(describe(cleanup))")
                reports.append(cleanupReport)
                progress(cleanupReport)
                break
            }
        }
        return reports
    }

    /// What a usable OCF meta-data document must have: a name and start, stop, monitor, meta-data actions.
    static func metadataProblem(_ metadata: AgentMetadata) -> String? {
        if metadata.name.isEmpty { return "meta-data: <resource-agent> has no name" }
        let missing = ["start", "stop", "monitor", "meta-data"].filter { name in !metadata.actions.contains { $0.name == name } }
        return missing.isEmpty ? nil : "meta-data does not advertise the mandatory actions \(missing.joined(separator: ", "))"
    }

    private func request(_ action: String, timeout: Int, interval: Int) -> OperationRequest {
        var request = template
        request.action = action
        request.timeoutMilliseconds = timeout
        request.intervalMilliseconds = interval
        return request
    }

    private func describe(_ result: OperationResult) -> String {
        let reason = result.exitReason.map { " — \($0)" } ?? ""
        return result.status == .done ? "\(result.exitCode) (\(OCFExitCode.name(result.exitCode)))\(reason)" : "\(result.status)\(reason)"
    }
}
