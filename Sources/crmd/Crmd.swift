import ArgumentParser
import Cluster
import ClusterIPC
import Foundation

/// `crmd`: Halyard's cluster daemon, one per node (see Docs/cluster.md).
@main
struct Crmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmd",
        abstract: "Halyard's cluster daemon: joins corosync CPG, replicates the CIB, serves crmctl on a Unix socket."
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
        let log = DaemonLog()
        let daemon = CRMDaemon(options: options, log: log)
        do {
            try daemon.start()
        } catch {
            log(.error, error.message)
            throw ExitCode.failure
        }
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler {
                log(.notice, "signal \(number): shutting down")
                daemon.stop()
                Foundation.exit(0)
            }
            source.resume()
            return source
        }
        withExtendedLifetime(signals) { dispatchMain() }
    }
}
