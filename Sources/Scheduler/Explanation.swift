/// Why a resource is where it is, and why not on a given node: for each primitive (group
/// member, clone instance) the asked id covers, its placement and every recorded contribution
/// to its score on the relevant nodes, most decisive first. Built by `ExplanationBuilder` from a
/// result recorded with `.scores` and `.contributions`.
public struct Explanation: Sendable, Equatable {
    /// The id that was asked about.
    public var resource: String
    /// The node asked about, if any.
    public var node: String?
    public var instances: [InstanceExplanation]

    public init(resource: String, node: String?, instances: [InstanceExplanation]) {
        self.resource = resource
        self.node = node
        self.instances = instances
    }
}

/// One reason in plain words, with the score it contributed (nil for a fact that is not a score,
/// such as a node being offline) and the node it concerns.
public struct ExplanationReason: Sendable, Equatable {
    public var node: String?
    public var score: Int?
    public var text: String

    public init(node: String?, score: Int?, text: String) {
        self.node = node
        self.score = score
        self.text = text
    }

    /// Ordering key: node conditions, then −INFINITY, +INFINITY, then larger magnitudes.
    var weight: Int {
        guard let score else { return Int.max }
        if score <= -ScoreMath.infinity { return Int.max - 1 }
        return abs(score)
    }
}

/// The verdict on one node: its final allocation score and the reasons behind it.
public struct NodeVerdict: Sendable, Equatable {
    public var node: String
    /// The allocation score when the resource was assigned; nil when the node was never a
    /// candidate (e.g. an asymmetric cluster without an opt-in).
    public var score: Int?
    /// Whether resources may be placed on the node at all.
    public var available: Bool
    public var reasons: [ExplanationReason]

    public init(node: String, score: Int?, available: Bool, reasons: [ExplanationReason]) {
        self.node = node
        self.score = score
        self.available = available
        self.reasons = reasons
    }
}

/// The explanation for one primitive or clone instance.
public struct InstanceExplanation: Sendable, Equatable {
    public var id: String
    public var currentNodes: [String]
    public var finalNodes: [String]
    /// The node assignment chose, even if the start cannot run.
    public var assignedNode: String?
    /// Facts about the resource itself (target-role, management, blocked starts, quorum,
    /// fail counts), most decisive first.
    public var facts: [ExplanationReason]
    /// Every node the resource was scored on, best first (the asked node included even when
    /// it was never a candidate).
    public var verdicts: [NodeVerdict]

    public init(id: String, currentNodes: [String], finalNodes: [String], assignedNode: String?,
                facts: [ExplanationReason], verdicts: [NodeVerdict]) {
        self.id = id
        self.currentNodes = currentNodes
        self.finalNodes = finalNodes
        self.assignedNode = assignedNode
        self.facts = facts
        self.verdicts = verdicts
    }

    public func verdict(on node: String) -> NodeVerdict? { verdicts.first(where: { $0.node == node }) }
}
