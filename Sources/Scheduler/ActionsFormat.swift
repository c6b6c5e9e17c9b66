/// Renders a plan in the conformance actions format: `summary …` lines from the transition
/// summary and `exec …` lines for every executed action, TAB-separated and sorted. Clone
/// instance numbers are dropped except in globally-unique clones.
public enum ActionsFormat {
    public static func lines(_ plan: SchedulerPlan) -> [String] {
        let names = displayNames(plan.placement)
        func name(_ id: String?) -> String { id.map { names[$0] ?? $0 } ?? "" }
        var lines: [String] = []
        for change in plan.graph.changes {
            var fields = ["summary", change.kind.rawValue]
            if change.kind == .fence {
                fields += [change.from ?? "", change.fenceType ?? "reboot"]
            } else if change.kind == .move || (change.kind == .recover && change.to != nil) {
                fields += [name(change.resource), "\(change.from ?? "")->\(change.to ?? "")"]
            } else {
                fields += [name(change.resource), change.to ?? change.from ?? ""]
                if change.blocked { fields.append("blocked") }
            }
            lines.append(fields.joined(separator: "\t"))
        }
        for action in plan.graph.actions where !action.pseudo {
            let fields: [String]
            switch action.task {
            case .fence, .fencePseudo: fields = [action.task.rawValue, action.node, action.fenceType ?? "reboot"]
            case .shutdown: fields = ["shutdown", action.node]
            case .probe: fields = ["monitor", name(action.resource), action.node, "0"]
            case .monitor, .cancel: fields = [action.task.rawValue, name(action.resource), action.node, String(action.interval)]
            case .lrmDelete: fields = ["delete", name(action.resource), action.node]
            case .start, .stop, .clearFailcount: fields = [action.task.rawValue, name(action.resource), action.node]
            }
            lines.append((["exec"] + fields).joined(separator: "\t"))
        }
        return lines.sorted()
    }

    /// Anonymous clone instances (`child:N`), and orphaned ones, → their configured id.
    static func displayNames(_ placement: SchedulerResult) -> [String: String] {
        var names: [String: String] = [:]
        for p in placement.resources {
            if p.cloneID != nil && !p.globallyUnique {
                names[p.id] = p.configuredID
            } else if p.orphan && p.cloneID == nil {
                // An orphaned clone instance keeps its recorded `child:N` id.
                names[p.id] = WorkingSet.stripInstance(p.id)
            }
        }
        return names
    }
}
