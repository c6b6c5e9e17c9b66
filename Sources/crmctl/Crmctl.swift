import ArgumentParser
import CIBAdmin
import ClusterIPC
import Foundation

/// `crmctl`: the operator's command line for Halyard.
@main
struct Crmctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmctl",
        abstract: "Configure, inspect and simulate a Halyard cluster.",
        discussion: """
            Exit status: 0 success; 1 the input or configuration was refused; 2 misuse of the command.
            'verify' exits 0 when clean, 1 with warnings only, 2 with errors.
            """,
        subcommands: [StatusCLI.self, ConfigureCLI.self, VerifyCLI.self, NodeCLI.self, ResourceCLI.self, SimulateCommand.self, ExplainCommand.self, AgentCommand.self, ClusterCLI.self, HistoryCLI.self, SandboxCLI.self]
    )

    @Option(name: [.customShort("f"), .customLong("file")],
            help: "Work on this CIB file instead of the live cluster (default: $CIB_file).")
    var file: String?

    @Option(help: "crmd's socket, for the live cluster (when no -f/$CIB_file is given).")
    var socket = IPCDefaults.socketPath

    /// Parses `crmctl simulate …` on its own, without building the whole command tree first
    /// (a few milliseconds of a small simulation); whatever it cannot parse, `--help` included,
    /// goes through the full parser, so messages and help read the same either way.
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == SimulateCommand.configuration.commandName,
           let simulate = try? SimulateCommand.parse(Array(arguments.dropFirst())) {
            do { try simulate.run() } catch { exit(withError: error) }
            exit()
        }
        main(nil)
    }

    /// The CIB the command acts on: the file given with -f (or $CIB_file), else the live cluster.
    func store() throws -> any CIBStore {
        if let path = file ?? ProcessInfo.processInfo.environment["CIB_file"], !path.isEmpty {
            return CIBFileStore(path: path)
        }
        let command = CommandLine.arguments.dropFirst().joined(separator: " ")
        return ClusterCIBStore(socketPath: socket, summary: "crmctl \(command)")
    }
}

/// Prints a report and exits with its status.
enum ReportPrinter {
    static func emit(_ report: AdminReport) -> Never {
        if !report.output.isEmpty { FileHandle.standardOutput.write(Data(report.output.utf8)) }
        for message in report.messages { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        exit(report.exitStatus)
    }

    static func fail(_ error: AdminError) -> Never {
        FileHandle.standardError.write(Data(("crmctl: " + error.message + "\n").utf8))
        exit(error.exitStatus)
    }

    /// Runs `body`, printing its report or its error, and exits.
    static func run(_ body: () throws -> AdminReport) -> Never {
        do {
            emit(try body())
        } catch let error as AdminError {
            fail(error)
        } catch {
            fail(AdminError("\(error)"))
        }
    }
}
