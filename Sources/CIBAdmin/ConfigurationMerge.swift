import HalyardModel

/// `load update` for XML input: objects in the update replace the existing objects with the same
/// id (in place, at any depth for resources); new objects are appended; attribute sets with the
/// same id merge name by name.
enum ConfigurationMerge {
    static func merge(_ update: Configuration, into base: Configuration) -> Configuration {
        var result = base
        for resource in update.resources { result.resources = upsert(resource, in: result.resources) }
        result.constraints = upsertAll(update.constraints, into: result.constraints, id: \.id)
        result.nodes = upsertAll(update.nodes, into: result.nodes, id: \.id)
        result.fencingTopology = upsertAll(update.fencingTopology, into: result.fencingTopology, id: \.id)
        result.alerts = upsertAll(update.alerts, into: result.alerts, id: \.id)
        result.clusterProperties = mergeSets(update.clusterProperties, into: result.clusterProperties)
        result.resourceDefaults = mergeSets(update.resourceDefaults, into: result.resourceDefaults)
        result.operationDefaults = mergeSets(update.operationDefaults, into: result.operationDefaults)
        return result
    }

    static func upsertAll<T>(_ items: [T], into existing: [T], id: (T) -> String) -> [T] {
        var result = existing
        for item in items {
            if let index = result.firstIndex(where: { id($0) == id(item) }) {
                result[index] = item
            } else {
                result.append(item)
            }
        }
        return result
    }

    /// Replaces the resource with the same id wherever it is (top level, group member, clone
    /// child), or appends it at the top level.
    static func upsert(_ resource: Resource, in resources: [Resource]) -> [Resource] {
        var result = resources
        if let index = result.firstIndex(where: { $0.id == resource.id }) {
            result[index] = resource
            return result
        }
        if case .primitive(let primitive) = resource {
            for index in result.indices {
                if let replaced = replacingNested(primitive, in: result[index]) {
                    result[index] = replaced
                    return result
                }
            }
        }
        result.append(resource)
        return result
    }

    private static func replacingNested(_ primitive: Primitive, in resource: Resource) -> Resource? {
        switch resource {
        case .primitive: return nil
        case .group(var group):
            guard let index = group.members.firstIndex(where: { $0.id == primitive.id }) else { return nil }
            group.members[index] = primitive
            return .group(group)
        case .clone(var clone):
            switch clone.child {
            case .primitive(let child) where child.id == primitive.id:
                clone.child = .primitive(primitive)
            case .group(let group):
                guard case .group(let updated)? = replacingNested(primitive, in: .group(group)) else { return nil }
                clone.child = .group(updated)
            default:
                return nil
            }
            return .clone(clone)
        }
    }

    static func mergeSets(_ updates: [AttributeSet], into existing: [AttributeSet]) -> [AttributeSet] {
        var result = existing
        for update in updates {
            guard let index = result.firstIndex(where: { $0.id == update.id && $0.kind == update.kind }) else {
                result.append(update)
                continue
            }
            for pair in update.pairs {
                if let pairIndex = result[index].pairs.firstIndex(where: { $0.name == pair.name }) {
                    result[index].pairs[pairIndex] = pair
                } else {
                    result[index].pairs.append(pair)
                }
            }
        }
        return result
    }
}
