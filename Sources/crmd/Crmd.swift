import ArgumentParser
import Cluster
import ClusterIPC
import Executor
import Foundation
import Logging

/// `crmd`: Halyard's cluster daemon, one per node (see Docs/cluster.md).
@main
struct Crmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmd",
        abstract: "Halyard's cluster daemon: joins corosync CPG, replicates the CIB, runs transitions and fencing, serves crmctl on a Unix socket."
    )

    @Option(help: "Directory for cib.xml and its numbered history.")
    var stateDir = "/var/lib/halyard"

    @Option(help: "The Unix socket crmctl talks to.")
    var socket = IPCDefaults.socketPath

    @Option(help: "How many cib-N.xml history files to keep.")
    var history = 20

    @Option(help: "The group (besides root) allowed on the socket.")
    var accessGroup = IPCDefaults.group

    @Option(help: "The CPG group crmds join.")
    var cpgGroup = "halyard"

    @Option(help: "Reach the corosync of this network namespace (/run/netns/NAME; labs and tests).")
    var networkNamespace: String?

    @Option(help: "This node's name in the cluster (default: the short host name).")
    var nodeName: String?

    @Option(help: "Where resource agents keep their state files (HA_RSCTMP; default /run/resource-agents).")
    var resourceStateDir: String?

    @Option(help: "Seconds a graceful shutdown (resources moved away first) may take before crmd leaves anyway.")
    var shutdownTimeout = 300

    @Option(help: "Log lines on stderr as text (key=value metadata) or json (one object per line).")
    var logFormat: CrmdLogHandler.Format = .text

    @Option(help: "The least important messages logged: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard history >= 1 else { throw ValidationError("--history must be at least 1") }
    }

    func run() throws {
        var options = CRMDaemon.Options()
        options.stateDirectory = stateDir
        options.historyLimit = history
        options.socketPath = socket
        options.accessGroup = accessGroup
        options.transport = CPGTransport.Options(group: cpgGroup, networkNamespace: networkNamespace)
        if let nodeName { options.nodeName = nodeName }
        if let resourceStateDir { options.agentEnvironment["HA_RSCTMP"] = resourceStateDir }
        options.shutdownSeconds = shutdownTimeout
        options.onLeave = { Foundation.exit(0) }
        let format = logFormat
        LoggingSystem.bootstrap { _ in CrmdLogHandler(format: format) }
        var log = Logger(label: "crmd")
        log.logLevel = logLevel
        do {
            try ChildReaper.shared.adoptOrphans()
        } catch {
            log.warning("cannot become a child subreaper (\(error)): orphaned agent processes go to PID 1")
        }
        let daemon = CRMDaemon(options: options, log: log)
        do {
            try daemon.start()
        } catch {
            log.error("\(error.message)")
            throw ExitCode.failure
        }
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            var received = 0
            source.setEventHandler {
                received += 1
                if received == 1 {
                    log.notice("signal \(number): shutting down (resources are moved away first; signal again to leave at once)")
                    daemon.shutDown()
                } else {
                    log.notice("signal \(number) again: leaving at once")
                    daemon.stop()
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        withExtendedLifetime(signals) { dispatchMain() }
    }
}

extension CrmdLogHandler.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
