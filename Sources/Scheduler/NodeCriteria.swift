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
        cluster.trail?.add(rsc, node, .stickiness, rsc.stickiness, "resource-stickiness \(rsc.stickiness): it is active on \(node.uname)")
    }

    func applyFailureThresholds() {
        for node in cluster.nodes where cluster.failCounts.mayHaveFailures(on: node) {
            for rsc in cluster.resources {
                for primitive in rsc.primitives where thresholdReached(primitive, on: node) {
                    primitive.banTarget.addLocation(node, -ScoreMath.infinity)
                    cluster.trail?.add(primitive.banTarget, node, .failCount, -ScoreMath.infinity, """
                        \(primitive.id) failed \(cluster.failCounts.count(primitive, on: node, effective: true)) time(s) \
                        on \(node.uname), reaching migration-threshold \(primitive.migrationThreshold)
                        """)
                }
            }
        }
    }

    func thresholdReached(_ rsc: Rsc, on node: ClusterNode) -> Bool {
        guard rsc.migrationThreshold > 0, !rsc.failureIgnored, !rsc.failCountClearedOn.contains(where: { $0 === node }) else { return false }
        let failures = cluster.failCounts.count(rsc, on: node, effective: true)
        guard failures > 0 else { return false }
        return rsc.migrationThreshold - failures <= 0
    }
}
