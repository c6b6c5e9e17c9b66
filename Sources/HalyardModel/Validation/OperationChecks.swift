/// Operation definitions: readable intervals and timeouts, one op per name and interval,
/// recurring only where an action can recur, and `on-fail`/`role` values Pacemaker accepts.
enum OperationChecks: ValidationCheck {
    /// Actions Pacemaker refuses to run on an interval (it ignores such an op).
    static let oneShotActions = ["start", "stop", "promote", "demote", "reload-agent", "migrate_to", "migrate_from"]
    /// `on-fail` values.
    static let failureResponses = ["ignore", "block", "stop", "restart", "standby", "fence", "demote"]
    /// `on-fail` values Pacemaker still reads but does not document, with what they mean.
    static let legacyFailureResponses = [
        "nothing": "a legacy synonym of 'ignore'",
        "migrate": "a legacy value that bans the resource from the node",
        "restart-container": "only meaningful for bundles",
    ]
    /// Typed op settings besides interval, timeout, role and on-fail.
    static let settingTypes: [String: ExpectedValue] = [
        "start-delay": .duration, "enabled": .boolean, "record-pending": .boolean,
    ]

    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for primitive in configuration.allPrimitives {
            var seen: [String: Operation] = [:]
            for operation in primitive.operations {
                check(operation, of: primitive, log: &log)
                let interval = Duration.milliseconds(operation.interval).map(String.init) ?? operation.interval
                let key = operation.name + " " + interval
                if let first = seen[key] {
                    log.error("duplicate-operation", "operations '\(first.id)' and '\(operation.id)' of '\(primitive.id)' "
                              + "are both '\(operation.name)' with interval \(operation.interval) (name and interval must be "
                              + "unique per resource)", objectID: operation.id)
                } else {
                    seen[key] = operation
                }
            }
        }
    }

    static func check(_ operation: Operation, of primitive: Primitive, log: inout DiagnosticLog) {
        let subject = "operation '\(operation.id)' of '\(primitive.id)'"
        ValueRules.checkDuration(operation.interval, subject: "\(subject): interval", objectID: operation.id, log: &log)
        if let timeout = operation.timeout {
            ValueRules.checkDuration(timeout, subject: "\(subject): timeout", objectID: operation.id, log: &log)
        }
        for (name, expected) in settingTypes.sorted(by: { $0.key < $1.key }) {
            guard let value = operation[name] else { continue }
            ValueRules.check(value, expected, subject: "\(subject): \(name)", code: "invalid-operation-value",
                             objectID: operation.id, log: &log)
        }
        ValueRules.checkRole(operation.role, subject: "\(subject): role", objectID: operation.id, log: &log)
        let interval = Duration.milliseconds(operation.interval) ?? 0
        if interval > 0, oneShotActions.contains(operation.name) {
            log.warning("recurring-one-shot-action", "\(subject) gives '\(operation.name)' an interval of "
                        + "\(operation.interval); \(operation.name) cannot recur and Pacemaker ignores this op", objectID: operation.id)
        }
        if let onFail = operation.onFail {
            checkOnFail(onFail.lowercased(), operation: operation, interval: interval, subject: subject, log: &log)
        }
    }

    static func checkOnFail(_ value: String, operation: Operation, interval: Int, subject: String, log: inout DiagnosticLog) {
        if let meaning = legacyFailureResponses[value] {
            log.warning("legacy-on-fail", "\(subject): on-fail '\(value)' is \(meaning)", objectID: operation.id)
        } else if !failureResponses.contains(value) {
            log.error("invalid-on-fail", "\(subject): on-fail is '\(value)', expected one of "
                      + failureResponses.joined(separator: ", "), objectID: operation.id)
        } else if operation.name == "stop", ["standby", "demote", "stop"].contains(value) {
            log.error("invalid-on-fail", "\(subject): on-fail '\(value)' is not allowed for a stop operation",
                      objectID: operation.id)
        } else if value == "demote", !isPromotionAction(operation, interval: interval) {
            log.error("invalid-on-fail", "\(subject): on-fail 'demote' is allowed only for promote and for recurring "
                      + "monitors of the Promoted role", objectID: operation.id)
        }
    }

    static func isPromotionAction(_ operation: Operation, interval: Int) -> Bool {
        let role = operation.role?.lowercased()
        return operation.name == "promote"
            || (operation.name == "monitor" && interval > 0 && (role == "promoted" || role == "master"))
    }
}
