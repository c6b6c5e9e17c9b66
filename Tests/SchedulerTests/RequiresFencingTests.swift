import HalyardModel
import Scheduler
import Testing

/// `requires` (Pacemaker's resource meta attribute): with fencing enabled a resource starts only
/// once every unclean node is fenced, even when the status does not say it ran there (a status
/// learned from a stale CIB must not let it start twice); fencing devices and resources with
/// `requires=quorum` or `nothing` do not wait.
@Suite struct RequiresFencingTests {
    typealias T = TransitionRuleTests

    /// n3 is unclean and its status shows nothing running; `r` and `q` start on n1 or n2.
    func plan(_ meta: [String: String] = [:]) throws -> TransitionGraph {
        var f = Fixture(nodes: ["n1", "n2", "n3"])
        f.properties = ["stonith-enabled": "true"]
        f.resources = "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_dummy\"/>"
            + Fixture.primitive("r") + Fixture.primitive("q", meta: meta)
        f.unclean = ["n3"]
        f.nodeStatus = ["n1": T.stopped("r") + T.stopped("q") + T.stopped("fencer"), "n2": T.stopped("r") + T.stopped("q") + T.stopped("fencer")]
        return try T.plan(f).graph
    }

    func starts(_ graph: TransitionGraph, _ rsc: String) -> [TransitionAction] {
        graph.actions.filter { $0.task == .start && $0.resource == rsc }
    }

    @Test func everyStartWaitsForFencingByDefault() throws {
        let graph = try plan()
        let fence = try #require(graph.actions.first { $0.task == .fence && $0.node == "n3" })
        for rsc in ["r", "q"] {
            let starts = starts(graph, rsc)
            #expect(!starts.isEmpty, "\(rsc) is not started")
            for start in starts { #expect(T.precedes(graph, fence, start), "\(rsc) starts before n3 is fenced") }
        }
        // The fencing device itself only needs quorum: it may start at once.
        for start in starts(graph, "fencer") { #expect(!T.precedes(graph, fence, start)) }
    }

    @Test func requiresQuorumOrNothingDoesNotWait() throws {
        for value in ["quorum", "nothing"] {
            let graph = try plan(["requires": value])
            let fence = try #require(graph.actions.first { $0.task == .fence && $0.node == "n3" })
            for start in starts(graph, "q") { #expect(!T.precedes(graph, fence, start), "requires=\(value)") }
            for start in starts(graph, "r") { #expect(T.precedes(graph, fence, start)) }
        }
    }
}
