import Foundation

/// Builds what an agent receives: argv, environment and stdin, exactly as the APIs prescribe.
enum AgentEnvironment {
    /// The prefix agents put before their exit reason on stderr.
    static let exitReasonPrefix = "ocf-exit-reason:"

    /// The OCF environment: `base` plus the OCF variables, parameters and meta-attributes.
    static func ocf(_ request: OperationRequest, ocfRoot: String, base: [String: String]) -> [String: String] {
        var environment = base
        for key in environment.keys where key.hasPrefix("OCF_") { environment.removeValue(forKey: key) }
        environment["OCF_ROOT"] = ocfRoot
        environment["OCF_RA_VERSION_MAJOR"] = "1"
        environment["OCF_RA_VERSION_MINOR"] = "1"
        environment["OCF_RESOURCE_INSTANCE"] = request.resource
        environment["OCF_RESOURCE_TYPE"] = request.agent.type
        if case .ocf(let provider, _) = request.agent { environment["OCF_RESOURCE_PROVIDER"] = provider }
        environment["OCF_EXIT_REASON_PREFIX"] = exitReasonPrefix
        if let level = request.checkLevel { environment["OCF_CHECK_LEVEL"] = level }
        for (name, value) in request.parameters { environment["OCF_RESKEY_" + name] = value }
        var meta = request.meta
        meta["interval"] = String(request.intervalMilliseconds)
        meta["timeout"] = String(request.timeoutMilliseconds)
        meta["name"] = request.action
        if let node = request.node { meta["on_node"] = node }
        for (name, value) in meta {
            environment["OCF_RESKEY_CRM_meta_" + String(name.map { $0 == "-" ? "_" : $0 })] = value
        }
        return environment
    }

    /// The argv after the agent's path: the action for OCF agents, the init-script action for
    /// LSB (`monitor` is `status`), nothing at all for fence agents (argv makes them ignore stdin).
    static func arguments(_ request: OperationRequest) -> [String] {
        switch request.agent {
        case .ocf: [request.action]
        case .lsb: [request.action == "monitor" ? "status" : request.action]
        case .stonith: []
        }
    }

    /// A fence agent's stdin: `action=` first, then one `name=value` line per parameter
    /// (Pacemaker's own `pcmk_*` and `CRM_meta_*` settings are not passed to the agent).
    static func fenceInput(_ request: OperationRequest) -> String {
        let action = request.action == "meta-data" ? "metadata" : request.action
        let options = request.parameters
            .filter { !$0.key.hasPrefix("pcmk_") && !$0.key.hasPrefix("CRM_meta") && $0.key != "action" }
            .sorted { $0.key < $1.key }
        return (["action=\(action)"] + options.map { "\($0.key)=\($0.value)" }).joined(separator: "\n") + "\n"
    }
}
