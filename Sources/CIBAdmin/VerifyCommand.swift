import HalyardModel

/// `crmctl verify` (cf. `crm_verify`): exit 0 when clean, 1 with warnings only, 2 with errors.
public enum VerifyCommand {
    public static func run(store: any CIBStore) throws(AdminError) -> AdminReport {
        let cib: CIB
        do {
            cib = try store.load()
        } catch {
            return AdminReport(output: "ERROR: \(error.message)\n\(store.name): the CIB could not be loaded\n", exitStatus: 2)
        }
        let diagnostics = CIBValidator.validate(cib)
        let lines = DiagnosticReport.lines(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let summary = "\(store.name): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        let status: Int32 = errors > 0 ? 2 : (warnings > 0 ? 1 : 0)
        return AdminReport(output: (lines + [summary]).joined(separator: "\n") + "\n", exitStatus: status)
    }
}
