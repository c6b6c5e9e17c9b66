import ArgumentParser
import Foundation
import HalyardModel
import Scheduler

/// `crmctl explain RSC [NODE] -x FILE`: why a resource is where it is, and why not on a node —
/// every contribution to its scores in plain words, most decisive first.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a resource is placed where it is (and why not on a node).",
        discussion: "RSC may be a primitive, group, clone or clone child id; every primitive or instance it covers is explained.")

    @Argument(help: "The resource to explain.")
    var resource: String

    @Argument(help: "A node to explain the resource's absence from (or presence on).")
    var node: String?

    @Option(name: [.customShort("x"), .customLong("xml-file")], help: "The CIB file (configuration and status).")
    var xmlFile: String

    @Option(help: "Pretend the current time is this (epoch seconds or ISO 8601).")
    var time: String?

    @OptionGroup var whatIf: SimulateWhatIfOptions

    func run() throws {
        var input = SchedulerInput(cib: try CIBFileInput.load(xmlFile), recording: [.scores, .contributions, .conditions])
        if let time { input.now = try SimulateCommand.parseTime(time) }
        if input.effectiveNow == nil { input.now = Int(Date().timeIntervalSince1970) }
        try whatIf.apply(to: &input)
        let result = Scheduler.schedule(input)
        if let node, result.diagnostics.node(node) == nil { throw ValidationError("no node named \(node)") }
        guard let explanation = ExplanationBuilder(result: result).explain(resource, node: node) else {
            throw ValidationError("no resource named \(resource)")
        }
        print(ExplanationText.render(explanation), terminator: "")
    }
}

/// Renders an `Explanation` as plain text: per instance, what happens to it, the reasons for
/// the chosen node and for the asked node (or every other node), then the other facts.
enum ExplanationText {
    static func render(_ e: Explanation) -> String {
        e.instances.map { render($0, asked: e.node) }.joined(separator: "\n")
    }

    private static func render(_ i: InstanceExplanation, asked: String?) -> String {
        var out = "\(i.id): \(outcome(i))\n"
        if let chosen = i.assignedNode, let verdict = i.verdict(on: chosen) {
            out += section("Placed on \(chosen)", verdict)
        }
        let others = i.verdicts.filter { $0.node != i.assignedNode && (asked == nil || $0.node == asked) }
        let silent = others.filter { $0.reasons.isEmpty }
        for verdict in others where !verdict.reasons.isEmpty {
            out += section(verdict.node == i.assignedNode ? "On \(verdict.node)" : "Not on \(verdict.node)", verdict)
        }
        if !silent.isEmpty {
            out += "  No specific reasons on: " + silent.map { "\($0.node) (\(score($0.score)))" }.joined(separator: ", ") + "\n"
        }
        if !i.facts.isEmpty {
            out += "  Also:\n" + i.facts.map { "    \($0.text)\n" }.joined()
        }
        return out
    }

    private static func outcome(_ i: InstanceExplanation) -> String {
        let now = i.currentNodes, after = i.finalNodes
        var text: String
        switch (now.isEmpty, after.isEmpty) {
        case (true, true): text = "stays stopped"
        case (true, false): text = "starts on \(after.joined(separator: ", "))"
        case (false, true): text = "stops on \(now.joined(separator: ", "))"
        case (false, false):
            text = now == after ? "stays on \(now.joined(separator: ", "))"
                : "moves from \(now.joined(separator: ", ")) to \(after.joined(separator: ", "))"
        }
        if let assigned = i.assignedNode, !after.contains(assigned) { text += " (assigned to \(assigned), but it cannot start there)" }
        return text
    }

    private static func section(_ title: String, _ v: NodeVerdict) -> String {
        var out = "  \(title) (allocation score \(score(v.score))):\n"
        for reason in v.reasons {
            let label = reason.score.map { ($0 > 0 && $0 < Score.infinityValue ? "+" : "") + ScoreText.format($0) } ?? "node"
            out += "    " + label.padding(toLength: max(11, label.count + 1), withPad: " ", startingAt: 0) + reason.text + "\n"
        }
        if v.reasons.isEmpty { out += "    (no contributions: the default score)\n" }
        return out
    }

    private static func score(_ value: Int?) -> String { value.map(ScoreText.format) ?? "not a candidate" }
}
