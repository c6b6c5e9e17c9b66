import ArgumentParser
import CIBAdmin
import Foundation

/// `crmctl status`: nodes, resources, failed actions, and moves/bans with their expiry.
struct StatusCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show nodes, quorum, the DC, resources, failed actions, and moves and bans with their expiry."
    )

    @ParentCommand var root: Crmctl

    @Option(help: "text (default) or json.")
    var output: String = "text"

    func run() throws {
        ReportPrinter.run {
            guard ["text", "json"].contains(output) else { throw AdminError.usage("--output must be text or json") }
            let status = ClusterStatus(cib: try root.store().load(), now: Int(Date().timeIntervalSince1970))
            guard output == "json" else { return AdminReport(output: status.text) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return AdminReport(output: String(decoding: try encoder.encode(status), as: UTF8.self) + "\n")
        }
    }
}
