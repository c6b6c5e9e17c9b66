import HalyardModel

/// Builds the scheduler's nodes from the configuration and decides each node's membership state
/// (online, offline, unclean, pending, standby, shutting down) from its `node_state`, as
/// Pacemaker does with and without fencing. A partition that lost quorum (the controller marks
/// the CIB `no-quorum-panic`) with no-quorum-policy=suicide and fencing enabled fences itself:
/// every online node is unclean. One that never had quorum does not.
enum NodeStatus {
    static func build(cib: CIB, options: ClusterOptions, hasQuorum: Bool) -> [ClusterNode] {
        let clusterName = options.clusterName
        var nodes: [ClusterNode] = []
        for config in cib.configuration.nodes where config.type != "ping" {
            var attributes = config.instanceAttributes.flattened()
            attributes["#uname"] = config.uname
            attributes["#id"] = config.id
            attributes["#kind"] = "cluster"
            attributes["#is_dc"] = (cib.dcUUID == config.id) ? "true" : "false"
            if let clusterName { attributes["#cluster-name"] = clusterName }
            let node = ClusterNode(index: nodes.count, id: config.id, uname: config.uname,
                                   weight: config.score?.value ?? 0, attributes: attributes)
            // Until its status is seen, a node is unclean when startup fencing is on.
            node.unclean = options.startupFencing
            nodes.append(node)
        }
        rankByName(nodes)
        for state in cib.status.nodes {
            guard let node = nodes.first(where: { n in state.id.map { $0 == n.id } ?? (state.uname == n.uname) })
                    ?? nodes.first(where: { $0.uname == state.uname && state.uname != nil }) else { continue }
            node.unclean = false
            for (name, value) in state.transientAttributes.flattened() { node.attributes[name] = value }
            determineOnline(node, state: state, fencing: options.fencingEnabled)
        }
        let panic = Boolean.parse(cib.otherAttributes.first { $0.name == "no-quorum-panic" }?.value) == true
        let suicide = !hasQuorum && panic && options.noQuorumPolicy == .suicide && options.fencingEnabled
        for node in nodes {
            if Boolean.parse(node.attributes["standby"]) == true { node.standby = true }
            if Boolean.parse(node.attributes["maintenance"]) == true { node.maintenance = true }
            if suicide && node.online { node.unclean = true }
        }
        return nodes
    }

    private static func rankByName(_ nodes: [ClusterNode]) {
        let byName = nodes.sorted { $0.uname < $1.uname }
        for (position, node) in byName.enumerated() {
            node.nameRank = position > 0 && byName[position - 1].uname == node.uname ? byName[position - 1].nameRank : position
        }
    }

    private static func determineOnline(_ node: ClusterNode, state: NodeState, fencing: Bool) {
        let shutdown = node.attributes["shutdown"]
        if let shutdown, shutdown != "0", !shutdown.isEmpty {
            node.shutdown = true
        } else if state.expected == "member" {
            node.expectedUp = true
        }
        let online = fencing ? onlineWithFencing(node, state: state) : onlineWithoutFencing(node, state: state)
        node.online = online
    }

    private static func onlineWithoutFencing(_ node: ClusterNode, state: NodeState) -> Bool {
        guard Boolean.parse(state.inCCM) == true else { return false }
        if state.crmd?.lowercased() == "online" {
            return state.join?.lowercased() == "member"
        }
        if !node.expectedUp { return false }
        node.unclean = true
        return false
    }

    private static func onlineWithFencing(_ node: ClusterNode, state: NodeState) -> Bool {
        let inCluster = Boolean.parse(state.inCCM) == true
        let crmdOnline = state.crmd?.lowercased() == "online"
        let join = state.join?.lowercased()
        let expected = state.expected?.lowercased() ?? "down"
        let terminate: Bool = {
            guard let t = node.attributes["terminate"], !t.isEmpty else { return false }
            if Boolean.parse(t) == true { return true }
            if let first = t.first, first != "0", first.isNumber { return true }
            return false
        }()
        var online = inCluster
        if node.shutdown {
            online = crmdOnline
        } else if state.inCCM == nil {
            node.unclean = true
        } else if join == "banned" {
            node.unclean = true
        } else if !terminate && expected == "down" {
            if inCluster || crmdOnline {
                node.standby = true
                node.pending = true
            }
        } else if terminate && join == "down" && !inCluster && !crmdOnline {
            online = false
        } else if !inCluster {
            node.unclean = true
        } else if !crmdOnline {
            node.unclean = true
        } else if terminate {
            node.unclean = true
        } else if join == "member" {
            // active
        } else if join == "pending" || join == "down" {
            node.standby = true
            node.pending = true
        } else {
            node.unclean = true
        }
        return online
    }
}
