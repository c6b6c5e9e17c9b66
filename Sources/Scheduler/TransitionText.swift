import HalyardModel

/// Renders a plan for people, like `crm_simulate -S`: the current cluster status, the
/// transition summary and the revised status after the transition.
public enum TransitionText {
    public static func render(_ plan: SchedulerPlan) -> String {
        render(plan, resources: ResourceLists(plan.placement))
    }

    /// The resource lists of a rendering, before and after the transition (lines of text):
    /// they depend on the placement alone, so a caller may build them while the transition is
    /// planned.
    public struct ResourceLists: Sendable {
        let current: String
        let revised: String

        public init(_ placement: SchedulerResult) {
            current = TransitionText.resourceList(placement, revised: false)
            revised = TransitionText.resourceList(placement, revised: true)
        }
    }

    /// `render(plan)` with the resource lists built ahead, from `plan.placement`.
    public static func render(_ plan: SchedulerPlan, resources: ResourceLists) -> String {
        var text = TextBytes(capacity: resources.current.utf8.count + resources.revised.utf8.count + plan.graph.changes.count * 80 + 4096)
        text.append("Current cluster status:\n")
        nodeList(plan.nodes, into: &text)
        text.append(resources.current)
        text.append("\nTransition Summary:\n")
        for change in plan.graph.changes {
            summaryLine(change, into: &text)
            text.append(byte: UInt8(ascii: "\n"))
        }
        let fenced = Set(plan.placement.fencedNodes)
        let revisedNodes = plan.nodes.map { fenced.contains($0.name) ? NodeMembership(name: $0.name, state: .offline) : $0 }
        text.append("\nRevised Cluster Status:\n")
        nodeList(revisedNodes, into: &text)
        text.append(resources.revised)
        return text.text
    }

    private static func nodeList(_ nodes: [NodeMembership], into text: inout TextBytes) {
        text.append("  * Node List:\n")
        for state in [NodeMembership.State.online, .offline] {
            let names = nodes.filter { $0.state == state }.map(\.name)
            if !names.isEmpty { text.append("    * \(state.rawValue): [ \(names.joined(separator: " ")) ]\n") }
        }
        for node in nodes where node.state != .online && node.state != .offline {
            text.append("    * Node \(node.name): \(node.state.rawValue)\n")
        }
        text.append("\n")
    }

    fileprivate static func resourceList(_ placement: SchedulerResult, revised: Bool) -> String {
        var text = TextBytes(capacity: placement.resources.count * 64)
        text.append("  * Full List of Resources:\n")
        for p in placement.resources {
            let nodes = revised ? p.finalNodes : p.currentNodes
            if p.orphan && nodes.isEmpty { continue }
            text.append("    * ")
            text.append(p.id)
            if let clone = p.cloneID {
                text.append(" (clone \(clone))")
            } else if let group = p.groupID {
                text.append(" (group \(group))")
            }
            text.append(":\t")
            if nodes.isEmpty {
                text.append("Stopped")
            } else {
                // The transition recovers a failed resource, unless the cluster leaves it alone.
                text.append(p.failed && (!revised || !p.managed) ? "FAILED" : "Started")
                for node in nodes {
                    text.append(byte: UInt8(ascii: " "))
                    text.append(node)
                }
            }
            if p.orphan { text.append(" (orphan)") }
            if p.blocked { text.append(" (blocked)") } else if !p.managed { text.append(" (unmanaged)") }
            text.append(byte: UInt8(ascii: "\n"))
        }
        return text.text
    }

    /// `  * Move       rsc                    ( n1 -> n2 )  due to …`, without its line break.
    static func summaryLine(_ change: TransitionChange, into text: inout TextBytes) {
        if change.kind == .fence {
            text.append("  * Fence (\(change.fenceType ?? "reboot")) \(change.from ?? "") '\(change.reason ?? "")'")
            return
        }
        text.append("  * ")
        text.append(change.kind.title, paddedTo: 8)
        text.append("   ")
        text.append(change.resource ?? "", paddedTo: 20)
        text.append("   ( ")
        if let from = change.from, let to = change.to {
            text.append(from)
            text.append(" -> ")
            text.append(to)
        } else {
            text.append(change.from ?? change.to ?? "")
        }
        text.append(" )")
        if let reason = change.reason {
            text.append("  due to ")
            text.append(reason)
            if change.blocked { text.append(" (blocked)") }
        } else if change.blocked {
            text.append("  blocked")
        }
    }
}

extension TransitionChange.Kind {
    /// The kind capitalized, as the summary names it (`Move`).
    var title: String {
        var raw = rawValue
        return raw.withUTF8 { utf8 in
            String(decoding: [utf8[0] &- 0x20] + utf8.dropFirst(), as: UTF8.self)
        }
    }
}
