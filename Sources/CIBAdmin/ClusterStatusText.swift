import HalyardModel

/// The human rendering of `ClusterStatus`, in the spirit of crm_mon and clustat.
extension ClusterStatus {
    public var text: String {
        var lines: [String] = []
        lines.append("Cluster: \(clusterName ?? "(unnamed)")   version \(epoch)   DC: \(designatedController ?? "none")")
        lines.append("Quorum: \(hasQuorum ? "yes" : "NO (no-quorum-policy=\(noQuorumPolicy))")")
        lines.append("")
        lines.append("Nodes:")
        for node in nodes {
            let state = node.state == "online" ? "online" : node.state.uppercased()
            lines.append("  \(node.name)\t\(state)\(node.willBeFenced ? " (will be fenced)" : "")")
        }
        lines.append("")
        lines.append("Resources:")
        var shownContainers: Set<String> = []
        for resource in resources {
            let container = resource.clone ?? resource.group
            if let container, !shownContainers.contains(container) {
                shownContainers.insert(container)
                lines.append("  \(container) (\(resource.clone != nil ? "clone" : "group"))")
            }
            let indent = container == nil ? "  " : "    "
            let whereText = resource.nodes.isEmpty ? "" : " on " + resource.nodes.joined(separator: ", ")
            let notes = resource.notes.isEmpty ? "" : "  [" + resource.notes.joined(separator: "; ") + "]"
            lines.append("\(indent)\(resource.id)\t(\(resource.agent))\t\(resource.state)\(whereText)\(notes)")
        }
        if !failedActions.isEmpty {
            lines.append("")
            lines.append("Failed actions:")
            for failure in failedActions {
                let interval = failure.intervalMilliseconds > 0 ? " every \(failure.intervalMilliseconds / 1000)s" : ""
                let reason = failure.exitReason.map { ": \($0)" } ?? ""
                let when = failure.at.map { " at \($0)" } ?? ""
                lines.append("  \(failure.resource) \(failure.operation)\(interval) on \(failure.node): rc=\(failure.rc)\(reason)\(when)")
            }
        }
        if !overrides.isEmpty {
            lines.append("")
            lines.append("Moves and bans (crmctl resource clear RSC removes them):")
            for item in overrides {
                let what = item.kind == "ban" ? "\(item.resource) banned from \(item.node)" : "\(item.resource) moved to \(item.node)"
                let until = item.expires.map { item.expired ? "expired at \($0)" : "until \($0)" } ?? "forever"
                lines.append("  \(item.id): \(what), \(until)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
