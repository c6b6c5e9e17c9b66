/// Resource agent sanity: a class Halyard's executor can run, and a provider for OCF agents.
enum AgentChecks: ValidationCheck {
    /// Classes the executor runs.
    static let supportedClasses = ["ocf", "lsb", "stonith"]
    /// Classes Pacemaker knows that the executor does not run yet.
    static let plannedClasses = ["systemd", "service"]

    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for primitive in configuration.allPrimitives {
            let subject = "primitive '\(primitive.id)'"
            if plannedClasses.contains(primitive.standard) {
                log.warning("unsupported-resource-class",
                            "\(subject) uses class '\(primitive.standard)', which is not supported by Halyard's executor yet",
                            objectID: primitive.id)
            } else if !supportedClasses.contains(primitive.standard) {
                let known = (supportedClasses + plannedClasses).joined(separator: ", ")
                log.error("unknown-resource-class", "\(subject) uses class '\(primitive.standard)', expected one of \(known)",
                          objectID: primitive.id)
            }
            if primitive.standard == "ocf", (primitive.provider ?? "").isEmpty {
                log.error("missing-provider", "\(subject) is an OCF agent without a provider (write ocf:PROVIDER:\(primitive.type))",
                          objectID: primitive.id)
            }
        }
    }
}
