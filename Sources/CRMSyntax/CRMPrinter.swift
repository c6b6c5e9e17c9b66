import HalyardModel

/// Prints a configuration as crmsh `configure show` does: nodes, primitives (including group
/// members and clone children, in document order), groups, clones, constraints (document order),
/// `property`, `rsc_defaults`, `op_defaults`, `fencing_topology`, then `alert`s.
///
/// Ids are written (`$id=`, `id=` on an op, `$id=` on a rule, `<id>:` on a property set) only
/// where they differ from what `CRMParser` would generate, so the output parses back to the same
/// ids. nvpair ids are not written (the parser regenerates `<set-id>-<name>`), except for nvpairs
/// that some `id-ref` points at (`$<id>:<name>=<value>`). Ids crmsh has no syntax for (rule
/// expressions, date specs, resource sets, fencing levels) are regenerated too.
public enum CRMPrinter {
    public static func print(_ configuration: Configuration) -> String {
        render(configuration).text
    }

    /// What `print` could not express in crmsh syntax (each entry names the object), empty when the
    /// printed text loads back to the same configuration up to regenerated ids.
    public static func unprintable(_ configuration: Configuration) -> [String] {
        render(configuration).issues
    }

    private static func render(_ configuration: Configuration) -> (text: String, issues: [String]) {
        var renderer = StatementRenderer(configuration: configuration)
        var lines: [String] = []
        for statement in ConfigurationStatements.statements(of: configuration) {
            lines.append(renderer.render(statement).text)
        }
        return (lines.map { $0 + "\n" }.joined(), renderer.issues)
    }
}

/// One printed object: a head line and continuation sections, each on its own line.
struct PrintedObject {
    var head: [String]
    var sections: [[String]] = []

    var text: String {
        ([head] + sections).map { $0.joined(separator: " ") }.joined(separator: " \\\n    ")
    }
}

/// Renders statements back to crmsh words, mirroring the parser's id allocation so that only
/// non-generated ids are written, and collecting what cannot be expressed.
struct StatementRenderer {
    let nodes: [Node]
    /// nvpair ids that an `id-ref` somewhere points at: these keep their ids.
    let referencedPairs: Set<String>
    var issues: [String] = []
    var ids = IDAllocator()

    init(configuration: Configuration) {
        nodes = configuration.nodes
        referencedPairs = Self.pairReferences(in: configuration)
    }

    mutating func render(_ statement: CRMStatement) -> PrintedObject {
        ids = IDAllocator()
        switch statement {
        case .node(let n): return node(n)
        case .primitive(let p): return primitive(p)
        case .group(let g): return group(g)
        case .clone(let c): return clone(c)
        case .location(let c): return location(c)
        case .colocation(let c): return colocation(c)
        case .order(let c): return order(c)
        case .property(let s): return propertySet(s, keyword: "property", defaultID: "cib-bootstrap-options")
        case .resourceDefaults(let s): return propertySet(s, keyword: "rsc_defaults", defaultID: "rsc-options")
        case .operationDefaults(let s): return propertySet(s, keyword: "op_defaults", defaultID: "op-options")
        case .fencingTopology(let t): return fencingTopology(t)
        case .alert(let a): return alert(a)
        }
    }

    mutating func issue(_ text: String) { issues.append(text) }

    private static func pairReferences(in configuration: Configuration) -> Set<String> {
        var sets: [AttributeSet] = configuration.clusterProperties + configuration.resourceDefaults + configuration.operationDefaults
        sets += configuration.nodes.flatMap { $0.instanceAttributes + $0.utilization }
        for p in configuration.allPrimitives {
            sets += p.instanceAttributes + p.metaAttributes + p.utilization
            sets += p.operations.flatMap { $0.instanceAttributes + $0.metaAttributes }
        }
        for r in configuration.resources {
            switch r {
            case .primitive: break
            case .group(let g): sets += g.instanceAttributes + g.metaAttributes
            case .clone(let c):
                sets += c.instanceAttributes + c.metaAttributes
                if case .group(let g) = c.child { sets += g.instanceAttributes + g.metaAttributes }
            }
        }
        for a in configuration.alerts {
            sets += a.instanceAttributes + a.metaAttributes
            sets += a.recipients.flatMap { $0.instanceAttributes + $0.metaAttributes }
        }
        return Set(sets.flatMap(\.pairs).compactMap(\.idRef))
    }
}
