/// One operation for the executor: an action of an agent on behalf of a resource instance.
public struct OperationRequest: Sendable, Hashable {
    /// The resource instance (`vip`, or `ping:0` for a clone instance).
    public var resource: String
    public var agent: AgentReference
    public var action: String
    /// 0 for one-shot operations (a monitor with interval 0 is a probe).
    public var intervalMilliseconds: Int
    public var timeoutMilliseconds: Int
    /// Instance parameters (`OCF_RESKEY_<name>`; for fence agents, `name=value` lines on stdin).
    public var parameters: [String: String]
    /// Meta-attributes (`OCF_RESKEY_CRM_meta_<name>`, dashes turned into underscores).
    public var meta: [String: String]
    /// `OCF_CHECK_LEVEL` (an op instance attribute), passed without prefix.
    public var checkLevel: String?
    /// The node the operation runs on (`OCF_RESKEY_CRM_meta_on_node`).
    public var node: String?

    public init(resource: String, agent: AgentReference, action: String, intervalMilliseconds: Int = 0,
                timeoutMilliseconds: Int = 20_000, parameters: [String: String] = [:], meta: [String: String] = [:],
                checkLevel: String? = nil, node: String? = nil) {
        self.resource = resource
        self.agent = agent
        self.action = action
        self.intervalMilliseconds = intervalMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.parameters = parameters
        self.meta = meta
        self.checkLevel = checkLevel
        self.node = node
    }

    /// A monitor with interval 0.
    public var isProbe: Bool { action == "monitor" && intervalMilliseconds == 0 }

    /// Identifies a recurring operation: (resource, action, interval).
    public var key: OperationKey { OperationKey(resource: resource, action: action, intervalMilliseconds: intervalMilliseconds) }

    /// Why the request cannot be run safely, or nil. Names must be usable as environment
    /// variable suffixes and values must not carry NUL (nor, for fence agents, newlines, which
    /// would smuggle extra options onto stdin).
    public var problem: String? {
        let names = Array(parameters.keys) + Array(meta.keys)
        if let bad = names.first(where: { !Self.isAttributeName($0) }) {
            return "invalid attribute name '\(bad)' (letters, digits, '_', '-' and '.' only)"
        }
        let values = Array(parameters.values) + Array(meta.values) + [resource, action, checkLevel ?? "", node ?? ""]
        if values.contains(where: { $0.contains("\0") }) { return "a value contains a NUL character" }
        if case .stonith = agent, values.contains(where: { $0.contains("\n") || $0.contains("\r") }) {
            return "a fence-agent option value contains a line break"
        }
        if !AgentReference.isSafeName(action) { return "invalid action name '\(action)'" }
        if timeoutMilliseconds <= 0 { return "the timeout must be positive" }
        return nil
    }

    private static func isAttributeName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0))
        }
    }
}

/// The identity of an operation: a resource's action at an interval.
public struct OperationKey: Hashable, Sendable, CustomStringConvertible {
    public var resource: String
    public var action: String
    public var intervalMilliseconds: Int

    public var description: String { "\(resource)_\(action)_\(intervalMilliseconds)" }
}
