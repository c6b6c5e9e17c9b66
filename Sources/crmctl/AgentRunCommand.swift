import ArgumentParser
import CIBAdmin
import Executor
import Foundation

/// `crmctl agent info AGENT`: parameters and actions from the agent's meta-data.
struct AgentInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Describe an agent from its meta-data.")

    @Argument(help: "The agent: ocf:PROVIDER:TYPE, lsb:NAME or stonith:NAME.")
    var agent: String

    func run() throws {
        let call = try AgentCallOptions.parse([agent])
        let request = try call.request(action: "meta-data")
        let runner = AgentCLI.runner()
        let result = AgentCLI.wait { await runner.run(request) }
        guard result.status == .done, result.exitCode == 0 else {
            ReportPrinter.fail(AdminError("\(agent): meta-data failed: \(result.status == .done ? "rc \(result.exitCode)" : "\(result.status)")"
                                  + (result.exitReason.map { " — \($0)" } ?? "")))
        }
        let metadata: AgentMetadata
        do { metadata = try AgentMetadata.parse(result.stdout.bytes) } catch { ReportPrinter.fail(AdminError("\(agent): \(error)")) }
        AgentCLI.print(Self.render(metadata, agent: agent))
    }

    static func render(_ metadata: AgentMetadata, agent: String) -> String {
        var lines = ["\(agent) — \(metadata.shortDescription)"]
        if !metadata.longDescription.isEmpty { lines += ["", metadata.longDescription] }
        lines += ["", "Parameters (* = required):"]
        for parameter in metadata.parameters {
            let flag = parameter.required ? "*" : " "
            let fallback = parameter.defaultValue.map { " [default: \($0)]" } ?? ""
            lines.append("  \(flag) \(parameter.name) (\(parameter.type))\(fallback): \(parameter.shortDescription)")
        }
        if metadata.parameters.isEmpty { lines.append("  (none)") }
        lines += ["", "Actions:"]
        for action in metadata.actions {
            let details = [("timeout", action.timeout), ("interval", action.interval), ("depth", action.depth), ("role", action.role)]
                .compactMap { name, value in value.map { "\(name)=\($0)" } }
            lines.append("  \(action.name)" + (details.isEmpty ? "" : "  " + details.joined(separator: " ")))
        }
        return lines.joined(separator: "\n")
    }
}

/// `crmctl agent run AGENT ACTION`: one action with the real environment.
struct AgentRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one action of an agent and show its result.",
        discussion: "Exits with the agent's (OCF) exit code; 1 when it timed out or crashed, 5 when it is not installed.")

    @OptionGroup var call: AgentCallOptions

    @Argument(help: "The action: start, stop, monitor, validate-all, meta-data, … (fence agents: off, on, status, …).")
    var action: String

    @Option(help: "The operation's interval (0 = one-shot; a monitor with interval 0 is a probe).")
    var interval = "0"

    @Option(help: "The operation's timeout.")
    var timeout = "20s"

    func run() throws {
        var request = try call.request(action: action)
        request.intervalMilliseconds = try AgentCLI.milliseconds(interval, "--interval")
        request.timeoutMilliseconds = try AgentCLI.milliseconds(timeout, "--timeout")
        let runner = AgentCLI.runner()
        let result = AgentCLI.wait { [request] in await runner.run(request) }
        let status = result.status == .done ? "" : " [\(result.status)]"
        AgentCLI.print("rc=\(result.exitCode) (\(Self.codeName(result))) \(result.classification)\(status) in \(result.elapsedMilliseconds) ms")
        if let reason = result.exitReason { AgentCLI.print("exit reason: \(reason)") }
        for (name, output) in [("stdout", result.stdout), ("stderr", result.stderr)] where !output.bytes.isEmpty {
            AgentCLI.print("--- \(name)" + (output.droppedBytes > 0 ? " (\(output.droppedBytes) more bytes dropped)" : "") + " ---")
            AgentCLI.print(output.text.hasSuffix("\n") ? String(output.text.dropLast()) : output.text)
        }
        throw ExitCode(result.exitCode)
    }

    static func codeName(_ result: OperationResult) -> String {
        if case .stonith = result.request.agent { return result.exitCode == 0 ? "ok" : "fence agent code" }
        return OCFExitCode.name(result.exitCode)
    }
}

/// `crmctl agent test AGENT`: an ocf-tester equivalent.
struct AgentTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Check an OCF agent: meta-data, validate, probe, start, monitor, stop, idempotence.",
        discussion: "Exits 0 when every step answered as expected, 1 otherwise.")

    @OptionGroup var call: AgentCallOptions

    func run() throws {
        let template = try call.request(action: "meta-data")
        guard case .ocf = template.agent else { throw ValidationError("agent test checks OCF agents (got \(call.agent))") }
        let tester = AgentTester(runner: AgentCLI.runner(), template: template)
        let reports = AgentCLI.wait {
            await tester.run { report in
                let mark = report.problem == nil ? "ok  " : "FAIL"
                AgentCLI.print("\(mark) \(report.step.title) (\(report.result.elapsedMilliseconds) ms)"
                               + (report.problem.map { ": \($0)" } ?? ""))
            }
        }
        let failures = reports.filter { $0.problem != nil }.count
        let complete = reports.count > AgentTester.ocfSteps.count
        AgentCLI.print(failures == 0 && complete ? "\(call.agent): all \(reports.count) steps passed"
                       : "\(call.agent): \(failures) of \(reports.count) steps failed")
        if failures > 0 || !complete { throw ExitCode(1) }
    }
}
