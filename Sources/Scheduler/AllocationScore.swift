import HalyardModel

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

    /// A run's allocation scores as `crm_simulate -s` prints them: one line each,
    /// `STAGE: RSC allocation score on NODE: SCORE`, in the order the assignment recorded them
    /// (Pacemaker's order too: resource by resource, in assignment order).
    public static func text(_ result: SchedulerResult) -> String {
        var text = TextBytes(capacity: result.diagnostics.scores.reduce(0) { $0 + $1.resource.utf8.count + $1.node.utf8.count + 64 })
        // A resource's entries of one step follow each other (one per node): the start of
        // their lines is made once.
        var start = "", startStage: Stage?, startResource = ""
        for entry in result.diagnostics.scores {
            if entry.stage != startStage || entry.resource != startResource {
                (start, startStage, startResource) = ("\(entry.stage.rawValue): \(entry.resource) allocation score on ", entry.stage, entry.resource)
            }
            text.append(start)
            text.append(entry.node)
            text.append(": ")
            ScoreText.append(entry.score, to: &text)
            text.append(byte: UInt8(ascii: "\n"))
        }
        return text.text
    }
}

/// Scores as Pacemaker writes them (`INFINITY`, `-INFINITY`, integers).
public enum ScoreText {
    public static func format(_ score: Int) -> String {
        var text = TextBytes()
        append(score, to: &text)
        return text.text
    }

    /// `format(score)`, written into `text` without making a String.
    static func append(_ score: Int, to text: inout TextBytes) {
        if score >= ScoreMath.infinity {
            text.append("INFINITY")
        } else if score <= -ScoreMath.infinity {
            text.append("-INFINITY")
        } else {
            text.append(decimal: score)
        }
    }
}
