import HalyardModel

/// What the scheduler needs: the CIB (configuration and status) and the current time.
public struct SchedulerInput: Sendable {
    public var cib: CIB
    /// The current time in epoch seconds; when nil, the CIB's `execution-date` root attribute,
    /// else failures never expire.
    public var now: Int?
    /// Overrides the CIB's `have-quorum` when set (what-if analysis).
    public var quorum: Bool?
    /// What to record in the result's `diagnostics` besides the placement (nothing by default).
    public var recording: Recording

    /// Optional records of a run: allocation scores, the contributions behind them, and the
    /// conditions of nodes and resources (membership, fail counts, target roles …).
    public struct Recording: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let scores = Recording(rawValue: 1)
        public static let contributions = Recording(rawValue: 2)
        public static let conditions = Recording(rawValue: 4)
    }

    public init(cib: CIB, now: Int? = nil, quorum: Bool? = nil, recording: Recording = []) {
        self.cib = cib
        self.now = now
        self.quorum = quorum
        self.recording = recording
    }

    /// The time the scheduler acts at.
    public var effectiveNow: Int? {
        now ?? cib.otherAttributes.first(where: { $0.name == "execution-date" }).flatMap { Int($0.value) }
    }
}

/// The pure policy engine: from configuration, status and time to the final placement of
/// every resource, Pacemaker-compatible.
public enum Scheduler {
    public static func schedule(_ input: SchedulerInput) -> SchedulerResult {
        let cluster = assign(input)
        return PlacementBuilder(cluster: cluster, verdicts: Runnability(cluster: cluster).verdicts()).build()
    }

    /// Unpacks the input and assigns every resource to a node (or none).
    static func assign(_ input: SchedulerInput) -> WorkingSet {
        let cib = input.cib
        let options = ClusterOptions(configuration: cib.configuration)
        let hasQuorum = input.quorum ?? cib.hasQuorum
        let nodes = NodeStatus.build(cib: cib, options: options, hasQuorum: hasQuorum)
        let cluster = WorkingSet(cib: cib, options: options, nodes: nodes, hasQuorum: hasQuorum, now: input.effectiveNow)
        if !input.recording.isEmpty { cluster.trail = ContributionTrail(recording: input.recording, nodes: nodes) }
        let locations = LocationApplier(cluster: cluster)
        locations.applyDefaults()
        HistoryUnpacker(cluster: cluster).unpack(cib: cib)
        ColocationUnpacker(cluster: cluster).unpack()
        GroupColocations.add(cluster)
        locations.applyConstraints()
        let criteria = NodeCriteria(cluster: cluster)
        criteria.applyStickiness()
        criteria.applyFailureThresholds()
        Assigner(cluster: cluster).assignAll()
        InterleaveInhibition.apply(cluster)
        return cluster
    }
}

/// The implicit colocation of each group member with the member before it.
enum GroupColocations {
    static func add(_ cluster: WorkingSet) {
        for rsc in cluster.allResources where rsc.kind == .group {
            for (previous, member) in zip(rsc.children, rsc.children.dropFirst()) {
                ColocationUnpacker.register(Colocation(
                    id: "group:internal_colocation", dependent: member, primary: previous,
                    score: ScoreMath.infinity, nodeAttribute: nil, dependentRole: .unknown,
                    primaryRole: .unknown, influence: member.critical))
            }
        }
    }
}
