import Testing
@testable import Executor

@Suite("Result classification")
struct ClassificationTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var code: Int32
        var action: String
        var interval: Int
        var expected: ResultClass
        var testDescription: String { "rc \(code) on \(action)/\(interval)" }
    }

    static let table: [Row] = [
        Row(code: 0, action: "start", interval: 0, expected: .success),
        Row(code: 0, action: "monitor", interval: 0, expected: .success),
        Row(code: 8, action: "monitor", interval: 10_000, expected: .success),
        Row(code: 190, action: "monitor", interval: 10_000, expected: .degraded),
        Row(code: 191, action: "monitor", interval: 0, expected: .degraded),
        Row(code: 1, action: "start", interval: 0, expected: .failure(.soft)),
        Row(code: 1, action: "monitor", interval: 0, expected: .failure(.soft)),
        Row(code: 2, action: "start", interval: 0, expected: .failure(.hard)),
        Row(code: 2, action: "monitor", interval: 0, expected: .notRunning),
        Row(code: 2, action: "monitor", interval: 10_000, expected: .failure(.hard)),
        Row(code: 3, action: "start", interval: 0, expected: .failure(.hard)),
        Row(code: 3, action: "monitor", interval: 10_000, expected: .notSupported),
        Row(code: 4, action: "stop", interval: 0, expected: .failure(.hard)),
        Row(code: 5, action: "start", interval: 0, expected: .failure(.hard)),
        Row(code: 5, action: "monitor", interval: 0, expected: .notRunning),
        Row(code: 6, action: "start", interval: 0, expected: .failure(.fatal)),
        Row(code: 6, action: "monitor", interval: 0, expected: .failure(.fatal)),
        Row(code: 7, action: "monitor", interval: 0, expected: .notRunning),
        Row(code: 7, action: "monitor", interval: 10_000, expected: .failure(.soft)),
        Row(code: 7, action: "start", interval: 0, expected: .failure(.soft)),
        Row(code: 7, action: "stop", interval: 0, expected: .success),
        Row(code: 9, action: "monitor", interval: 10_000, expected: .failure(.soft)),
        Row(code: 42, action: "start", interval: 0, expected: .failure(.soft)),
        Row(code: 255, action: "monitor", interval: 0, expected: .failure(.soft)),
    ]

    @Test("OCF exit codes", arguments: table)
    func ocfCodes(_ row: Row) {
        #expect(ResultClassifier.classify(ocf: row.code, action: row.action, intervalMilliseconds: row.interval) == row.expected)
    }

    @Test func incompleteOperations() {
        let classify = { (status: ExecutionStatus, action: String, interval: Int, fence: Bool) in
            ResultClassifier.classify(status, exitCode: 1, isFence: fence, action: action, intervalMilliseconds: interval)
        }
        #expect(classify(.timedOut, "start", 0, false) == .failure(.soft))
        #expect(classify(.signalled(9), "monitor", 0, false) == .failure(.soft))
        #expect(classify(.notInstalled("x"), "monitor", 0, false) == .notRunning)
        #expect(classify(.notInstalled("x"), "start", 0, false) == .failure(.hard))
        #expect(classify(.notInstalled("x"), "monitor", 0, true) == .failure(.hard))
        #expect(classify(.invalid("x"), "start", 0, false) == .failure(.fatal))
    }

    @Test func fenceCodes() {
        #expect(ResultClassifier.classify(fence: 0, action: "off") == .success)
        #expect(ResultClassifier.classify(fence: 2, action: "status") == .notRunning)
        #expect(ResultClassifier.classify(fence: 2, action: "off") == .failure(.soft))
        #expect(ResultClassifier.classify(fence: 1, action: "monitor") == .failure(.soft))
    }

    @Test func lsbCodesMapToOCF() {
        #expect(OCFExitCode.fromLSB(0, action: "monitor") == 0)
        #expect(OCFExitCode.fromLSB(3, action: "monitor") == 7)
        #expect(OCFExitCode.fromLSB(1, action: "status") == 7)
        #expect(OCFExitCode.fromLSB(4, action: "monitor") == 1)
        #expect(OCFExitCode.fromLSB(150, action: "monitor") == 5)
        #expect(OCFExitCode.fromLSB(6, action: "start") == 6)
        #expect(OCFExitCode.fromLSB(99, action: "start") == 1)
    }

    @Test func changeFilterReportsFirstResultAndChangesOnly() {
        var filter = ChangeFilter()
        let running = ResultDigest(status: .done, exitCode: 0, exitReason: nil)
        let stopped = ResultDigest(status: .done, exitCode: 7, exitReason: nil)
        let reasons = [running, running, stopped, stopped, running, ResultDigest(status: .timedOut, exitCode: 1, exitReason: nil)]
        #expect(reasons.map { filter.isNews($0) } == [true, false, true, false, true, true])
    }

    @Test func agentReferences() throws {
        #expect(try AgentReference(parsing: "ocf:heartbeat:IPaddr2") == .ocf(provider: "heartbeat", type: "IPaddr2"))
        #expect(try AgentReference(parsing: "lsb:postfix") == .lsb(name: "postfix"))
        #expect(try AgentReference(parsing: "stonith:fence_dummy") == .stonith(name: "fence_dummy"))
        #expect(throws: AgentError.unsupportedClass("systemd")) { try AgentReference(parsing: "systemd:nginx") }
        #expect(throws: AgentError.self) { try AgentReference(parsing: "ocf:heartbeat") }
        #expect(throws: AgentError.self) { try AgentReference(parsing: "ocf:../..:sh") }
        #expect(throws: AgentError.self) { try AgentReference(parsing: "ocf:x/y:z") }
    }

    @Test func unsafeRequestsAreRefused() {
        let agent = AgentReference.stonith(name: "fence_x")
        #expect(OperationRequest(resource: "f", agent: agent, action: "off", parameters: ["port": "n1\naction=on"]).problem != nil)
        #expect(OperationRequest(resource: "f", agent: agent, action: "off", parameters: ["a=b": "1"]).problem != nil)
        #expect(OperationRequest(resource: "f", agent: agent, action: "off", parameters: ["port": "n1"]).problem == nil)
        #expect(OperationRequest(resource: "f", agent: agent, action: "../x").problem != nil)
    }

    @Test func fenceInputHasActionFirstAndNoPacemakerSettings() {
        let request = OperationRequest(resource: "f", agent: .stonith(name: "fence_x"), action: "meta-data",
                                       parameters: ["port": "n1", "pcmk_host_list": "n1", "ip": "10.0.0.1"])
        #expect(AgentEnvironment.fenceInput(request) == "action=metadata\nip=10.0.0.1\nport=n1\n")
        #expect(AgentEnvironment.arguments(request).isEmpty)
    }
}
