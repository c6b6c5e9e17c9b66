/// Renders a plan for people, like `crm_simulate -S`: the current cluster status, the
/// transition summary and the revised status after the transition.
public enum TransitionText {
    public static func render(_ plan: SchedulerPlan) -> String {
        render(plan, resources: ResourceLists(plan.placement))
    }

    /// The resource lists of a rendering, before and after the transition: they depend on the
    /// placement alone, so a caller may build them while the transition is planned.
    public struct ResourceLists: Sendable {
        let current: [String]
        let revised: [String]

        public init(_ placement: SchedulerResult) {
            current = TransitionText.resourceList(placement, revised: false)
            revised = TransitionText.resourceList(placement, revised: true)
        }
    }

    /// `render(plan)` with the resource lists built ahead, from `plan.placement`.
    public static func render(_ plan: SchedulerPlan, resources: ResourceLists) -> String {
        var lines = ["Current cluster status:"]
        lines += nodeList(plan.nodes)
        lines += resources.current
        lines += ["", "Transition Summary:"]
        lines += plan.graph.changes.map(summaryLine)
        let fenced = Set(plan.placement.fencedNodes)
        let revisedNodes = plan.nodes.map { fenced.contains($0.name) ? NodeMembership(name: $0.name, state: .offline) : $0 }
        lines += ["", "Revised Cluster Status:"]
        lines += nodeList(revisedNodes)
        lines += resources.revised
        return lines.joined(separator: "\n") + "\n"
    }

    private static func nodeList(_ nodes: [NodeMembership]) -> [String] {
        var lines = ["  * Node List:"]
        for state in [NodeMembership.State.online, .offline] {
            let names = nodes.filter { $0.state == state }.map(\.name)
            if !names.isEmpty { lines.append("    * \(state.rawValue): [ \(names.joined(separator: " ")) ]") }
        }
        for node in nodes where node.state != .online && node.state != .offline {
            lines.append("    * Node \(node.name): \(node.state.rawValue)")
        }
        return lines + [""]
    }

    fileprivate static func resourceList(_ placement: SchedulerResult, revised: Bool) -> [String] {
        var lines = ["  * Full List of Resources:"]
        for p in placement.resources {
            let nodes = revised ? p.finalNodes : p.currentNodes
            if p.orphan && nodes.isEmpty { continue }
            let parent = p.cloneID.map { " (clone \($0))" } ?? p.groupID.map { " (group \($0))" } ?? ""
            var state = nodes.isEmpty ? "Stopped" : "\(p.failed && !revised ? "FAILED" : "Started") \(nodes.joined(separator: " "))"
            if p.orphan { state += " (orphan)" }
            if p.blocked { state += " (blocked)" } else if !p.managed { state += " (unmanaged)" }
            lines.append("    * \(p.id)\(parent):\t\(state)")
        }
        return lines
    }

    static func summaryLine(_ change: TransitionChange) -> String {
        if change.kind == .fence {
            return "  * Fence (\(change.fenceType ?? "reboot")) \(change.from ?? "") '\(change.reason ?? "")'"
        }
        let details: String
        if let from = change.from, let to = change.to {
            details = "\(from) -> \(to)"
        } else {
            details = change.from ?? change.to ?? ""
        }
        var reason = change.reason.map { "  due to \($0)" } ?? ""
        if change.blocked { reason += reason.isEmpty ? "  blocked" : " (blocked)" }
        let verb = change.kind.rawValue.prefix(1).uppercased() + change.kind.rawValue.dropFirst()
        return "  * " + pad(verb, 8) + "   " + pad(change.resource ?? "", 20) + "   ( \(details) )" + reason
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
