import HalyardModel

/// Sets meta-attributes on a resource at any depth (primitive, group, clone, group member,
/// clone child): what `resource start|stop|manage|unmanage` change. Pure.
public enum ResourceMeta {
    /// The configuration with `name` set to `value` (nil removes it) on resource `id`.
    public static func set(_ name: String, to value: String?, on id: String, in configuration: Configuration) throws(AdminError) -> Configuration {
        var result = configuration
        var found = false
        result.resources = configuration.resources.map { resource in
            let (updated, hit) = updating(resource, id: id) { sets, ownerID in
                NodeAttributes.setting(name, to: value, in: sets, kind: .meta, setID: "\(ownerID)-meta_attributes")
            }
            found = found || hit
            return updated
        }
        guard found else { throw unknownResource(id, in: configuration) }
        return result
    }

    static func unknownResource(_ id: String, in configuration: Configuration) -> AdminError {
        let ids = configuration.resources.flatMap(\.allIDs)
        let hint = Spelling.closest(to: id, among: ids, limit: 1).first.map { " (did you mean \"\($0)\"?)" } ?? ""
        return AdminError("no resource named \"\(id)\"\(hint)")
    }

    /// Applies `change` to the meta-attributes of the resource with `id` inside `resource`.
    private static func updating(_ resource: Resource, id: String,
                                 _ change: ([AttributeSet], String) -> [AttributeSet]) -> (Resource, Bool) {
        switch resource {
        case .primitive(var primitive):
            guard primitive.id == id else { return (resource, false) }
            primitive.metaAttributes = change(primitive.metaAttributes, primitive.id)
            return (.primitive(primitive), true)
        case .group(var group):
            if group.id == id {
                group.metaAttributes = change(group.metaAttributes, group.id)
                return (.group(group), true)
            }
            guard let index = group.members.firstIndex(where: { $0.id == id }) else { return (resource, false) }
            group.members[index].metaAttributes = change(group.members[index].metaAttributes, id)
            return (.group(group), true)
        case .clone(var clone):
            if clone.id == id {
                clone.metaAttributes = change(clone.metaAttributes, clone.id)
                return (.clone(clone), true)
            }
            let child: Resource = switch clone.child {
            case .primitive(let primitive): .primitive(primitive)
            case .group(let group): .group(group)
            }
            let (updated, hit) = updating(child, id: id, change)
            guard hit else { return (resource, false) }
            switch updated {
            case .primitive(let primitive): clone.child = .primitive(primitive)
            case .group(let group): clone.child = .group(group)
            case .clone: return (resource, false)
            }
            return (.clone(clone), true)
        }
    }
}
