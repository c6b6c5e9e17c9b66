import ArgumentParser

/// `crmctl simulate`: run the scheduler offline on a CIB file (like `crm_simulate -S`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Run the scheduler on a CIB file.")

    func run() throws {
        throw ValidationError("simulate is not implemented yet")
    }
}
