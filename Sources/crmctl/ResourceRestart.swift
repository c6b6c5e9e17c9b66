import ArgumentParser
import CIBAdmin
import Foundation

/// `crmctl resource restart RESOURCE`: stops it everywhere (target-role=Stopped), waits until the
/// status shows it stopped, then puts its target-role back as it was, so the cluster starts it
/// again where it belongs. The live cluster only: on a file nothing would run in between.
struct ResourceRestart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Stop RESOURCE, wait until it has stopped, then let the cluster start it again."
    )

    @ParentCommand var parent: ResourceCLI
    @Argument var resource: String

    @Option(help: "Seconds to wait for the stop before putting target-role back and giving up.")
    var timeout = 120

    func run() throws {
        ReportPrinter.run {
            guard parent.root.file ?? ProcessInfo.processInfo.environment["CIB_file"] ?? "" == "" else {
                throw AdminError.usage("restart acts on the live cluster (it waits for the stop); on a file use 'resource stop' and 'resource start'")
            }
            let command = try parent.command()
            let (previous, stopping) = try command.stopForRestart(resource)
            guard stopping.exitStatus == 0 else { return stopping }
            let deadline = Date().addingTimeInterval(TimeInterval(timeout))
            var stopped = try command.isStopped(resource)
            while !stopped && Date() < deadline {
                usleep(250_000)
                stopped = try command.isStopped(resource)
            }
            var report = try command.restoreTargetRole(resource, to: previous)
            guard stopped else {
                report.messages.insert("\(resource) did not stop within \(timeout) s; its target-role is back as it was", at: 0)
                report.exitStatus = 1
                return report
            }
            report.messages.insert("\(resource) stopped; starting it again", at: 0)
            return report
        }
    }
}
