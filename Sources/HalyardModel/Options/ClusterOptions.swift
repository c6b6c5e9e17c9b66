/// The cluster-wide options the scheduler and controller act on, resolved from `crm_config`
/// (rule-less sets, highest score first) with Pacemaker's defaults and aliases applied.
public struct ClusterOptions: Hashable, Sendable {
    /// `no-quorum-policy` values.
    public enum NoQuorumPolicy: String, Hashable, Sendable {
        case stop, freeze, ignore, demote, suicide
    }

    public var fencingEnabled: Bool
    public var fencingAction: String
    public var fencingTimeoutMilliseconds: Int
    public var noQuorumPolicy: NoQuorumPolicy
    public var symmetricCluster: Bool
    public var maintenanceMode: Bool
    public var startFailureIsFatal: Bool
    public var enableStartupProbes: Bool
    public var stopOrphanResources: Bool
    public var stopOrphanActions: Bool
    public var stopAllResources: Bool
    public var clusterRecheckIntervalMilliseconds: Int
    /// `cluster-delay`: how long past an action's timeout the DC waits for its result.
    public var clusterDelayMilliseconds: Int
    public var batchLimit: Int
    public var concurrentFencing: Bool
    public var priorityFencingDelayMilliseconds: Int
    public var startupFencing: Bool
    public var placementStrategy: String
    public var clusterName: String?
    /// The deprecated `default-resource-stickiness`, when set (rsc_defaults take precedence).
    public var legacyDefaultStickiness: Score?
    /// The deprecated `is-managed-default`, when set.
    public var legacyIsManagedDefault: Bool?

    public init(configuration: Configuration) {
        let values = configuration.clusterProperties.flattened()
        func text(_ name: String) -> String {
            values[name] ?? PropertyCatalogue.definition(name)?.defaultValue ?? ""
        }
        func flag(_ name: String) -> Bool {
            Boolean.parse(values[name]) ?? Boolean.parse(PropertyCatalogue.definition(name)?.defaultValue) ?? false
        }
        func milliseconds(_ name: String) -> Int {
            values[name].flatMap(Duration.milliseconds)
                ?? PropertyCatalogue.definition(name)?.defaultValue.flatMap(Duration.milliseconds) ?? 0
        }
        // fencing-enabled is the new name; when both are set, the new name wins.
        fencingEnabled = Boolean.parse(values["fencing-enabled"]) ?? flag("stonith-enabled")
        fencingAction = text("stonith-action") == "poweroff" ? "off" : text("stonith-action")
        fencingTimeoutMilliseconds = milliseconds("stonith-timeout")
        noQuorumPolicy = NoQuorumPolicy(rawValue: text("no-quorum-policy")) ?? .stop
        symmetricCluster = flag("symmetric-cluster")
        maintenanceMode = flag("maintenance-mode")
        startFailureIsFatal = flag("start-failure-is-fatal")
        enableStartupProbes = flag("enable-startup-probes")
        stopOrphanResources = flag("stop-orphan-resources")
        stopOrphanActions = flag("stop-orphan-actions")
        stopAllResources = flag("stop-all-resources")
        clusterRecheckIntervalMilliseconds = milliseconds("cluster-recheck-interval")
        clusterDelayMilliseconds = milliseconds("cluster-delay")
        batchLimit = Int(text("batch-limit")) ?? 0
        concurrentFencing = flag("concurrent-fencing")
        priorityFencingDelayMilliseconds = milliseconds("priority-fencing-delay")
        startupFencing = flag("startup-fencing")
        placementStrategy = text("placement-strategy")
        clusterName = values["cluster-name"]
        legacyDefaultStickiness = values["default-resource-stickiness"].flatMap { Score(parsing: $0) }
        legacyIsManagedDefault = Boolean.parse(values["is-managed-default"])
    }
}
