/// What a meta-attribute or operation setting must hold.
enum ExpectedValue: Sendable {
    case type(PropertyType)
    case nonNegativeInteger
    /// A role name (`target-role`, an op's `role`).
    case role

    static let boolean = ExpectedValue.type(.boolean)
    static let integer = ExpectedValue.type(.integer)
    static let score = ExpectedValue.type(.score)
    static let duration = ExpectedValue.type(.duration)
}

/// The value checks several families share: typed values, durations and role names.
enum ValueRules {
    /// Role names Pacemaker accepts (case-insensitively).
    static let roles = ["Stopped", "Started", "Unpromoted", "Promoted"]
    /// Deprecated role names and the names that replace them.
    static let legacyRoles = ["slave": "Unpromoted", "master": "Promoted"]

    /// Checks `value` against `expected`; `subject` says where it sits ("resource 'db': meta
    /// attribute 'priority'") and `code` names the finding for a wrong type.
    static func check(_ value: String, _ expected: ExpectedValue, subject: String, code: String,
                      objectID: String?, position: Int? = nil, log: inout DiagnosticLog) {
        switch expected {
        case .role:
            checkRole(value, subject: subject, objectID: objectID, position: position, log: &log)
        case .type(.duration):
            checkDuration(value, subject: subject, objectID: objectID, position: position, log: &log)
        case .type(let type) where (type == .integer || type == .score) && !type.accepts(value):
            if let number = integerPrefix(of: value) {
                log.warning("inexact-number", "\(subject) is '\(value)', which Pacemaker reads as \(number); write \(number)",
                            objectID: objectID, position: position)
            } else {
                log.error(code, "\(subject) is '\(value)', expected \(type.summary)", objectID: objectID, position: position)
            }
        case .type(let type) where !type.accepts(value):
            log.error(code, "\(subject) is '\(value)', expected \(type.summary)", objectID: objectID, position: position)
        case .nonNegativeInteger where (Int(value) ?? -1) < 0:
            log.error(code, "\(subject) is '\(value)', expected a non-negative integer", objectID: objectID, position: position)
        case .type, .nonNegativeInteger:
            break
        }
    }

    /// The integer Pacemaker's `strtoll`-based parsing reads from a value such as `1.0` (its
    /// leading digits, which it accepts silently), or nil when the value does not start with one.
    static func integerPrefix(of value: String) -> Int? {
        let text = value.trimmingSpaces()
        let sign = text.first == "-" || text.first == "+" ? String(text.prefix(1)) : ""
        let digits = text.dropFirst(sign.count).prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        return Int(sign + digits)
    }

    /// A time interval: `negative-duration` for `-5s`, `invalid-duration` for anything else unreadable.
    static func checkDuration(_ value: String, subject: String, objectID: String?, position: Int? = nil,
                              log: inout DiagnosticLog) {
        guard Duration.milliseconds(value) == nil else { return }
        let trimmed = value.trimmingSpaces()
        if trimmed.hasPrefix("-"), Duration.milliseconds(String(trimmed.dropFirst())) != nil {
            log.error("negative-duration", "\(subject) is '\(value)', which is negative", objectID: objectID, position: position)
        } else {
            log.error("invalid-duration", "\(subject) is '\(value)', expected \(PropertyType.duration.summary)",
                      objectID: objectID, position: position)
        }
    }

    /// A role: `invalid-role` (error) when unknown, `deprecated-role` (warning) for Master/Slave.
    static func checkRole(_ value: String?, subject: String, objectID: String?, position: Int? = nil,
                          log: inout DiagnosticLog) {
        guard let value, !roles.contains(where: { $0.lowercased() == value.lowercased() }) else { return }
        if let replacement = legacyRoles[value.lowercased()] {
            log.warning("deprecated-role", "\(subject) uses the deprecated role '\(value)'; use '\(replacement)'",
                        objectID: objectID, position: position)
        } else {
            log.error("invalid-role", "\(subject) is '\(value)', expected one of \(roles.joined(separator: ", "))",
                      objectID: objectID, position: position)
        }
    }
}
