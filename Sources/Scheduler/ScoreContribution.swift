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
        /// An unmanaged resource (is-managed=false, maintenance, on-fail=block) kept where it
        /// is active.
        case unmanaged
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
