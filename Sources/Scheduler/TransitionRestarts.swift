/// Restarts that mandatory orderings force: when `first` (re)starts, a `then` that stays where
/// it runs must stop before and start again after it (and with stop-to-stop orders, when
/// `first` stops). Optional orders force them too when `then` has `restart-type=restart`. Applies group chains (each member after
/// the one before), mandatory start orders onto primitives and groups, and interleaved clone
/// orders instance by instance on the same node, until nothing changes.
struct RestartPropagation {
    let cluster: WorkingSet
    let runnability: Runnability
    let plans: [ObjectIdentifier: PrimitivePlan]

    /// "When `first` has a required start (or, `onStop`, stops), restart `then`."
    private struct Rule {
        let first: Rsc
        let then: [Rsc]
        var onStop = false
    }

    func apply() {
        let rules = groupRules() + orderRules()
        var changed = true
        while changed {
            changed = false
            for rule in rules where rule.onStop ? stops(rule.first) : startRequired(rule.first) {
                let action = rule.onStop ? "stop" : rule.first.kind == .primitive ? "start" : "running"
                for then in rule.then {
                    guard let plan = plans[ObjectIdentifier(then)], !plan.changes, !plan.restartBlocked else { continue }
                    plan.restart(because: "required \(rule.first.id) \(action)")
                    if plan.changes || plan.restartBlocked { changed = true }
                }
            }
        }
    }

    /// A resource's start is required when any of its primitives starts or must restart
    /// (even when its stop is blocked), or (in a clone) an instance was taken off the node
    /// where it runs: its stop there requires its start, even though that start cannot run.
    private func startRequired(_ rsc: Rsc) -> Bool {
        rsc.primitives.contains { p in
            let plan = plans[ObjectIdentifier(p)]
            return plan?.startNode != nil || plan?.restartBlocked == true
                || p.inhibitedOn.map { node in p.runningOn.contains { $0 === node } } == true
        }
    }

    /// Whether any of a resource's primitives stops somewhere.
    private func stops(_ rsc: Rsc) -> Bool {
        rsc.primitives.contains { plans[ObjectIdentifier($0)]?.stopNodes.isEmpty == false }
    }

    private func groupRules() -> [Rule] {
        cluster.resources.flatMap(runnability.groups).flatMap { group in
            zip(group.children, group.children.dropFirst()).map { Rule(first: $0, then: [$1]) }
        }
    }

    /// The pairs whose `then` must follow `first`'s changes: mandatory orders, and optional
    /// ones whose `then` has the deprecated `restart-type=restart`.
    private func forcingPairs() -> [Runnability.OrderPair] {
        runnability.mandatoryPairs() + runnability.pairs(of: .optional).filter { $0.then.meta["restart-type"] == "restart" }
    }

    private func orderRules() -> [Rule] {
        var rules: [Rule] = []
        for pair in forcingPairs() where pair.firstAction == "stop" && pair.thenAction == "stop" && pair.then.kind != .clone {
            rules += pair.firsts.map { Rule(first: $0, then: pair.then.primitives, onStop: true) }
        }
        for pair in forcingPairs() where pair.firstAction == "start" && pair.thenAction == "start" {
            let then = pair.then
            switch then.kind {
            case .primitive, .group:
                for first in pair.firsts {
                    rules += first.kind == .clone ? instanceRules(first: first, then: then.primitives)
                        : [Rule(first: first, then: then.primitives)]
                }
            case .clone where then.interleave:
                for first in pair.firsts where first.kind == .clone {
                    rules += interleavedRules(first: first, then: then)
                }
            case .clone where then.meta["restart-type"] == "restart":
                // Without interleave, only restart-type=restart restarts every instance.
                rules += pair.firsts.map { Rule(first: $0, then: then.primitives) }
            case .clone:
                continue
            }
        }
        return rules
    }

    /// A clone ordered before a resource that is not a clone counts only on that resource's
    /// node: each primitive of `then` restarts with the instances of `first` assigned where it
    /// is, or taken off that node (an instance starting elsewhere changes nothing for it).
    private func instanceRules(first: Rsc, then: [Rsc]) -> [Rule] {
        then.flatMap { primitive -> [Rule] in
            guard let node = primitive.assignedTo else { return [] }
            return first.children.filter { instance in
                instance.primitives.contains { $0.assignedTo === node || $0.inhibitedOn === node }
            }.map { Rule(first: $0, then: [primitive]) }
        }
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
