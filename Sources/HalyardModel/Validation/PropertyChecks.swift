/// Cluster properties (`crm_config`): known names with values of the right type, deprecated
/// names, the stonith-enabled/fencing-enabled alias, and fencing with nothing to fence with.
enum PropertyChecks: ValidationCheck {
    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for set in configuration.clusterProperties {
            for pair in set.pairs where pair.idRef == nil {
                check(pair, log: &log)
            }
        }
        let values = configuration.clusterProperties.flattened()
        if let stonith = values["stonith-enabled"], let fencing = values["fencing-enabled"],
           let old = Boolean.parse(stonith), let new = Boolean.parse(fencing), old != new {
            let stonithID = pairID(named: "stonith-enabled", in: configuration) ?? "?"
            let fencingID = pairID(named: "fencing-enabled", in: configuration)
            log.warning("conflicting-properties", "stonith-enabled is '\(stonith)' (nvpair '\(stonithID)') but fencing-enabled "
                        + "is '\(fencing)' (nvpair '\(fencingID ?? "?")'); fencing-enabled, the newer name, wins",
                        objectID: fencingID)
        }
        if ClusterOptions(configuration: configuration).fencingEnabled,
           !configuration.allPrimitives.contains(where: \.isFencingDevice) {
            log.warning("no-fencing-devices", "fencing is enabled (stonith-enabled defaults to true) but no stonith resource "
                        + "is configured; configure one, or set stonith-enabled to 'false'",
                        objectID: pairID(named: "fencing-enabled", in: configuration)
                            ?? pairID(named: "stonith-enabled", in: configuration))
        }
    }

    static func check(_ pair: NVPair, log: inout DiagnosticLog) {
        guard let definition = PropertyCatalogue.definition(pair.name) else {
            let suggestions = PropertyCatalogue.suggestions(for: pair.name, limit: 1)
            let hint = suggestions.first.map { " (did you mean '\($0)'?)" } ?? ""
            log.warning("unknown-property", "cluster property '\(pair.name)' (nvpair '\(pair.id)') is not known\(hint)",
                        objectID: pair.id)
            return
        }
        if let value = pair.value, !definition.type.accepts(value) {
            log.error("invalid-property-value", "cluster property '\(pair.name)' (nvpair '\(pair.id)') is '\(value)', "
                      + "expected \(definition.type.summary)", objectID: pair.id)
        }
        if let replacement = definition.replacedBy {
            log.warning("deprecated-property", "cluster property '\(pair.name)' (nvpair '\(pair.id)') is deprecated; "
                        + "use \(replacement)", objectID: pair.id)
        }
    }

    /// The id of the nvpair setting `name` in a rule-less set, if any.
    static func pairID(named name: String, in configuration: Configuration) -> String? {
        configuration.clusterProperties.filter { $0.rule == nil }.flatMap(\.pairs).first { $0.name == name }?.id
    }
}
