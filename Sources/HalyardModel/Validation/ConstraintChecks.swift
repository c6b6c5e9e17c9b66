/// Constraints that say nothing, or nothing sensible: missing sides, a resource placed relative
/// to itself, bad roles, actions, order kinds and `resource-discovery` values.
enum ConstraintChecks: ValidationCheck {
    /// Actions an order constraint or resource set may name (the schema's `attribute-actions`).
    static let actions = ["start", "stop", "promote", "demote"]
    /// `resource-discovery` values.
    static let discoveryModes = ["always", "never", "exclusive"]

    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for constraint in configuration.constraints {
            switch constraint {
            case .location(let c): check(c, log: &log)
            case .colocation(let c): check(c, log: &log)
            case .order(let c): check(c, log: &log)
            }
        }
    }

    static func check(_ c: LocationConstraint, log: inout DiagnosticLog) {
        let subject = "location constraint '\(c.id)'"
        if c.resource == nil, c.resourcePattern == nil, c.resourceSets.isEmpty {
            log.error("incomplete-constraint", "\(subject) names no resource (rsc, rsc-pattern or a resource set)", objectID: c.id)
        }
        if c.rules.isEmpty, c.node == nil || c.score == nil {
            log.error("incomplete-constraint", "\(subject) needs either a node and a score, or rules", objectID: c.id)
        }
        ValueRules.checkRole(c.role, subject: "\(subject): role", objectID: c.id, log: &log)
        if let mode = c.resourceDiscovery, !discoveryModes.contains(mode) {
            log.error("invalid-resource-discovery", "\(subject): resource-discovery is '\(mode)', expected one of "
                      + discoveryModes.joined(separator: ", "), objectID: c.id)
        }
        checkSets(c.resourceSets, subject: subject, objectID: c.id, log: &log)
    }

    static func check(_ c: ColocationConstraint, log: inout DiagnosticLog) {
        let subject = "colocation '\(c.id)'"
        if c.resourceSets.isEmpty, c.resource == nil || c.withResource == nil {
            log.error("incomplete-constraint", "\(subject) needs both rsc and with-rsc, or resource sets", objectID: c.id)
        }
        if let resource = c.resource, resource == c.withResource {
            log.error("self-colocation", "\(subject) colocates '\(resource)' with itself", objectID: c.id)
        }
        ValueRules.checkRole(c.resourceRole, subject: "\(subject): rsc-role", objectID: c.id, log: &log)
        ValueRules.checkRole(c.withResourceRole, subject: "\(subject): with-rsc-role", objectID: c.id, log: &log)
        checkSets(c.resourceSets, subject: subject, objectID: c.id, log: &log)
    }

    static func check(_ c: OrderConstraint, log: inout DiagnosticLog) {
        let subject = "order '\(c.id)'"
        if c.resourceSets.isEmpty, c.first == nil || c.then == nil {
            log.error("incomplete-constraint", "\(subject) needs both first and then, or resource sets", objectID: c.id)
        }
        if let first = c.first, first == c.then {
            log.error("self-order", "\(subject) orders '\(first)' after itself", objectID: c.id)
        }
        for (attribute, action) in [("first-action", c.firstAction), ("then-action", c.thenAction)] {
            checkAction(action, subject: "\(subject): \(attribute)", objectID: c.id, log: &log)
        }
        if let kind = c.kind, let score = c.score {
            log.warning("kind-score-conflict", "\(subject) sets both kind '\(kind.rawValue)' and score '\(score)'; "
                        + "the score is ignored", objectID: c.id)
        } else if let score = c.score {
            log.warning("deprecated-order-score", "\(subject) uses the deprecated score '\(score)'; write kind='"
                        + "\(c.effectiveKind.rawValue)' instead", objectID: c.id)
        }
        checkSets(c.resourceSets, subject: subject, objectID: c.id, log: &log)
    }

    static func checkSets(_ sets: [ResourceSet], subject: String, objectID: String, log: inout DiagnosticLog) {
        for set in sets where set.idRef == nil {
            let setSubject = "\(subject): resource set '\(set.id)'"
            ValueRules.checkRole(set.role, subject: "\(setSubject) role", objectID: objectID, log: &log)
            checkAction(set.action, subject: "\(setSubject) action", objectID: objectID, log: &log)
        }
    }

    static func checkAction(_ action: String?, subject: String, objectID: String, log: inout DiagnosticLog) {
        guard let action, !actions.contains(action) else { return }
        log.error("invalid-action", "\(subject) is '\(action)', expected one of " + actions.joined(separator: ", "),
                  objectID: objectID)
    }
}
