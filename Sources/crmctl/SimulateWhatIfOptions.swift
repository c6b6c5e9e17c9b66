import ArgumentParser
import Foundation
import HalyardModel
import Scheduler

/// The what-if options of `crmctl simulate` and `crmctl explain`: changes injected into the CIB
/// before scheduling, as `crm_simulate` injects them (nodes up, then down, then standby, then
/// operation results).
struct SimulateWhatIfOptions: ParsableArguments {
    @Option(name: .customLong("node-up"), help: ArgumentHelp("Bring this node online (repeatable).", valueName: "node"))
    var nodesUp: [String] = []

    @Option(name: .customLong("node-down"), help: ArgumentHelp("Take this node offline cleanly (repeatable).", valueName: "node"))
    var nodesDown: [String] = []

    @Option(name: .customLong("standby"), help: ArgumentHelp("Put this node in standby (repeatable).", valueName: "node"))
    var standbyNodes: [String] = []

    @Option(name: .customLong("op-fail"), help: ArgumentHelp(
        "Record an operation result, RSC_OP_INTERVAL@NODE=RC, e.g. vip_monitor_10000@n1=7 (repeatable).",
        valueName: "injection"))
    var operationResults: [String] = []

    /// The changes, in the order they are applied.
    func changes() throws -> [WhatIfChange] {
        var changes = nodesUp.map(WhatIfChange.nodeUp) + nodesDown.map(WhatIfChange.nodeDown)
            + standbyNodes.map(WhatIfChange.standby)
        for text in operationResults {
            do {
                changes.append(.operationResult(try OperationInjection(parsing: text)))
            } catch {
                throw ValidationError("--op-fail: \(error)")
            }
        }
        return changes
    }

    /// Applies the changes to the input's CIB, stamping injected results with the input's time.
    func apply(to input: inout SchedulerInput) throws {
        let changes = try changes()
        guard !changes.isEmpty else { return }
        let now = input.effectiveNow ?? Int(Date().timeIntervalSince1970)
        do {
            input.cib = try WhatIf.apply(changes, to: input.cib, now: now)
        } catch {
            throw ValidationError("what-if: \(error)")
        }
    }
}
