import ArgumentParser
import Foundation
import HalyardModel
import Scheduler

/// `crmctl simulate`: run the scheduler offline on a CIB file (like `crm_simulate -S`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Run the scheduler on a CIB file.")

    /// What to print.
    enum Output: String, ExpressibleByArgument, CaseIterable {
        case placement
        case actions
    }

    @Option(name: [.customShort("x"), .customLong("xml-file")], help: "The CIB file (configuration and status).")
    var xmlFile: String

    @Option(help: "What to print: \(Output.allCases.map(\.rawValue).joined(separator: ", ")) (default: status and transition summary).")
    var output: Output?

    @Option(help: "Write the transition graph to this file: JSON, or Graphviz DOT when the name ends in .dot.")
    var saveGraph: String?

    @Option(help: "Pretend the current time is this (epoch seconds or ISO 8601, e.g. 2024-05-01T12:00:00Z).")
    var time: String?

    @Option(help: "Override quorum (true or false).")
    var quorum: String?

    @Flag(help: "Print the allocation scores first (like crm_simulate -s).")
    var scores = false

    @OptionGroup(title: "What-if") var whatIf: SimulateWhatIfOptions

    func run() throws {
        var input = SchedulerInput(cib: try CIBFileInput.load(xmlFile), recording: scores ? .scores : [])
        if let time { input.now = try Self.parseTime(time) }
        if input.effectiveNow == nil { input.now = Int(Date().timeIntervalSince1970) }
        if let quorum {
            guard let value = Boolean.parse(quorum) else { throw ValidationError("--quorum takes true or false") }
            input.quorum = value
        }
        try whatIf.apply(to: &input)
        if output == .placement && saveGraph == nil {
            // The placement needs no transition graph.
            let placement = Scheduler.schedule(input)
            if scores { print(AllocationScore.text(placement), terminator: "") }
            Self.printLines(PlacementFormat.lines(placement))
            Self.exitWithoutTeardown()
        }
        // What depends on the placement alone is written on one other thread while the
        // transition is built: the score lines, then the resource lists of the status text.
        let writer = DispatchQueue(label: "halyard.simulate-text")
        var scoreLines: BackgroundValue<String>?
        var resourceLists: BackgroundValue<TransitionText.ResourceLists>?
        let plan = Scheduler.plan(input) { placement in
            if scores { scoreLines = BackgroundValue(on: writer) { AllocationScore.text(placement) } }
            if output == nil { resourceLists = BackgroundValue(on: writer) { TransitionText.ResourceLists(placement) } }
        }
        if let scoreLines { print(scoreLines.wait(), terminator: "") }
        if let saveGraph { try Self.save(plan.graph, to: saveGraph) }
        switch output {
        case .placement:
            Self.printLines(PlacementFormat.lines(plan.placement))
        case .actions:
            Self.printLines(ActionsFormat.lines(plan))
        case nil:
            print(TransitionText.render(plan, resources: resourceLists?.wait() ?? .init(plan.placement)), terminator: "")
        }
        Self.exitWithoutTeardown()
    }

    /// Prints lines with one write into a text sized once (a large cluster has tens of
    /// thousands of score lines: `print` per line, or joining them, costs more).
    static func printLines(_ lines: [String]) {
        var text = ""
        text.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            text += line
            text += "\n"
        }
        print(text, terminator: "")
    }

    /// Exits at once: freeing a large CIB and plan object by object costs more than the rest
    /// of a small run, and the process is ending anyway.
    static func exitWithoutTeardown() -> Never {
        fflush(nil)
        Foundation.exit(EXIT_SUCCESS)
    }

    static func save(_ graph: TransitionGraph, to path: String) throws {
        let data: Data
        if path.hasSuffix(".dot") {
            data = Data(GraphDOT.render(graph).utf8)
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            data = try encoder.encode(graph) + Data("\n".utf8)
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func parseTime(_ text: String) throws -> Int {
        if let seconds = Int(text) { return seconds }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return Int(date.timeIntervalSince1970) }
        throw ValidationError("--time: cannot read '\(text)' (epoch seconds or ISO 8601)")
    }
}
