/// Allowed-node score tables (node index → score) and Pacemaker's ways of reading them.
enum NodeScores {
    /// Marks a node that an optional, non-negative merge must not use.
    static let unusable = -100 * ScoreMath.infinity

    /// Whether any node in the table could run a resource.
    static func anyAvailable(_ table: [Int: Int], nodes: [ClusterNode]) -> Bool {
        table.contains { index, score in score >= 0 && nodes[index].isAvailable }
    }

    /// The table's nodes, best first: score (unavailable nodes count as −INFINITY), then fewer
    /// resources already placed, then the resource's current node, then node name.
    static func sorted(_ table: [Int: Int], nodes: [ClusterNode], current: ClusterNode?) -> [(node: ClusterNode, score: Int)] {
        table.map { (node: nodes[$0.key], score: $0.value) }.sorted { a, b in
            let wa = a.node.isAvailable ? a.score : -ScoreMath.infinity
            let wb = b.node.isAvailable ? b.score : -ScoreMath.infinity
            if wa != wb { return wa > wb }
            if a.node.assignedCount != b.node.assignedCount { return a.node.assignedCount < b.node.assignedCount }
            if let current {
                if a.node === current { return true }
                if b.node === current { return false }
            }
            return a.node.nameRank < b.node.nameRank
        }
    }
}
