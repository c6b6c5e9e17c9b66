import ArgumentParser
import CIBAdmin
import Foundation

/// `crmctl resource …`: start/stop/restart, manage/unmanage, move/ban/clear, cleanup, failcount, locate.
struct ResourceCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource",
        abstract: "Start, stop, move, ban and clean up resources.",
        discussion: """
            move and ban expire after --lifetime (default 1 hour; 'forever' to keep them):
            a forgotten move never pins a resource for good. 'clear' removes them at once.
            """,
        subcommands: [Start.self, Stop.self, ResourceRestart.self, Manage.self, Unmanage.self, Move.self, Ban.self, Clear.self,
                      Cleanup.self, Failcount.self, Locate.self]
    )

    @ParentCommand var root: Crmctl

    /// The command on the chosen store, with the current time (the only clock read).
    func command() throws -> ResourceCommand {
        ResourceCommand(store: try root.store(), now: Int(Date().timeIntervalSince1970))
    }

    /// `--lifetime DURATION|forever` for move and ban.
    struct LifetimeOption: ParsableArguments {
        @Option(help: "How long the move or ban lasts: an interval (30min, 2h, PT1H) or forever.")
        var lifetime: String = "1h"

        func parsed() throws -> ResourcePlacementConstraints.Lifetime {
            guard let parsed = ResourcePlacementConstraints.Lifetime(parsing: lifetime) else {
                throw AdminError.usage("--lifetime must be an interval of at least 1s (30min, 2h, PT1H) or forever, not \"\(lifetime)\"")
            }
            return parsed
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set target-role=Started.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().setTargetRole(resource, started: true) } }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set target-role=Stopped.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().setTargetRole(resource, started: false) } }
    }

    struct Manage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set is-managed=true.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().setManaged(resource, managed: true) } }
    }

    struct Unmanage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set is-managed=false: the cluster no longer starts or stops it.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().setManaged(resource, managed: false) } }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prefer NODE for RESOURCE (cli-prefer-RESOURCE).")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        @Argument var node: String
        @OptionGroup var lifetime: LifetimeOption
        func run() throws { ReportPrinter.run { try parent.command().move(resource, to: node, lifetime: lifetime.parsed()) } }
    }

    struct Ban: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep RESOURCE off NODE (default: the nodes it runs on now).")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        @Argument var node: String?
        @OptionGroup var lifetime: LifetimeOption
        func run() throws { ReportPrinter.run { try parent.command().ban(resource, from: node, lifetime: lifetime.parsed()) } }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove every move and ban of RESOURCE.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().clear(resource) } }
    }

    struct Cleanup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget RESOURCE's failures (on NODE, or everywhere).")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        @Argument var node: String?
        func run() throws { ReportPrinter.run { try parent.command().cleanup(resource, on: node) } }
    }

    struct Failcount: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show RESOURCE's fail count per node.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().failcount(resource) } }
    }

    struct Locate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show where RESOURCE runs.")
        @ParentCommand var parent: ResourceCLI
        @Argument var resource: String
        func run() throws { ReportPrinter.run { try parent.command().locate(resource) } }
    }
}
