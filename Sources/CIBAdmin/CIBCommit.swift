import HalyardModel

/// Commits a changed CIB: validates it (errors refuse the commit, warnings are returned), bumps
/// the version as Pacemaker does — a configuration change increments `epoch` and resets
/// `num_updates`, a status-only change (transient attributes, cleaned-up history) increments
/// `num_updates` — and stores it atomically against the version it was based on.
public enum CIBCommit {
    public static func commit(_ next: CIB, over base: CIB, to store: any CIBStore) throws(AdminError) -> [Diagnostic] {
        var next = next
        let diagnostics = CIBValidator.validate(next)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw AdminError("the change was refused; nothing was written:\n" + DiagnosticReport.lines(errors).joined(separator: "\n"))
        }
        if next.configuration != base.configuration {
            next.epoch = base.epoch + 1
            next.numUpdates = 0
        } else {
            next.numUpdates = base.numUpdates + 1
        }
        try store.commit(next, basedOn: base.version)
        return diagnostics
    }

    /// Commits `base` with its configuration replaced.
    public static func commit(_ configuration: Configuration, over base: CIB, to store: any CIBStore) throws(AdminError) -> [Diagnostic] {
        var next = base
        next.configuration = configuration
        return try commit(next, over: base, to: store)
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
