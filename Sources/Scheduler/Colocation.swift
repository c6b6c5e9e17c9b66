import HalyardModel

/// One colocation between two working resources: `dependent` is placed relative to `primary`.
final class Colocation {
    let id: String
    let dependent: Rsc
    let primary: Rsc
    let score: Int
    /// The node attribute whose equal values count as "together" (`#uname` by default).
    let nodeAttribute: String
    let dependentRole: Role
    let primaryRole: Role
    /// Whether the dependent's preferences may pull the primary (`influence`).
    let influence: Bool

    init(id: String, dependent: Rsc, primary: Rsc, score: Int, nodeAttribute: String?,
         dependentRole: Role, primaryRole: Role, influence: Bool) {
        self.id = id
        self.dependent = dependent
        self.primary = primary
        self.score = score
        self.nodeAttribute = nodeAttribute ?? "#uname"
        self.dependentRole = dependentRole
        self.primaryRole = primaryRole
        self.influence = influence
    }

    /// Whether the dependent influences where `rsc` (default: the primary) goes.
    func hasInfluence(on rsc: Rsc? = nil) -> Bool {
        influence || (rsc ?? primary).runningOn.isEmpty
    }
}

/// Reads `rsc_colocation` constraints (simple and with resource sets) into `Colocation`s, and
/// files each under its dependent ("this with") and primary ("with this") in Pacemaker's order.
struct ColocationUnpacker {
    let cluster: WorkingSet

    func unpack() {
        for case .colocation(let c) in cluster.configuration.constraints {
            let score = c.score?.value ?? 0
            if c.resourceSets.isEmpty {
                guard let dependent = c.resource.flatMap(cluster.constraintResource),
                      let primary = c.withResource.flatMap(cluster.constraintResource) else { continue }
                add(c, id: c.id, score: score, dependent: dependent, primary: primary,
                    dependentRole: c.resourceRole, primaryRole: c.withResourceRole)
                continue
            }
            var previous: ResourceSet?
            for set in c.resourceSets {
                unpackSet(set, constraint: c, score: score)
                if let previous { colocateSets(previous, set, constraint: c, score: score) }
                previous = set
            }
        }
    }

    private func resources(_ set: ResourceSet) -> [Rsc] { set.resources.compactMap(cluster.constraintResource) }

    private func unpackSet(_ set: ResourceSet, constraint c: ColocationConstraint, score: Int) {
        let local = set.score?.value ?? score
        guard local != 0, set.sequential ?? true else { return }
        let members = resources(set)
        if local > 0 {
            for (earlier, later) in zip(members, members.dropFirst()) {
                if (set.ordering ?? "group") == "group" {
                    add(c, id: set.id, score: local, dependent: later, primary: earlier, dependentRole: set.role, primaryRole: set.role)
                } else {
                    add(c, id: set.id, score: local, dependent: earlier, primary: later, dependentRole: set.role, primaryRole: set.role)
                }
            }
        } else {
            for (i, rsc) in members.enumerated() {
                for with in members[..<i] {
                    add(c, id: set.id, score: local, dependent: rsc, primary: with, dependentRole: set.role, primaryRole: set.role)
                }
            }
        }
    }

    private func colocateSets(_ set1: ResourceSet, _ set2: ResourceSet, constraint c: ColocationConstraint, score: Int) {
        guard score != 0 else { return }
        let first = (set1.sequential ?? true) ? resources(set1).first : nil
        let last = (set2.sequential ?? true) ? resources(set2).last : nil
        let dependents = first.map { [$0] } ?? resources(set1)
        let primaries = last.map { [$0] } ?? resources(set2)
        for dependent in dependents {
            for primary in primaries {
                add(c, id: c.id, score: score, dependent: dependent, primary: primary,
                    dependentRole: set1.role, primaryRole: set2.role)
            }
        }
    }

    private static func role(_ text: String?) -> Role {
        guard let text, let role = Role(targetRole: text), role != .started else { return .unknown }
        return role
    }

    private func add(_ c: ColocationConstraint, id: String, score: Int, dependent: Rsc, primary: Rsc,
                     dependentRole: String?, primaryRole: String?) {
        let influence = Boolean.parse(c.influence) ?? dependent.critical
        Self.register(Colocation(id: id, dependent: dependent, primary: primary, score: score,
                                 nodeAttribute: c.nodeAttribute, dependentRole: Self.role(dependentRole),
                                 primaryRole: Self.role(primaryRole), influence: influence))
    }

    /// Files a colocation under both resources.
    static func register(_ colocation: Colocation) {
        guard colocation.score != 0 else { return }
        addThisWith(colocation, to: colocation.dependent)
        addWithThis(colocation, to: colocation.primary)
    }

    /// Adds to `rsc`'s "this with" list, keeping Pacemaker's processing order: higher-priority
    /// primary first, then clones before groups before primitives, then by id; among
    /// colocations with the same primary, the one added last comes first.
    static func addThisWith(_ colocation: Colocation, to rsc: Rsc) {
        insert(colocation, into: &rsc.thisWith, partner: \.primary)
    }

    /// Adds to `rsc`'s "with this" list, ordered by dependent as `addThisWith` orders primaries.
    static func addWithThis(_ colocation: Colocation, to rsc: Rsc) {
        insert(colocation, into: &rsc.withThis, partner: \.dependent)
    }

    private static func insert(_ c: Colocation, into list: inout [Colocation], partner: KeyPath<Colocation, Rsc>) {
        func before(_ a: Rsc, _ b: Rsc) -> Bool {
            if a.priority != b.priority { return a.priority > b.priority }
            if a.kind != b.kind { return a.kind.rawValue > b.kind.rawValue }
            return a.id < b.id
        }
        // A colocation goes before those whose partner ranks equal (the later constraint first).
        let mine = c[keyPath: partner]
        let position = list.firstIndex(where: { !before($0[keyPath: partner], mine) }) ?? list.count
        list.insert(c, at: position)
    }
}
