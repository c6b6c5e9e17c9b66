import HalyardModel

/// A resource history entry on a node whose agent (class, provider, type) is no longer the
/// configured one: the history must be deleted, and a resource still running there restarts.
struct AgentChange {
    /// The configured primitive's id (without an instance number).
    let id: String
    let node: ClusterNode
    /// The primitive (or clone instance) running there, if any.
    let running: Rsc?

    /// Pacemaker checks resource histories for changes only on available nodes and nodes in
    /// maintenance.
    static func checksHistory(on node: ClusterNode) -> Bool {
        node.online && !node.unclean && (node.maintenance || node.isAvailable)
    }

    /// Every such entry on the nodes whose histories are checked.
    static func find(cluster: WorkingSet, status: Status) -> [AgentChange] {
        // Only the agents, not whole primitives, looked up by position: a lookup of a value
        // copies it.
        let agents = cluster.configuration.allPrimitives.map(Agent.init(of:))
        let configured = Dictionary(agents.indices.map { (agents[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [AgentChange] = []
        for state in status.nodes {
            guard let node = cluster.node(forState: state), checksHistory(on: node) else { continue }
            // The entries' fields are read in place: copying every entry of every node was a
            // measurable share of a large run.
            state.resources.withUnsafeBufferPointer { entries in
                for entry in entries.indices where !entries[entry].operations.isEmpty {
                    let id = entries[entry].id
                    guard let index = configured[id] ?? configured[WorkingSet.stripInstance(id)],
                          agents[index].standard != entries[entry].standard || agents[index].provider != entries[entry].provider
                            || agents[index].type != entries[entry].type
                    else { continue }
                    let primitiveID = agents[index].id
                    let running = cluster.allResources.first {
                        $0.kind == .primitive && $0.baseID == primitiveID && $0.runningOn.contains { $0 === node }
                    }
                    result.append(AgentChange(id: primitiveID, node: node, running: running))
                }
            }
        }
        return result
    }

    /// A configured primitive's id and agent.
    private struct Agent {
        let id: String
        let standard: String
        let provider: String?
        let type: String

        init(of primitive: Primitive) {
            id = primitive.id
            standard = primitive.standard
            provider = primitive.provider
            type = primitive.type
        }
    }
}

/// Schedules clean-ups of resource history (`lrm_delete`) and fail counts (`clear_failcount`):
/// histories of orphans (when stop-orphan-resources is on) and of changed agents are deleted
/// unless the resource failed; fail counts are cleared where every failure expired under
/// failure-timeout (unless a failure blocks), for orphans wherever they have one, and where a
/// failed start or monitor ran with parameters that have changed since.
struct CleanupScheduler {
    let cluster: WorkingSet
    let collector: ActionCollector

    func schedule(_ plans: [PrimitivePlan], agentChanges: [AgentChange]) {
        for change in agentChanges where change.running?.failed != true {
            collector.add(.lrmDelete, change.id, on: change.node.uname, reason: "agent changed")
        }
        for plan in plans {
            let rsc = plan.rsc
            if rsc.isOrphan && rsc.parent == nil {
                cleanUpOrphan(rsc)
            } else {
                clearExpiredFailures(rsc)
            }
            for node in rsc.failCountClearedOn where node.online {
                collector.add(.clearFailcount, rsc.id, on: node.uname, reason: "resource parameters have changed")
            }
        }
    }

    private func cleanUpOrphan(_ rsc: Rsc) {
        if cluster.options.stopOrphanResources && !rsc.failed {
            for history in rsc.histories where AgentChange.checksHistory(on: history.node) {
                collector.add(.lrmDelete, rsc.id, on: history.node.uname, reason: "orphaned")
            }
        }
        for node in cluster.nodes where node.online && cluster.failCounts.count(rsc, on: node, effective: true) > 0 {
            collector.add(.clearFailcount, rsc.id, on: node.uname, reason: "it is orphaned")
        }
    }

    private func clearExpiredFailures(_ rsc: Rsc) {
        guard rsc.failureTimeoutSeconds > 0, let now = cluster.failCounts.now else { return }
        for history in rsc.histories where history.node.online {
            let node = history.node
            let expired = history.operations.contains { op in op.lastRCChange.map { now >= $0 + rsc.failureTimeoutSeconds } ?? false }
            guard expired, !cluster.failureBlocks(rsc, history), cluster.failCounts.count(rsc, on: node, effective: false) > 0,
                  cluster.failCounts.count(rsc, on: node, effective: true) == 0 else { continue }
            collector.add(.clearFailcount, rsc.id, on: node.uname, reason: "it expired")
        }
    }
}
