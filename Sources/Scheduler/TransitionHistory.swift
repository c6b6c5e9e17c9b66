import HalyardModel

/// One resource's replayed operation history on one node, kept for planning the transition.
struct NodeHistory {
    let node: ClusterNode
    /// The operations in replay (call-id) order.
    let operations: [OperationRecord]
    /// Whether the replay established a state (Pacemaker's "known on"): no probe is needed.
    let known: Bool

    /// A recurring operation that is running on the node.
    struct Recurring: Hashable {
        let name: String
        let interval: Int
    }

    /// The recurring operations still active: those recorded after the last start (or
    /// implied start) unless a later stop ended them, on an online node.
    var activeRecurring: [Recurring] {
        var result: [Recurring] = []
        for index in activeRecurringIndices {
            let entry = Recurring(name: operations[index].operation, interval: operations[index].interval)
            if !result.contains(entry) { result.append(entry) }
        }
        return result
    }

    /// Where the entries of the active recurring operations are in `operations`.
    var activeRecurringIndices: [Int] {
        // Most histories hold no recurring operation at all (a probe where the resource is
        // not running): answered without replaying them.
        guard node.online, operations.indices.contains(where: { operations[$0].interval != 0 && operations[$0].opStatus != -1 })
        else { return [] }
        let (start, stop) = activeRange
        // By index, fields read in place: copying each record (six strings) showed in profiles.
        return operations.indices.filter { index in
            !(start < stop && index <= stop) && index >= start
                && operations[index].interval != 0 && operations[index].opStatus != -1
        }
    }

    /// The index of the last start (or the monitor or promotion that implies one) and of the
    /// last successful stop, -1 when none.
    private var activeRange: (start: Int, stop: Int) {
        var stop = -1, start = -1, impliedByMonitor = -1, impliedByRole = -1
        for index in operations.indices {
            switch operations[index].operation {
            case "stop" where operations[index].opStatus == 0:
                stop = index
            case "start", "migrate_from":
                start = index
            case "monitor" where impliedByMonitor <= stop:
                if operations[index].rcCode == 0 || operations[index].rcCode == 8 { impliedByMonitor = index }
            case "promote", "demote":
                impliedByRole = index
            default:
                break
            }
        }
        if start == -1 { start = impliedByRole != -1 ? impliedByRole : impliedByMonitor }
        return (start, stop)
    }
}

extension HistoryUnpacker {
    /// Whether a recorded operation's result differs from the one expected.
    static func isFailure(_ op: OperationRecord) -> Bool { op.rcCode != targetRC(op) }
}

extension WorkingSet {
    /// Whether `rsc` has a failure on the history's node whose on-fail is block: such a
    /// failure keeps blocking, its fail count never expires.
    func failureBlocks(_ rsc: Rsc, _ history: NodeHistory) -> Bool {
        failureBlocks(rsc, operations: history.operations)
    }

    /// Whether any of `operations` (of `rsc`, on one node) is a failure whose on-fail is block.
    func failureBlocks(_ rsc: Rsc, operations: [OperationRecord]) -> Bool {
        operations.contains { op in
            HistoryUnpacker.isFailure(op) && onFail(for: rsc, task: op.operation, interval: op.interval) == .block
        }
    }
}
