/// Runs one operation of one agent: finds it, builds its argv/environment/stdin, runs it under
/// the timeout and turns what happened into an `OperationResult`. No queueing: see `Executor`.
public struct AgentRunner: Sendable {
    public var locator: AgentLocator
    /// The environment every agent starts from (the OCF variables are added on top).
    public var baseEnvironment: [String: String]
    /// Bytes of stdout and of stderr kept per operation.
    public var captureLimit: Int
    /// Time between SIGTERM and SIGKILL when an operation times out.
    public var killGraceMilliseconds: Int

    public static let defaultEnvironment = [
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": "C",
    ]

    public init(locator: AgentLocator, baseEnvironment: [String: String] = defaultEnvironment,
                captureLimit: Int = 64 * 1024, killGraceMilliseconds: Int = 2_000) {
        self.locator = locator
        self.baseEnvironment = baseEnvironment
        self.captureLimit = captureLimit
        self.killGraceMilliseconds = killGraceMilliseconds
    }

    public func run(_ request: OperationRequest) async -> OperationResult {
        if let problem = request.problem { return finished(request, status: .invalid(problem), exitCode: OCFExitCode.errConfigured) }
        let location: (path: String, ocfRoot: String?)
        do {
            location = try locator.locate(request.agent)
        } catch {
            return finished(request, status: .notInstalled(error.description), exitCode: OCFExitCode.errInstalled)
        }
        if case .lsb(let name) = request.agent, request.action == "meta-data" {
            var result = finished(request, status: .done, exitCode: OCFExitCode.success)
            result.stdout.append(Array(LSBMetadata.document(name: name).utf8))
            return result
        }
        let outcome = await ProcessRunner.run(processSpec(request, location: location))
        var result = finished(request, status: .done, exitCode: OCFExitCode.errGeneric)
        result.stdout = outcome.stdout
        result.stderr = outcome.stderr
        result.pid = outcome.pid
        result.elapsedMilliseconds = outcome.elapsedMilliseconds
        result.exitReason = outcome.stderr.lastLine(startingWith: AgentEnvironment.exitReasonPrefix)
        switch outcome.termination {
        case .exited(let code):
            if case .lsb = request.agent {
                result.exitCode = OCFExitCode.fromLSB(code, action: request.action)
            } else {
                result.exitCode = code
            }
        case .signalled(let signal): result.status = .signalled(signal)
        case .timedOut: result.status = .timedOut
        case .spawnFailed(let detail): result.status = .spawnFailed(detail)
        }
        result.classification = classify(result)
        return result
    }

    /// The command line and environment `run` would use for `request` (for benchmarks and debugging).
    public func invocation(_ request: OperationRequest) throws(AgentError) -> (path: String, arguments: [String], environment: [String: String]) {
        let spec = processSpec(request, location: try locator.locate(request.agent))
        return (spec.path, spec.arguments, spec.environment)
    }

    func processSpec(_ request: OperationRequest, location: (path: String, ocfRoot: String?)) -> ProcessSpec {
        var environment = baseEnvironment
        var input: [UInt8]?
        switch request.agent {
        case .ocf: environment = AgentEnvironment.ocf(request, ocfRoot: location.ocfRoot ?? "/usr/lib/ocf", base: baseEnvironment)
        case .lsb: break
        case .stonith: input = Array(AgentEnvironment.fenceInput(request).utf8)
        }
        return ProcessSpec(path: location.path, arguments: AgentEnvironment.arguments(request), environment: environment,
                           input: input, timeoutMilliseconds: request.timeoutMilliseconds,
                           killGraceMilliseconds: killGraceMilliseconds, captureLimit: captureLimit)
    }

    private func finished(_ request: OperationRequest, status: ExecutionStatus, exitCode: Int32) -> OperationResult {
        var result = OperationResult(request: request, status: status, exitCode: exitCode, classification: .success,
                                     exitReason: nil, stdout: CapturedOutput(limit: captureLimit),
                                     stderr: CapturedOutput(limit: captureLimit), pid: nil, elapsedMilliseconds: 0)
        result.classification = classify(result)
        return result
    }

    private func classify(_ result: OperationResult) -> ResultClass {
        let isFence = if case .stonith = result.request.agent { true } else { false }
        return ResultClassifier.classify(result.status, exitCode: result.exitCode, isFence: isFence,
                                         action: result.request.action,
                                         intervalMilliseconds: result.request.intervalMilliseconds)
    }
}
