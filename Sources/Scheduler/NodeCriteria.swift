/// Node-specific scoring applied before assignment: stickiness keeps a managed resource
/// active on a single node where it is, and reaching migration-threshold bans a resource
/// (an anonymous clone as a whole) from the node.
struct NodeCriteria {
    let cluster: WorkingSet

    func applyStickiness() {
        for rsc in cluster.resources {
            for primitive in rsc.primitives { applyStickiness(primitive) }
        }
    }

    private func applyStickiness(_ rsc: Rsc) {
        guard rsc.managed, rsc.stickiness >= 1, rsc.runningOn.count == 1, let node = rsc.currentNode else { return }
        if !cluster.options.symmetricCluster && rsc.allowed[node.index] == nil { return }
        rsc.addLocation(node, rsc.stickiness)
    }

    func applyFailureThresholds() {
        for node in cluster.nodes {
            for rsc in cluster.resources {
                for primitive in rsc.primitives where thresholdReached(primitive, on: node) {
                    primitive.banTarget.addLocation(node, -ScoreMath.infinity)
                }
            }
        }
    }

    func thresholdReached(_ rsc: Rsc, on node: ClusterNode) -> Bool {
        guard rsc.migrationThreshold > 0, !rsc.failureIgnored else { return false }
        let failures = cluster.failCounts.count(rsc, on: node, effective: true)
        guard failures > 0 else { return false }
        return rsc.migrationThreshold - failures <= 0
    }
}
