import HalyardModel

/// Fail counts and last-failure times from the transient node attributes
/// (`fail-count-RSC[#OP_INTERVAL]`, `last-failure-RSC[#OP_INTERVAL]`), with failure-timeout
/// expiry against the scheduler's notion of now. Per-operation names count only when the CIB's
/// `crm_feature_set` is 3.0.13 or later, as in Pacemaker.
struct FailCounts {
    let now: Int?
    /// Whether `…#OP_INTERVAL` attribute names are fail counts.
    let perOperation: Bool

    init(now: Int?, featureSet: String?) {
        self.now = now
        let version = (featureSet ?? "").split(separator: ".").map { Int($0) ?? 0 }
        perOperation = version.lexicographicallyPrecedes([3, 0, 13]) == false && !version.isEmpty
    }

    /// Whether a transient attribute name belongs to `rsc` (anonymous clone instances match the
    /// configured id with or without an instance number).
    private func matches(_ name: String, prefix: String, rsc: Rsc) -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        var rest = Substring(name.dropFirst(prefix.count))
        if let hash = rest.firstIndex(of: "#") {
            guard perOperation else { return false }
            rest = rest[..<hash]
        }
        if rest == rsc.id { return true }
        if rsc.isAnonymousCloneMember || rsc.instanceNumber == nil {
            let base = rsc.baseID
            if rest == base { return true }
            if rest.hasPrefix(base + ":"), rest.dropFirst(base.count + 1).allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    /// Whether `node` records any fail count at all (a cheap test before per-resource lookups).
    func mayHaveFailures(on node: ClusterNode) -> Bool {
        node.attributes.keys.contains { $0.hasPrefix("fail-count-") }
    }

    /// The fail count of `rsc` on `node`; when `effective`, a count whose last failure is older
    /// than failure-timeout counts as zero.
    func count(_ rsc: Rsc, on node: ClusterNode, effective: Bool) -> Int {
        let (total, lastFailure) = failures(of: rsc, on: node)
        if effective, total > 0, rsc.failureTimeoutSeconds > 0, let now, lastFailure > 0,
           now >= lastFailure + rsc.failureTimeoutSeconds {
            return 0
        }
        return total
    }

    /// When the fail count of `rsc` on `node` expires under failure-timeout, if it has not yet.
    func expiry(of rsc: Rsc, on node: ClusterNode) -> Int? {
        let (total, lastFailure) = failures(of: rsc, on: node)
        guard total > 0, rsc.failureTimeoutSeconds > 0, lastFailure > 0, let now else { return nil }
        let expiry = lastFailure + rsc.failureTimeoutSeconds
        return expiry > now ? expiry : nil
    }

    /// The summed fail count of `rsc` on `node` and its latest last-failure time.
    private func failures(of rsc: Rsc, on node: ClusterNode) -> (total: Int, lastFailure: Int) {
        var total = 0
        var lastFailure = 0
        for (name, value) in node.attributes {
            if matches(name, prefix: "fail-count-", rsc: rsc) {
                total = ScoreMath.add(total, ScoreMath.parse(value))
            } else if matches(name, prefix: "last-failure-", rsc: rsc) {
                lastFailure = max(lastFailure, Int(value) ?? 0)
            }
        }
        return (total, lastFailure)
    }

    /// Whether a recorded operation's failure has expired under failure-timeout.
    func isExpired(_ op: OperationRecord, rsc: Rsc, node: ClusterNode) -> Bool {
        guard rsc.failureTimeoutSeconds > 0, let now, let last = op.lastRCChange else { return false }
        var expired = now >= last + rsc.failureTimeoutSeconds
        if expired, count(rsc, on: node, effective: false) > 0, count(rsc, on: node, effective: true) > 0 {
            expired = false
        }
        if expired, op.operation == "monitor", op.interval == 0, [0, 7, 8, 190, 191].contains(op.rcCode) {
            expired = false
        }
        return expired
    }
}
