import HalyardModel

/// Blanks the ids crmsh syntax cannot carry and the parser regenerates — nvpair ids, rule
/// expression / date_spec / duration ids, resource-set ids and fencing-level ids — so that a
/// configuration that went through print → parse → assemble compares equal to the original.
enum Normalized {
    static func configuration(_ c: Configuration) -> Configuration {
        var c = c
        c.clusterProperties = c.clusterProperties.map(set)
        c.resourceDefaults = c.resourceDefaults.map(set)
        c.operationDefaults = c.operationDefaults.map(set)
        c.nodes = c.nodes.map { n in
            var n = n
            n.instanceAttributes = n.instanceAttributes.map(set)
            n.utilization = n.utilization.map(set)
            return n
        }
        c.resources = c.resources.map(resource)
        c.constraints = c.constraints.map(constraint)
        c.fencingTopology = c.fencingTopology.map { level in
            var level = level
            level.id = ""
            return level
        }
        c.alerts = c.alerts.map { a in
            var a = a
            a.instanceAttributes = a.instanceAttributes.map(set)
            a.metaAttributes = a.metaAttributes.map(set)
            a.recipients = a.recipients.map { r in
                var r = r
                r.instanceAttributes = r.instanceAttributes.map(set)
                r.metaAttributes = r.metaAttributes.map(set)
                return r
            }
            return a
        }
        return c
    }

    static func set(_ s: AttributeSet) -> AttributeSet {
        var s = s
        s.pairs = s.pairs.map { p in
            var p = p
            if p.idRef == nil { p.id = "" }
            return p
        }
        s.rule = s.rule.map(rule)
        return s
    }

    static func rule(_ r: Rule) -> Rule {
        var r = r
        r.conditions = r.conditions.map { condition in
            switch condition {
            case .attribute(var e):
                e.id = ""
                return .attribute(e)
            case .date(var e):
                e.id = ""
                e.duration?.id = ""
                e.dateSpec?.id = ""
                return .date(e)
            case .rule(let nested): return .rule(rule(nested))
            default: return condition
            }
        }
        return r
    }

    static func primitive(_ p: Primitive) -> Primitive {
        var p = p
        p.instanceAttributes = p.instanceAttributes.map(set)
        p.metaAttributes = p.metaAttributes.map(set)
        p.utilization = p.utilization.map(set)
        p.operations = p.operations.map { op in
            var op = op
            op.instanceAttributes = op.instanceAttributes.map(set)
            op.metaAttributes = op.metaAttributes.map(set)
            return op
        }
        return p
    }

    static func group(_ g: Group) -> Group {
        var g = g
        g.instanceAttributes = g.instanceAttributes.map(set)
        g.metaAttributes = g.metaAttributes.map(set)
        g.members = g.members.map(primitive)
        return g
    }

    static func resource(_ r: Resource) -> Resource {
        switch r {
        case .primitive(let p): return .primitive(primitive(p))
        case .group(let g): return .group(group(g))
        case .clone(var c):
            c.instanceAttributes = c.instanceAttributes.map(set)
            c.metaAttributes = c.metaAttributes.map(set)
            switch c.child {
            case .primitive(let p): c.child = .primitive(primitive(p))
            case .group(let g): c.child = .group(group(g))
            }
            return .clone(c)
        }
    }

    static func constraint(_ c: Constraint) -> Constraint {
        let sets = { (sets: [ResourceSet]) in
            sets.map { s in
                var s = s
                s.id = ""
                return s
            }
        }
        switch c {
        case .location(var l):
            l.rules = l.rules.map(rule)
            l.resourceSets = sets(l.resourceSets)
            return .location(l)
        case .colocation(var l):
            l.resourceSets = sets(l.resourceSets)
            return .colocation(l)
        case .order(var o):
            o.resourceSets = sets(o.resourceSets)
            return .order(o)
        }
    }
}
