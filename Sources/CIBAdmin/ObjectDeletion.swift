import HalyardModel

/// `configure delete ID…`: removes objects by id. Constraints that named a deleted resource are
/// removed with it (as crmsh does) and reported, so nothing disappears unannounced.
enum ObjectDeletion {
    struct Outcome {
        var configuration: Configuration
        /// Ids removed because they depended on a deleted object.
        var alsoRemoved: [String]
    }

    static func delete(_ ids: [String], from configuration: Configuration) throws(AdminError) -> Outcome {
        var result = configuration
        var deletedResources: Set<String> = []
        for id in ids {
            if let removed = try removeResource(id, from: &result) {
                deletedResources.formUnion(removed)
            } else if let index = result.constraints.firstIndex(where: { $0.id == id }) {
                result.constraints.remove(at: index)
            } else if let index = result.nodes.firstIndex(where: { $0.id == id || $0.uname == id }) {
                result.nodes.remove(at: index)
            } else if let index = result.fencingTopology.firstIndex(where: { $0.id == id }) {
                result.fencingTopology.remove(at: index)
            } else if let index = result.alerts.firstIndex(where: { $0.id == id }) {
                result.alerts.remove(at: index)
            } else if let index = result.clusterProperties.firstIndex(where: { $0.id == id }) {
                result.clusterProperties.remove(at: index)
            } else if let index = result.resourceDefaults.firstIndex(where: { $0.id == id }) {
                result.resourceDefaults.remove(at: index)
            } else if let index = result.operationDefaults.firstIndex(where: { $0.id == id }) {
                result.operationDefaults.remove(at: index)
            } else {
                throw AdminError("no object with id \"\(id)\"; nothing was deleted")
            }
        }
        var alsoRemoved: [String] = []
        result.constraints = result.constraints.compactMap { constraint in
            guard let pruned = pruning(constraint, of: deletedResources) else {
                alsoRemoved.append(constraint.id)
                return nil
            }
            return pruned
        }
        return Outcome(configuration: result, alsoRemoved: alsoRemoved)
    }

    /// Removes a resource (top level or group member); returns every id it removed, or nil when
    /// no resource has this id.
    private static func removeResource(_ id: String, from configuration: inout Configuration) throws(AdminError) -> Set<String>? {
        if let index = configuration.resources.firstIndex(where: { $0.id == id }) {
            let removed = Set(configuration.resources[index].allIDs)
            configuration.resources.remove(at: index)
            return removed
        }
        for index in configuration.resources.indices {
            switch configuration.resources[index] {
            case .primitive:
                continue
            case .group(var group):
                guard let memberIndex = group.members.firstIndex(where: { $0.id == id }) else { continue }
                guard group.members.count > 1 else {
                    throw AdminError("\"\(id)\" is the only member of group \"\(group.id)\"; delete the group instead")
                }
                group.members.remove(at: memberIndex)
                configuration.resources[index] = .group(group)
                return [id]
            case .clone(let clone):
                if clone.child.allIDs.contains(id) {
                    throw AdminError("\"\(id)\" is inside clone \"\(clone.id)\"; delete the clone instead")
                }
            }
        }
        return nil
    }

    /// The constraint without references to deleted resources, or nil when nothing meaningful is left.
    private static func pruning(_ constraint: Constraint, of deleted: Set<String>) -> Constraint? {
        guard !deleted.isEmpty, constraint.referencedResources.contains(where: deleted.contains) else { return constraint }
        func prunedSets(_ sets: [ResourceSet]) -> [ResourceSet] {
            sets.compactMap { set in
                var copy = set
                copy.resources.removeAll(where: deleted.contains)
                return copy.resources.isEmpty && copy.idRef == nil ? nil : copy
            }
        }
        switch constraint {
        case .location(var c):
            if let rsc = c.resource, deleted.contains(rsc) { return nil }
            c.resourceSets = prunedSets(c.resourceSets)
            return c.resource == nil && c.resourcePattern == nil && c.resourceSets.isEmpty ? nil : .location(c)
        case .colocation(var c):
            if [c.resource, c.withResource].contains(where: { $0.map(deleted.contains) ?? false }) { return nil }
            c.resourceSets = prunedSets(c.resourceSets)
            return c.resource == nil && c.resourceSets.flatMap(\.resources).count < 2 ? nil : .colocation(c)
        case .order(var c):
            if [c.first, c.then].contains(where: { $0.map(deleted.contains) ?? false }) { return nil }
            c.resourceSets = prunedSets(c.resourceSets)
            return c.first == nil && c.resourceSets.flatMap(\.resources).count < 2 ? nil : .order(c)
        }
    }
}
