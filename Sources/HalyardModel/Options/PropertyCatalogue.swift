/// The type of a cluster property's value, for validation and documentation.
public enum PropertyType: Hashable, Sendable {
    case boolean
    case integer
    case score
    case duration
    case choice([String])
    case text

    /// Whether `value` is acceptable for this type.
    public func accepts(_ value: String) -> Bool {
        switch self {
        case .boolean: Boolean.parse(value) != nil
        case .integer: Int(value) != nil
        case .score: Score(parsing: value) != nil
        case .duration: Duration.milliseconds(value) != nil
        case .choice(let options): options.contains(value)
        case .text: true
        }
    }

    public var summary: String {
        switch self {
        case .boolean: "a boolean (true/false)"
        case .integer: "an integer"
        case .score: "a score (integer or [+-]INFINITY)"
        case .duration: "a time interval (e.g. 60s, 15min)"
        case .choice(let options): "one of " + options.joined(separator: ", ")
        case .text: "text"
        }
    }
}

/// One known cluster property (`crm_config` option): its type, default and meaning.
public struct PropertyDefinition: Hashable, Sendable {
    public var name: String
    public var type: PropertyType
    public var defaultValue: String?
    public var summary: String
    /// The name that replaces this one, when this name is deprecated or an alias.
    public var replacedBy: String?

    public init(_ name: String, _ type: PropertyType, _ defaultValue: String?, _ summary: String, replacedBy: String? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
        self.replacedBy = replacedBy
    }
}

/// The cluster properties Halyard knows, with Pacemaker 2.1's names, types and defaults.
public enum PropertyCatalogue {
    public static let all: [PropertyDefinition] = [
        .init("stonith-enabled", .boolean, "true", "fence failed nodes and nodes with resources that cannot be stopped"),
        .init("fencing-enabled", .boolean, "true", "new name of stonith-enabled", replacedBy: nil),
        .init("stonith-action", .choice(["reboot", "off", "poweroff"]), "reboot", "fence action for failed nodes"),
        .init("stonith-timeout", .duration, "60s", "how long to wait for a fence action to complete"),
        .init("stonith-watchdog-timeout", .text, "0", "watchdog self-fencing timeout (sbd)"),
        .init("stonith-max-attempts", .integer, "10", "fencing attempts on a target before giving up"),
        .init("concurrent-fencing", .boolean, "false", "allow several fence actions at once"),
        .init("priority-fencing-delay", .duration, "0", "extra delay before fencing the node with the higher-priority resources"),
        .init("startup-fencing", .boolean, "true", "fence nodes not yet seen at startup"),
        .init("no-quorum-policy", .choice(["stop", "freeze", "ignore", "demote", "suicide"]), "stop",
              "what to do when the partition loses quorum"),
        .init("symmetric-cluster", .boolean, "true", "resources may run anywhere unless a constraint says otherwise"),
        .init("maintenance-mode", .boolean, "false", "do not start, stop or monitor any resource"),
        .init("start-failure-is-fatal", .boolean, "true", "a failed start bans the resource from that node"),
        .init("enable-startup-probes", .boolean, "true", "probe every node for running resources when it joins"),
        .init("stop-orphan-resources", .boolean, "true", "stop resources no longer in the configuration"),
        .init("stop-orphan-actions", .boolean, "true", "cancel recurring operations no longer configured"),
        .init("stop-all-resources", .boolean, "false", "stop every resource"),
        .init("cluster-recheck-interval", .duration, "15min", "re-run the scheduler at least this often"),
        .init("dc-deadtime", .duration, "20s", "how long to wait for a DC at startup"),
        .init("election-timeout", .duration, "2min", "election timeout"),
        .init("shutdown-escalation", .duration, "20min", "give up waiting for a clean shutdown after this long"),
        .init("join-integration-timeout", .duration, "3min", "join phase timeout"),
        .init("join-finalization-timeout", .duration, "30min", "join finalization timeout"),
        .init("transition-delay", .duration, "0s", "delay before running a transition"),
        .init("batch-limit", .integer, "0", "actions the cluster may run in parallel (0 = automatic)"),
        .init("migration-limit", .integer, "-1", "migrations per node in parallel (-1 = unlimited)"),
        .init("placement-strategy", .choice(["default", "utilization", "minimal", "balanced"]), "default",
              "how utilization influences placement"),
        .init("node-health-strategy", .choice(["none", "migrate-on-red", "only-green", "progressive", "custom"]), "none",
              "how node health attributes influence placement"),
        .init("node-health-base", .score, "0", "base health score for progressive/custom strategies"),
        .init("node-health-green", .score, "0", "score of a green health attribute"),
        .init("node-health-yellow", .score, "0", "score of a yellow health attribute"),
        .init("node-health-red", .score, "-INFINITY", "score of a red health attribute"),
        .init("pe-error-series-max", .integer, "-1", "scheduler inputs kept after errors"),
        .init("pe-warn-series-max", .integer, "5000", "scheduler inputs kept after warnings"),
        .init("pe-input-series-max", .integer, "4000", "scheduler inputs kept"),
        .init("cluster-delay", .duration, "60s", "maximum network round trip"),
        .init("cluster-ipc-limit", .integer, "500", "IPC backlog limit"),
        .init("cluster-name", .text, nil, "the cluster's name, for humans"),
        .init("cluster-infrastructure", .text, "corosync", "messaging layer (informational)"),
        .init("dc-version", .text, nil, "version of the DC software (informational)"),
        .init("have-watchdog", .boolean, "false", "whether watchdog fencing is in use (informational)"),
        .init("last-lrm-refresh", .text, nil, "time of the last resource refresh (informational)"),
        .init("shutdown-lock", .boolean, "false", "keep a cleanly stopped node's resources locked to it"),
        .init("shutdown-lock-limit", .duration, "0", "how long a shutdown lock lasts"),
        .init("enable-acl", .boolean, "false", "enforce access control lists"),
        .init("remove-after-stop", .boolean, "false", "deprecated: remove resources after stopping them"),
        .init("load-threshold", .text, "80%", "CPU load above which the cluster slows down"),
        .init("node-action-limit", .integer, "0", "actions per node in parallel (0 = automatic)"),
        .init("default-resource-stickiness", .score, "0", "deprecated: use rsc_defaults resource-stickiness",
              replacedBy: "rsc_defaults resource-stickiness"),
        .init("is-managed-default", .boolean, "true", "deprecated: use rsc_defaults is-managed",
              replacedBy: "rsc_defaults is-managed"),
        .init("default-action-timeout", .duration, "20s", "deprecated: use op_defaults timeout",
              replacedBy: "op_defaults timeout"),
        .init("no-quorum-panic", .boolean, "false", "panic when quorum is lost (internal)"),
    ]

    private static let byName: [String: PropertyDefinition] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    public static func definition(_ name: String) -> PropertyDefinition? { byName[name] }

    /// The known names closest to `name` (for "did you mean …?"), best first.
    public static func suggestions(for name: String, limit: Int = 2) -> [String] {
        Spelling.closest(to: name, among: all.map(\.name), limit: limit)
    }
}
