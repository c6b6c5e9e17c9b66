/// Renders a result in the conformance placement format: `RSC<TAB>NODE` per active location,
/// `RSC<TAB>Stopped` when inactive; clones by clone id (plus member or instance ids).
public enum PlacementFormat {
    public static func lines(_ result: SchedulerResult) -> [String] {
        var lines: [String] = []
        var clones: [String: [ResourcePlacement]] = [:]
        var cloneOrder: [String] = []
        for p in result.resources {
            if let clone = p.cloneID {
                if clones[clone] == nil { cloneOrder.append(clone) }
                clones[clone, default: []].append(p)
                continue
            }
            if p.orphan && p.finalNodes.isEmpty { continue }
            lines += facts(p.id, p.finalNodes)
        }
        for clone in result.clones where clones[clone] == nil { lines.append("\(clone)\tStopped") }
        for clone in cloneOrder {
            lines += cloneLines(clone, clones[clone] ?? [])
        }
        return lines.sorted()
    }

    private static func facts(_ id: String, _ nodes: [String]) -> [String] {
        nodes.isEmpty ? ["\(id)\tStopped"] : nodes.map { "\(id)\t\($0)" }
    }

    private static func cloneLines(_ clone: String, _ members: [ResourcePlacement]) -> [String] {
        var lines: [String] = []
        // One line per active instance: instances are keyed by their instance suffix.
        var instances: [String: Set<String>] = [:]
        for p in members {
            let instance = p.id.split(separator: ":").last.map(String.init) ?? p.id
            for node in p.finalNodes { instances[instance, default: []].insert(node) }
        }
        let instanceNodes = instances.values.flatMap { $0 }
        lines += facts(clone, instanceNodes.sorted())
        let unique = members.first?.globallyUnique ?? false
        let isGroup = members.contains { $0.groupID != nil }
        if unique {
            for p in members where !(p.orphan && p.finalNodes.isEmpty) { lines += facts(p.id, p.finalNodes) }
        } else if isGroup {
            var order: [String] = []
            var byMember: [String: Set<String>] = [:]
            for p in members {
                if byMember[p.configuredID] == nil { order.append(p.configuredID); byMember[p.configuredID] = [] }
                byMember[p.configuredID]?.formUnion(p.finalNodes)
            }
            for id in order { lines += facts(id, byMember[id]!.sorted()) }
        }
        return lines
    }
}
