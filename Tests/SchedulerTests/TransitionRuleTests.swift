import Foundation
import HalyardModel
import Scheduler
import Testing

/// Unit tests for the transition graph's rules, on small hand-made CIBs.
@Suite struct TransitionRuleTests {
    static func primitive(_ id: String, monitor: String? = nil) -> String {
        let ops = monitor.map { "<operations><op id=\"\(id)-mon\" name=\"monitor\" interval=\"\($0)\"/></operations>" } ?? ""
        return "<primitive id=\"\(id)\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\(ops)</primitive>"
    }

    /// History of `rsc` on a node: probed, then started (still running), optionally with a
    /// recurring monitor that returned `monitorRC` (7 = failed).
    static func history(_ rsc: String, monitorRC: Int? = nil) -> String {
        let monitor = monitorRC.map {
            "<lrm_rsc_op id=\"\(rsc)_monitor_10000\" operation=\"monitor\" call-id=\"3\" rc-code=\"\($0)\" op-status=\"0\" interval=\"10000\" transition-key=\"1:1:0:x\"/>"
        } ?? ""
        return """
        <lrm_resource id="\(rsc)" class="ocf" provider="heartbeat" type="Dummy">\
        <lrm_rsc_op id="\(rsc)_start_0" operation="start" call-id="2" rc-code="0" op-status="0" interval="0" transition-key="1:1:0:x"/>\
        \(monitor)</lrm_resource>
        """
    }

    static func stopped(_ rsc: String) -> String {
        """
        <lrm_resource id="\(rsc)" class="ocf" provider="heartbeat" type="Dummy">\
        <lrm_rsc_op id="\(rsc)_monitor_0" operation="monitor" call-id="1" rc-code="7" op-status="0" interval="0" transition-key="1:1:7:x"/>\
        </lrm_resource>
        """
    }

    static func plan(_ fixture: Fixture, edit: (String) -> String = { $0 }) throws -> SchedulerPlan {
        Scheduler.plan(SchedulerInput(cib: try CIBDecoder.decode(edit(fixture.xml)), now: 1_700_000_000))
    }

    /// Whether the graph orders `first` before `then` (directly or through other actions).
    static func precedes(_ graph: TransitionGraph, _ first: TransitionAction?, _ then: TransitionAction?) -> Bool {
        guard let first, let then else { return false }
        var seen: Set<Int> = [then.id]
        var queue = [then.id]
        while let current = queue.popLast() {
            for edge in graph.edges where edge.then == current && seen.insert(edge.first).inserted {
                if edge.first == first.id { return true }
                queue.append(edge.first)
            }
        }
        return false
    }

    /// An active recurring monitor recorded with other parameters than configured (by its
    /// op-digest) runs again; one recorded with the configured ones, or without a digest,
    /// does not.
    @Test func monitorRecordedWithOtherParametersRunsAgain() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Self.primitive("a", monitor: "10s")
        f.nodeStatus = ["n1": Self.history("a", monitorRC: 0)]
        let rerun = "exec\tmonitor\ta\tn1\t10000"
        func lines(digest: String?) throws -> [String] {
            ActionsFormat.lines(try Self.plan(f) { xml in
                digest.map { xml.replacingOccurrences(of: "interval=\"10000\" transition-key",
                                                      with: "interval=\"10000\" op-digest=\"\($0)\" transition-key") } ?? xml
            })
        }
        #expect(try lines(digest: "0123456789abcdef").contains(rerun))
        // MD5 of " <parameters CRM_meta_timeout=\"20000\"/>" and a line break: the default timeout.
        #expect(try !lines(digest: "4811cef7f7f94e3a35a70be7916cb2fd").contains(rerun))
        #expect(try !lines(digest: nil).contains(rerun))
    }

    @Test func moveStopsOnOldNodeThenStartsOnNew() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Self.primitive("r", monitor: "10s")
        f.standby = ["n1"]
        f.nodeStatus = ["n1": Self.history("r", monitorRC: 0), "n2": Self.stopped("r")]
        let plan = try Self.plan(f)
        let graph = plan.graph
        let stop = graph.action(.stop, "r", on: "n1")
        let start = graph.action(.start, "r", on: "n2")
        #expect(stop != nil && start != nil)
        #expect(Self.precedes(graph, stop, start))
        #expect(ActionsFormat.lines(plan).contains("summary\tmove\tr\tn1->n2"))
        // The new node gets the recurring monitor, after the start.
        #expect(Self.precedes(graph, start, graph.action(.monitor, "r", on: "n2", interval: 10000)))
    }

    @Test func probesOnlyWhereStateIsUnknownAndBeforeStart() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Self.primitive("r")
        f.nodeStatus = ["n1": Self.stopped("r")]
        let graph = try Self.plan(f).graph
        #expect(graph.action(.probe, "r", on: "n1") == nil)
        let probe = graph.action(.probe, "r", on: "n2")
        #expect(probe != nil)
        let start = graph.actions.first { $0.task == .start && $0.resource == "r" }
        #expect(Self.precedes(graph, probe, start))
    }

    @Test func recoveringFirstRestartsThenOfMandatoryOrder() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Self.primitive("a", monitor: "10s") + Self.primitive("b")
        f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Mandatory\"/>"
        f.nodeStatus = ["n1": Self.history("a", monitorRC: 7) + Self.history("b")]
        let plan = try Self.plan(f)
        let lines = ActionsFormat.lines(plan)
        #expect(lines.contains("summary\trecover\ta\tn1"))
        #expect(lines.contains("summary\trestart\tb\tn1"))
        let graph = plan.graph
        #expect(Self.precedes(graph, graph.action(.stop, "b", on: "n1"), graph.action(.stop, "a", on: "n1")))
        #expect(Self.precedes(graph, graph.action(.start, "a", on: "n1"), graph.action(.start, "b", on: "n1")))
    }

    @Test func groupMemberRestartRestartsLaterMembersOnly() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = "<group id=\"g\">" + Self.primitive("a") + Self.primitive("b", monitor: "10s") + Self.primitive("c") + "</group>"
        f.nodeStatus = ["n1": Self.history("a") + Self.history("b", monitorRC: 7) + Self.history("c")]
        let lines = ActionsFormat.lines(try Self.plan(f))
        #expect(!lines.contains { $0.hasPrefix("summary") && $0.contains("\ta\t") })
        #expect(lines.contains("summary\trecover\tb\tn1"))
        #expect(lines.contains("summary\trestart\tc\tn1"))
    }

    @Test func fencingPrecedesRecoveryFromTheFencedNode() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.properties = ["stonith-enabled": "true"]
        f.resources = "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_dummy\"/>" + Self.primitive("r")
        f.unclean = ["n1"]
        f.nodeStatus = ["n1": Self.history("r"), "n2": Self.stopped("r")]
        let plan = try Self.plan(f)
        let graph = plan.graph
        let fence = graph.actions.first { $0.task == .fence && $0.node == "n1" }
        let start = graph.action(.start, "r", on: "n2")
        #expect(fence?.fenceType == "reboot")
        #expect(Self.precedes(graph, fence, start))
        // The stop on the fenced node is implied, not executed.
        #expect(graph.action(.stop, "r", on: "n1")?.pseudo == true)
        let lines = ActionsFormat.lines(plan)
        #expect(lines.contains("summary\tfence\tn1\treboot"))
        #expect(!lines.contains("exec\tstop\tr\tn1"))
    }

    @Test func activeMonitorIsKeptAndUnconfiguredOneCancelled() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Self.primitive("r", monitor: "20s")
        f.nodeStatus = ["n1": Self.history("r", monitorRC: 0)]
        let graph = try Self.plan(f).graph
        #expect(graph.action(.monitor, "r", on: "n1", interval: 20000) != nil)
        #expect(graph.action(.cancel, "r", on: "n1", interval: 10000) != nil)
        #expect(graph.action(.start, "r", on: "n1") == nil)
    }

    /// multiple-active=stop_unexpected: a resource found on two nodes stops only where it is
    /// not expected; it restarts in name only where it stays (no stop, a pseudo start), which
    /// still restarts what depends on it, and its monitor is scheduled again there.
    @Test func stopUnexpectedStopsOnlyTheUnexpectedCopy() throws {
        for policy in ["stop_unexpected", "stop_start"] {
            var f = Fixture(nodes: ["n1", "n2"])
            f.resources = "<group id=\"g\">" + Fixture.metaXML("g", ["multiple-active": policy])
                + Self.primitive("a", monitor: "10s") + Self.primitive("b") + "</group>"
            f.constraints = "<rsc_location id=\"prefer\" rsc=\"g\" node=\"n1\" score=\"100\"/>"
            f.nodeStatus = ["n1": Self.history("a") + Self.history("b"), "n2": Self.history("a")]
            let plan = try Self.plan(f)
            let lines = ActionsFormat.lines(plan)
            #expect(lines.contains("exec\tstop\ta\tn2"))
            #expect(lines.contains("exec\tstop\ta\tn1") == (policy == "stop_start"))
            #expect(lines.contains("exec\tstart\ta\tn1") == (policy == "stop_start"))
            #expect(plan.graph.action(.start, "a", on: "n1")?.pseudo == (policy == "stop_unexpected"))
            #expect(lines.contains("summary\trestart\ta\tn1"))
            #expect(lines.contains("summary\trestart\tb\tn1"))
            #expect(lines.contains("exec\tmonitor\ta\tn1\t10000"))
        }
    }

    /// A copy on a node about to be fenced does not make a resource multiply active: it stays
    /// where it runs on a clean node, with nothing to recover or move.
    @Test func copyOnAFencedNodeIsNotMultiplyActive() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.properties = ["stonith-enabled": "true"]
        f.resources = "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_dummy\"/>" + Self.primitive("a")
        f.offline = ["n2"]
        f.nodeStatus = ["n1": Self.history("fencer") + Self.history("a"), "n2": Self.history("a")]
        let lines = ActionsFormat.lines(try Self.plan(f))
        #expect(lines.contains("summary\tfence\tn2\treboot"))
        #expect(!lines.contains { $0.hasPrefix("summary") && $0.contains("\ta\t") })
        #expect(!lines.contains { $0.hasPrefix("exec") && $0.contains("\ta\tn1") })
    }

    /// no-quorum-policy=suicide: a partition that lost quorum (no-quorum-panic) fences every
    /// node in it; one that never had quorum only waits.
    @Test func suicideFencesAPartitionThatLostQuorum() throws {
        for panic in [true, false] {
            var f = Fixture(nodes: ["n1", "n2"])
            f.properties = ["stonith-enabled": "true", "no-quorum-policy": "suicide"]
            f.resources = "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_dummy\"/>"
            let lines = ActionsFormat.lines(try Self.plan(f) {
                $0.replacingOccurrences(of: "have-quorum=\"1\"", with: panic ? "have-quorum=\"0\" no-quorum-panic=\"1\"" : "have-quorum=\"0\"")
            })
            #expect(lines.contains("exec\tfence\tn1\treboot") == panic)
            #expect(lines.contains("exec\tfence\tn2\treboot") == panic)
            #expect(lines.contains("exec\tmonitor\tfencer\tn1\t0") == !panic)
        }
    }

    @Test func graphRendersAsDOT() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Self.primitive("r", monitor: "10s")
        let dot = GraphDOT.render(try Self.plan(f).graph)
        #expect(dot.hasPrefix("digraph transition {"))
        #expect(dot.contains("\"r_start_0 n1\" -> \"r_monitor_10000 n1\""))
    }
}
