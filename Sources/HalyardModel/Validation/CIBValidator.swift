/// `crm_verify` for Halyard: checks a configuration for what it means, not how it is spelt
/// (the decoder already refuses unknown elements, attributes and malformed scores). Pure: the
/// same configuration always gives the same findings, in the document order of the objects.
public enum CIBValidator {
    /// The checks, each a small pass over the configuration.
    static var checks: [any ValidationCheck.Type] {
        [
            IdentifierChecks.self, AgentChecks.self, ReferenceChecks.self, ConstraintChecks.self,
            OperationChecks.self, MetaAttributeChecks.self, RuleChecks.self, PropertyChecks.self,
        ]
    }

    /// Validates a configuration on its own.
    public static func validate(_ configuration: Configuration) -> [Diagnostic] {
        validate(configuration, statusNodeNames: [])
    }

    /// Validates a CIB's configuration; nodes that only the status section knows count as known.
    public static func validate(_ cib: CIB) -> [Diagnostic] {
        validate(cib.configuration, statusNodeNames: cib.status.nodes.compactMap(\.uname))
    }

    static func validate(_ configuration: Configuration, statusNodeNames: [String]) -> [Diagnostic] {
        let index = ConfigurationIndex(configuration, statusNodeNames: statusNodeNames)
        var log = DiagnosticLog(index: index)
        for check in checks { check.run(on: configuration, index: index, log: &log) }
        return log.diagnostics
    }
}

/// One family of checks.
protocol ValidationCheck {
    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog)
}

/// Collects the findings of one validation run and orders them by document position.
struct DiagnosticLog {
    let index: ConfigurationIndex
    private var entries: [(position: Int, sequence: Int, diagnostic: Diagnostic)] = []

    init(index: ConfigurationIndex) { self.index = index }

    /// Records a finding about `objectID`, placed at `position` (by default where that id first
    /// appears; findings about no particular object come last).
    mutating func add(_ severity: Diagnostic.Severity, _ code: String, _ message: String,
                      objectID: String?, position: Int? = nil) {
        let place = position ?? index.position(of: objectID) ?? Int.max
        let diagnostic = Diagnostic(severity: severity, code: code, message: message, objectID: objectID)
        entries.append((place, entries.count, diagnostic))
    }

    mutating func error(_ code: String, _ message: String, objectID: String?, position: Int? = nil) {
        add(.error, code, message, objectID: objectID, position: position)
    }

    mutating func warning(_ code: String, _ message: String, objectID: String?, position: Int? = nil) {
        add(.warning, code, message, objectID: objectID, position: position)
    }

    var diagnostics: [Diagnostic] {
        entries.sorted { ($0.position, $0.sequence) < ($1.position, $1.sequence) }.map(\.diagnostic)
    }
}
