import ArgumentParser
import CIBAdmin
import Foundation

/// `crmctl node …`: standby/online drills, maintenance, node attributes and fencing.
struct NodeCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Put nodes in standby or maintenance, read or set node attributes, fence nodes.",
        subcommands: [Standby.self, Online.self, Maintenance.self, Ready.self, Attribute.self, Fence.self, FenceAck.self]
    )

    /// `--lifetime forever|reboot`, shared by the subcommands that set attributes.
    struct LifetimeOption: ParsableArguments {
        @Option(help: "forever (nodes section) or reboot (status section, gone when the node restarts).")
        var lifetime: String = "forever"

        func parsed() throws -> AttributeLifetime {
            guard let lifetime = AttributeLifetime(rawValue: lifetime) else {
                throw AdminError.usage("--lifetime must be forever or reboot, not \"\(lifetime)\"")
            }
            return lifetime
        }
    }

    struct Standby: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move every resource off NODE and keep them off.")
        @ParentCommand var node: NodeCLI
        @Argument var name: String
        @OptionGroup var lifetime: LifetimeOption

        func run() throws {
            ReportPrinter.run { try NodeCommand(store: node.root.store()).standby(name, lifetime: lifetime.parsed()) }
        }
    }

    struct Online: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let NODE run resources again.")
        @ParentCommand var node: NodeCLI
        @Argument var name: String

        func run() throws {
            ReportPrinter.run { try NodeCommand(store: node.root.store()).online(name) }
        }
    }

    struct Maintenance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave NODE's resources alone (no monitors, starts or stops).")
        @ParentCommand var node: NodeCLI
        @Argument var name: String

        func run() throws {
            ReportPrinter.run { try NodeCommand(store: node.root.store()).maintenance(name, on: true) }
        }
    }

    struct Ready: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End NODE's maintenance.")
        @ParentCommand var node: NodeCLI
        @Argument var name: String

        func run() throws {
            ReportPrinter.run { try NodeCommand(store: node.root.store()).maintenance(name, on: false) }
        }
    }

    struct Attribute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show, set or delete a node attribute (--transient = --lifetime reboot).")
        @ParentCommand var node: NodeCLI
        @Argument var name: String
        @Argument var attribute: String
        @Argument var value: String?
        @Flag(help: "Delete the attribute.") var delete = false
        @Flag(help: "A transient attribute (status section), as the ping agent's pingd.") var transient = false
        @OptionGroup var lifetime: LifetimeOption

        func run() throws {
            ReportPrinter.run {
                let chosen = transient ? AttributeLifetime.reboot : try lifetime.parsed()
                return try NodeCommand(store: node.root.store()).attribute(name, attribute, value: value, delete: delete, lifetime: chosen)
            }
        }
    }

    struct Fence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fence NODE now with its fence devices (reboot unless --off).",
            discussion: "A member on another node runs the fence agents; the outcome shows in 'crmctl status' and crmd's log.")
        @ParentCommand var node: NodeCLI
        @Argument var name: String
        @Flag(help: "Power NODE off instead of rebooting it.") var off = false
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() throws {
            ReportPrinter.run {
                guard let store = try node.root.store() as? ClusterCIBStore else {
                    throw AdminError.usage("fence acts on the live cluster only (no -f/$CIB_file)")
                }
                guard yes || NodeCLI.confirm("Fence \(name) (\(off ? "power off" : "reboot"))? Everything running there dies at once.") else {
                    return AdminReport(messages: ["nothing fenced"], exitStatus: 1)
                }
                try store.requestFencing(name, action: off ? "off" : "reboot")
                return AdminReport(output: "fencing of \(name) requested: see 'crmctl status'\n")
            }
        }
    }

    struct FenceAck: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fence-ack",
            abstract: "Tell the cluster NODE is down (powered off by hand) when no fence device can confirm it.",
            discussion: "Its resources are then recovered elsewhere. If NODE is in fact still running them, they will run twice.")
        @ParentCommand var node: NodeCLI
        @Argument var name: String
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() throws {
            ReportPrinter.run {
                guard let store = try node.root.store() as? ClusterCIBStore else {
                    throw AdminError.usage("fence-ack acts on the live cluster only (no -f/$CIB_file)")
                }
                guard yes || NodeCLI.confirm("Is \(name) really powered off? Its resources will be started elsewhere.") else {
                    return AdminReport(messages: ["nothing acknowledged"], exitStatus: 1)
                }
                try store.acknowledgeFenced(name)
                return AdminReport(output: "\(name) is recorded as fenced\n")
            }
        }
    }

    @ParentCommand var root: Crmctl

    /// Asks `question` on the terminal; true only when the answer is "yes".
    static func confirm(_ question: String) -> Bool {
        print(question + " Type yes to confirm: ", terminator: "")
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}
