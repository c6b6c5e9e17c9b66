import ArgumentParser

/// `crmctl`: the operator's command line for Halyard.
@main
struct Crmctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmctl",
        abstract: "Configure, inspect and simulate a Halyard cluster.",
        subcommands: [SimulateCommand.self]
    )
}
