import ArgumentParser
import Director
import Foundation

/// `ldirector -f FILE start|stop|status|reload|run`: the load-balancer director (ldirectord's
/// equivalent). `start` runs the director in the background (`run` in the foreground).
@main
struct LDirector: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ldirector",
        abstract: "Health-check real servers and keep a load balancer's table in step.",
        discussion: "Exit codes of status: 0 running and programmed, 3 not running, 1 running but the data plane is not programmed.")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case start, stop, status, reload, run
    }

    @Option(name: .short, help: "The configuration file (ldirectord.cf or keepalived virtual_server syntax).")
    var file: String

    @Option(help: "ipvs, nftables or userspace.")
    var dataPlane: DataPlaneKind = .ipvs

    @Option(help: "Where the pid, state and log files are kept.")
    var runDir = "/run/halyard"

    @Argument(help: "start, stop, status, reload or run (foreground).")
    var action: Action

    func run() async throws {
        let files = RunFiles(runDir: runDir, configuration: file)
        switch action {
        case .run: try await Foreground(files: files, dataPlane: dataPlane).run()
        case .start: try Control(files: files).start(arguments: ["-f", file, "--data-plane", dataPlane.rawValue, "--run-dir", runDir, "run"])
        case .stop: try Control(files: files).stop()
        case .reload: try Control(files: files).reload()
        case .status: try await Control(files: files).status()
        }
    }
}
