import HalyardModel

/// Commits a new configuration: validates it (errors refuse the commit, warnings are returned),
/// bumps `epoch` (resetting `num_updates`, as Pacemaker does) and stores it atomically against
/// the version it was based on.
public enum ConfigurationCommit {
    public static func commit(_ configuration: Configuration, over cib: CIB, to store: any CIBStore) throws(AdminError) -> [Diagnostic] {
        var next = cib
        next.configuration = configuration
        let diagnostics = CIBValidator.validate(next)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AdminError("the change was refused; nothing was written:\n" + DiagnosticReport.lines(errors).joined(separator: "\n"))
        }
        next.epoch += 1
        next.numUpdates = 0
        try store.commit(next, basedOn: cib.version)
        return diagnostics
    }
}

/// How crmctl prints validation findings.
public enum DiagnosticReport {
    public static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { diagnostic in
            let level = diagnostic.severity == .error ? "ERROR" : "WARNING"
            return "\(level): \(diagnostic.message) [\(diagnostic.code)]"
        }
    }
}
