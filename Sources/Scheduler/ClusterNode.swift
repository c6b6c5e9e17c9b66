/// One cluster node as the scheduler sees it: identity, attributes (permanent, transient and
/// the built-in `#uname`, `#id`, `#is_dc`) and the membership flags derived from its status.
final class ClusterNode {
    let index: Int
    let id: String
    let uname: String
    /// The configured node score (`<node score=…>`), added to every default placement.
    let weight: Int
    var attributes: [String: String]

    var online = false
    var unclean = false
    var standby = false
    var shutdown = false
    var pending = false
    var maintenance = false
    var expectedUp = false
    /// How many primitives have been assigned here so far (load-balancing tie-break).
    var assignedCount = 0
    /// The node's place among all nodes ordered by `uname` (the last tie-break of placement):
    /// equal names share it. Compared instead of the names, which placement does for every
    /// pair of candidate nodes.
    var nameRank = 0

    init(index: Int, id: String, uname: String, weight: Int, attributes: [String: String]) {
        self.index = index
        self.id = id
        self.uname = uname
        self.weight = weight
        self.attributes = attributes
    }

    /// Whether resources may be placed here at all (Pacemaker's "available" node).
    var isAvailable: Bool { online && !shutdown && !unclean && !standby && !maintenance }
}
