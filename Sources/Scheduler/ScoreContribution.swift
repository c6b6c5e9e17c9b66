/// One reason a resource's score on a node changed: what contributed, by how much, and the
/// facts behind it in plain language. Recorded only when `SchedulerInput.recording` includes
/// `.contributions`.
public struct ScoreContribution: Sendable, Equatable {
    /// The kind of rule that contributed.
    public enum Source: String, Sendable, CaseIterable {
        /// An `rsc_location` constraint (fixed node or rule).
        case location
        /// A colocation with a primary that was already placed.
        case colocation
        /// The preferences of resources colocated with this one.
        case dependents
        case stickiness
        /// migration-threshold reached by the fail count.
        case failCount
        /// A failed or unexpected operation result in the history.
        case failure
        case targetRole
        /// clone-max, clone-node-max or a ban of the whole clone.
        case cloneLimit
    }

    /// The primitive (or clone instance) id.
    public var resource: String
    public var node: String
    public var source: Source
    public var score: Int
    public var detail: String

    public init(resource: String, node: String, source: Source, score: Int, detail: String) {
        self.resource = resource
        self.node = node
        self.source = source
        self.score = score
        self.detail = detail
    }
}

/// One allocation score as `crm_simulate -s` prints it: a resource's score on a node at one
/// step of the assignment (`pcmk__primitive_assign`, `pcmk__group_assign`,
/// `pcmk__clone_allocate`). A resource assigned twice (clone instances) has two entries.
public struct AllocationScore: Sendable, Equatable {
    /// The assignment step, named as Pacemaker names it.
    public enum Stage: String, Sendable {
        case primitive = "pcmk__primitive_assign"
        case group = "pcmk__group_assign"
        case clone = "pcmk__clone_allocate"
    }

    public var stage: Stage
    public var resource: String
    public var node: String
    public var score: Int

    public init(stage: Stage, resource: String, node: String, score: Int) {
        self.stage = stage
        self.resource = resource
        self.node = node
        self.score = score
    }

    /// `STAGE: RSC allocation score on NODE: SCORE`, as in `crm_simulate -s`.
    public var line: String { "\(stage.rawValue): \(resource) allocation score on \(node): \(ScoreText.format(score))" }
}

/// Scores as Pacemaker writes them (`INFINITY`, `-INFINITY`, integers).
public enum ScoreText {
    public static func format(_ score: Int) -> String {
        if score >= ScoreMath.infinity { return "INFINITY" }
        if score <= -ScoreMath.infinity { return "-INFINITY" }
        return String(score)
    }
}
