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
    public var line: String {
        // Appended, not interpolated: a large cluster has tens of thousands of these.
        let score = ScoreText.format(score)
        var line = stage.rawValue
        line.reserveCapacity(line.utf8.count + resource.utf8.count + node.utf8.count + score.utf8.count + 24)
        line += ": "
        line += resource
        line += " allocation score on "
        line += node
        line += ": "
        line += score
        return line
    }

    /// A run's allocation scores as `crm_simulate -s` lines, sorted.
    public static func lines(_ result: SchedulerResult) -> [String] {
        result.diagnostics.scores.map(\.line).sorted()
    }
}

/// Scores as Pacemaker writes them (`INFINITY`, `-INFINITY`, integers).
public enum ScoreText {
    public static func format(_ score: Int) -> String {
        if score >= ScoreMath.infinity { return "INFINITY" }
        if score <= -ScoreMath.infinity { return "-INFINITY" }
        return String(score)
    }
}
