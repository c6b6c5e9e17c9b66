import ArgumentParser
import CIBAdmin

/// `crmctl configure …`: crmsh-syntax configuration commands.
struct ConfigureCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configure",
        abstract: "Show and edit the configuration in crmsh syntax.",
        discussion: """
            show [xml] [ID...]                 print the configuration (crmsh syntax or CIB XML)
            load [xml] update|replace FILE     merge or replace from crmsh text or XML (- = stdin)
            edit                               edit in $EDITOR; errors re-open the editor, nothing written until valid
            delete ID...                       remove objects (and constraints that referred to them)
            verify                             validate, as 'crmctl verify'
            diff N                             what changed since history entry N (live cluster: crmctl history)
            rollback N                         restore history entry N's configuration as a new version
            primitive|group|clone|location|colocation|order|property|rsc_defaults|op_defaults|
            fencing_topology|node|alert ...    define or replace one object, e.g.
                crmctl -f cib.xml configure primitive vip ocf:halyard:IPaddr params ip=10.0.0.10
            Every change is validated, bumps the epoch and is written atomically.
            """
    )

    @ParentCommand var root: Crmctl

    @Argument(parsing: .captureForPassthrough, help: "The configure command and its words.")
    var words: [String] = []

    func run() throws {
        ReportPrinter.run {
            try ConfigureCommand(store: root.store(), editor: TerminalEditor()).run(words)
        }
    }
}

/// `crmctl history`: the numbered configuration versions crmd keeps.
struct HistoryCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the CIB versions the local crmd keeps (see configure diff N, configure rollback N)."
    )

    @ParentCommand var root: Crmctl

    func run() throws {
        ReportPrinter.run { try HistoryCommand(store: root.store()).list() }
    }
}

/// `crmctl verify`: validate the configuration (cf. crm_verify).
struct VerifyCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the configuration: exit 0 clean, 1 warnings only, 2 errors."
    )

    @ParentCommand var root: Crmctl

    func run() throws {
        ReportPrinter.run { try VerifyCommand.run(store: root.store()) }
    }
}
