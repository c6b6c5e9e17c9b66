/// One finding of validation: an error (the configuration must not be used as it is) or a
/// warning (it works, perhaps not as intended), with a short stable code for tools and tests.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a finding is; `crmctl verify` exits non-zero on errors only.
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    public var severity: Severity
    /// A short kebab-case identifier of the check, e.g. `dangling-reference`.
    public var code: String
    /// A plain-language explanation naming the ids involved.
    public var message: String
    /// The id of the offending object, when there is one.
    public var objectID: String?

    public init(severity: Severity, code: String, message: String, objectID: String?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.objectID = objectID
    }

    /// `error: <message> [<code>]`, as `crm_verify` prints its findings.
    public var description: String { "\(severity.rawValue): \(message) [\(code)]" }
}

extension Sequence where Element == Diagnostic {
    /// The findings of severity `error`.
    public var errors: [Diagnostic] { filter { $0.severity == .error } }

    /// The findings of severity `warning`.
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
