import HalyardModel

/// Turns parsed statements into a configuration, as crmsh's `configure load` does.
///
/// - `replacing: false` (`load update`): the statements are laid over `configuration`. An object
///   whose id exists replaces it in place (a group keeps its position, a redefined member stays in
///   its group); new objects are appended. `property`, `rsc_defaults` and `op_defaults` merge their
///   name/value pairs into the set with the same id. A node replaces the node with the same id, or
///   with the same uname when the text gave no `$id`. `fencing_topology` replaces the whole topology.
/// - `replacing: true` (`load replace`): the result holds exactly what the text defines. Nodes,
///   alerts and everything else the text does not mention are dropped, as `load replace` replaces
///   the whole configuration section (the status section is not part of a `Configuration`).
///
/// In both modes groups take their members out of the top level and clones take their child; the
/// top-level order follows the first primitive of each resource, so `show` output keeps the
/// document order when loaded back.
public enum CRMAssembler {
    public static func apply(_ statements: [CRMStatement], to configuration: Configuration,
                             replacing: Bool) throws(CRMAssemblyError) -> Configuration {
        try checkDuplicates(statements)
        var merged = replacing ? [] : ConfigurationStatements.statements(of: configuration)
        for statement in statements { try merge(statement, into: &merged) }
        return try ResourceTreeBuilder.build(merged)
    }

    /// Object ids that share one namespace (nodes and attribute sets have their own).
    static func isObject(_ statement: CRMStatement) -> Bool {
        switch statement {
        case .primitive, .group, .clone, .location, .colocation, .order, .alert: true
        default: false
        }
    }

    private static func checkDuplicates(_ statements: [CRMStatement]) throws(CRMAssemblyError) {
        var seen: [String: String] = [:]
        var nodes: Set<String> = []
        var sawTopology = false
        for statement in statements {
            switch statement {
            case .node(let node):
                guard nodes.insert(node.id).inserted else { throw CRMAssemblyError("duplicate node id '\(node.id)' in the text") }
            case .fencingTopology:
                if sawTopology { throw CRMAssemblyError("fencing_topology is given twice in the text; give all levels in one statement") }
                sawTopology = true
            case _ where isObject(statement):
                if let previous = seen[statement.id] {
                    throw CRMAssemblyError("duplicate id '\(statement.id)' in the text: defined by a \(previous) and a \(statement.keyword) statement")
                }
                seen[statement.id] = statement.keyword
            default: continue
            }
        }
    }

    private static func merge(_ statement: CRMStatement, into merged: inout [CRMStatement]) throws(CRMAssemblyError) {
        switch statement {
        case .node(var node):
            let index = merged.firstIndex { existing in
                guard case .node(let old) = existing else { return false }
                return old.id == node.id || (node.id == node.uname && old.uname == node.uname)
            }
            if let index, case .node(let old) = merged[index] {
                if node.id == node.uname { node.id = old.id }
                merged[index] = .node(node)
            } else {
                merged.append(.node(node))
            }
        case .property(let set), .resourceDefaults(let set), .operationDefaults(let set):
            if let index = merged.firstIndex(where: { $0.keyword == statement.keyword && $0.id == set.id }) {
                merged[index] = mergedSet(merged[index], with: set)
            } else {
                merged.append(statement)
            }
        case .fencingTopology:
            merged.removeAll { $0.keyword == statement.keyword }
            merged.append(statement)
        default:
            guard let index = merged.firstIndex(where: { isObject($0) && $0.id == statement.id }) else {
                merged.append(statement)
                return
            }
            guard merged[index].keyword == statement.keyword else {
                throw CRMAssemblyError("id '\(statement.id)' is already used by a \(merged[index].keyword); it cannot be redefined as a \(statement.keyword)")
            }
            merged[index] = statement
        }
    }

    /// The existing set with the new pairs laid over it (and the new score/rule when given).
    private static func mergedSet(_ existing: CRMStatement, with update: AttributeSet) -> CRMStatement {
        let wrap: (AttributeSet) -> CRMStatement
        let old: AttributeSet
        switch existing {
        case .property(let s): (old, wrap) = (s, CRMStatement.property)
        case .resourceDefaults(let s): (old, wrap) = (s, CRMStatement.resourceDefaults)
        case .operationDefaults(let s): (old, wrap) = (s, CRMStatement.operationDefaults)
        default: return existing
        }
        var set = old
        for pair in update.pairs {
            if let index = set.pairs.firstIndex(where: { $0.name == pair.name && $0.idRef == nil && pair.idRef == nil }) {
                set.pairs[index].value = pair.value
            } else {
                set.pairs.append(pair)
            }
        }
        if update.score != nil { set.score = update.score }
        if update.rule != nil { set.rule = update.rule }
        return wrap(set)
    }
}
