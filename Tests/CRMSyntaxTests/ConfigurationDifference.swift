import HalyardModel

/// A short description of the first place two configurations differ (section and element), so a
/// failing corpus case does not dump two whole configurations.
enum ConfigurationDifference {
    static func first(_ a: Configuration, _ b: Configuration) -> String? {
        section("nodes", a.nodes, b.nodes) ?? section("resources", a.resources, b.resources)
            ?? section("constraints", a.constraints, b.constraints)
            ?? section("crm_config", a.clusterProperties, b.clusterProperties)
            ?? section("rsc_defaults", a.resourceDefaults, b.resourceDefaults)
            ?? section("op_defaults", a.operationDefaults, b.operationDefaults)
            ?? section("fencing-topology", a.fencingTopology, b.fencingTopology)
            ?? section("alerts", a.alerts, b.alerts)
    }

    private static func section<T: Equatable>(_ name: String, _ a: [T], _ b: [T]) -> String? {
        guard a != b else { return nil }
        if a.count != b.count { return "\(name): \(a.count) vs \(b.count) elements" }
        for (left, right) in zip(a, b) where left != right {
            return "\(name):\n  got      \(left)\n  expected \(right)"
        }
        return name
    }
}
