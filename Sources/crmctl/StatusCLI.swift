import ArgumentParser
import CIBAdmin
import Foundation

/// `crmctl status`: nodes, resources, failed actions, and moves/bans with their expiry; with
/// `--watch`, redrawn every few seconds until interrupted (like `crm_mon`).
struct StatusCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show nodes, quorum, the DC, resources, failed actions, and moves and bans with their expiry."
    )

    @ParentCommand var root: Crmctl

    @Option(help: "text (default) or json.")
    var output: String = "text"

    @Flag(help: "Redraw the status every --interval seconds until interrupted (text only).")
    var watch = false

    @Option(help: "Seconds between redraws with --watch.")
    var interval = 2

    func validate() throws {
        guard ["text", "json"].contains(output) else { throw ValidationError("--output must be text or json") }
        guard !watch || output == "text" else { throw ValidationError("--watch shows text; scripts poll 'crmctl status --output json'") }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() throws {
        guard watch else { ReportPrinter.run { try report() } }
        while true {
            let screen: String
            do {
                screen = try report().output
            } catch let error as AdminError {
                screen = "crmctl: \(error.message)\n"
            }
            let stamp = Date().formatted(Date.ISO8601FormatStyle())
            // Home the cursor and clear the screen, then draw.
            FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J\(stamp)   (every \(interval) s; Ctrl-C to stop)\n\n\(screen)".utf8))
            sleep(UInt32(interval))
        }
    }

    private func report() throws -> AdminReport {
        let status = ClusterStatus(cib: try root.store().load(), now: Int(Date().timeIntervalSince1970))
        guard output == "json" else { return AdminReport(output: status.text) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return AdminReport(output: String(decoding: try encoder.encode(status), as: UTF8.self) + "\n")
    }
}
