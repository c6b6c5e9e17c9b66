/// Restarts that mandatory orderings force: when `first` (re)starts, a `then` that stays where
/// it runs must stop before and start again after it. Applies group chains (each member after
/// the one before), mandatory start orders onto primitives and groups, and interleaved clone
/// orders instance by instance on the same node, until nothing changes.
struct RestartPropagation {
    let cluster: WorkingSet
    let runnability: Runnability
    let plans: [ObjectIdentifier: PrimitivePlan]

    /// "When `first` has a required start, restart `then`."
    private struct Rule {
        let first: Rsc
        let then: [Rsc]
    }

    func apply() {
        let rules = groupRules() + orderRules()
        var changed = true
        while changed {
            changed = false
            for rule in rules where startRequired(rule.first) {
                for then in rule.then {
                    guard let plan = plans[ObjectIdentifier(then)], !plan.changes else { continue }
                    plan.restart(because: "required \(rule.first.id) \(rule.first.kind == .primitive ? "start" : "running")")
                    if plan.changes { changed = true }
                }
            }
        }
    }

    /// A resource's start is required when any of its primitives starts, or (in a clone) an
    /// instance was taken off the node where it runs: its stop there requires its start, even
    /// though that start cannot run.
    private func startRequired(_ rsc: Rsc) -> Bool {
        rsc.primitives.contains { p in
            plans[ObjectIdentifier(p)]?.startNode != nil || p.inhibitedOn.map { node in p.runningOn.contains { $0 === node } } == true
        }
    }

    private func groupRules() -> [Rule] {
        cluster.resources.flatMap(runnability.groups).flatMap { group in
            zip(group.children, group.children.dropFirst()).map { Rule(first: $0, then: [$1]) }
        }
    }

    private func orderRules() -> [Rule] {
        var rules: [Rule] = []
        for pair in runnability.mandatoryPairs() where pair.firstAction == "start" && pair.thenAction == "start" {
            let then = pair.then
            switch then.kind {
            case .primitive, .group:
                rules += pair.firsts.map { Rule(first: $0, then: then.primitives) }
            case .clone:
                guard then.interleave else { continue }
                for first in pair.firsts where first.kind == .clone {
                    rules += interleavedRules(first: first, then: then)
                }
            }
        }
        return rules
    }

    /// Each instance of `then` restarts with the instance of `first` on its node.
    private func interleavedRules(first: Rsc, then: Rsc) -> [Rule] {
        then.children.compactMap { instance in
            guard let node = instance.primitives.first?.assignedTo,
                  let partner = first.children.first(where: { $0.primitives.first?.assignedTo === node }) else { return nil }
            return Rule(first: partner, then: instance.primitives)
        }
    }
}
