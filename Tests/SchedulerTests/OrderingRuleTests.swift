import HalyardModel
import Scheduler
import Testing

/// Unit tests for how orderings, probes and failures hold back or force actions, on small
/// hand-made CIBs.
@Suite struct OrderingRuleTests {
    typealias T = TransitionRuleTests

    @Test func pendingNodeHoldsBackStartsOfInactiveResourcesOnly() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.properties = ["stonith-enabled": "true"]
        f.resources = "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_dummy\"/>" + T.primitive("new") + T.primitive("old")
        f.nodeStatus = ["n1": T.history("old") + T.history("fencer")]
        // n2 is in the membership but has not joined yet: its probes cannot run.
        let plan = try T.plan(f) {
            $0.replacingOccurrences(of: "uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\"",
                                    with: "uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"pending\"")
        }
        let lines = ActionsFormat.lines(plan)
        #expect(lines.contains("summary\tstart\tnew\tn1\tblocked"))
        #expect(!lines.contains { $0.hasPrefix("exec\tmonitor") && $0.contains("\tn2\t") })
        #expect(!lines.contains { $0.contains("\told\t") && $0.hasPrefix("summary") })
    }

    @Test func interleavedInstanceWithoutPartnerIsTakenOffItsNode() throws {
        var f = Fixture()
        let clone = { (id: String) in
            "<clone id=\"\(id)\">\(T.primitive("\(id)-child"))<meta_attributes id=\"\(id)-m\"><nvpair id=\"\(id)-i\" name=\"interleave\" value=\"true\"/></meta_attributes></clone>"
        }
        f.resources = clone("a") + clone("b")
        f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\"/><rsc_location id=\"ban\" rsc=\"a\" node=\"n1\" score=\"-INFINITY\"/>"
        let lines = ActionsFormat.lines(try T.plan(f))
        #expect(lines.contains("summary\tstart\tb-child\tn2"))
        #expect(lines.contains("summary\tstart\tb-child\tn3"))
        // No blocked start is reported for the instance that has no partner on n1.
        #expect(!lines.contains { $0.hasPrefix("summary") && $0.contains("b-child\tn1") })
    }

    @Test func asymmetricOrderHoldsBackAFailedResourcesRecovery() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Fixture.primitive("a", meta: ["target-role": "Stopped"]) + T.primitive("b", monitor: "10s")
        f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\" symmetrical=\"false\"/>"
        f.nodeStatus = ["n1": T.stopped("a") + T.history("b", monitorRC: 7)]
        let lines = ActionsFormat.lines(try T.plan(f))
        #expect(lines.contains("summary\tstop\tb\tn1"))
        #expect(!lines.contains("exec\tstart\tb\tn1"))
    }

    /// A group member that must restart after the member before it starts, but whose stop waits
    /// for a later member's blocked stop: it stays, reported as a blocked stop, and so does the
    /// member after it.
    @Test func restartBehindABlockedMemberIsABlockedStop() throws {
        var f = Fixture(nodes: ["n1"])
        let blocking = "<primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
            + "<op id=\"c-mon\" name=\"monitor\" interval=\"10s\" on-fail=\"block\"/></operations></primitive>"
        f.resources = "<group id=\"g\">" + T.primitive("a") + T.primitive("b1") + T.primitive("b2") + blocking + "</group>"
        f.nodeStatus = ["n1": T.stopped("a") + T.history("b1") + T.history("b2") + T.history("c", monitorRC: 7)]
        let lines = ActionsFormat.lines(try T.plan(f))
        #expect(lines.contains("summary\tstart\ta\tn1"))
        #expect(lines.contains("summary\tstop\tb1\tn1\tblocked"))
        #expect(lines.contains("summary\tstop\tb2\tn1\tblocked"))
        #expect(!lines.contains { $0.hasPrefix("exec") && ($0.contains("\tb1\t") || $0.contains("\tb2\t")) })
    }

    /// A clone ordered before a primitive counts only on the primitive's node: a new instance
    /// starting elsewhere does not restart it; its own node's instance recovering does.
    @Test func cloneFirstRestartsThenOnlyForTheInstanceOnItsNode() throws {
        for recovering in [false, true] {
            var f = Fixture(nodes: ["n1", "n2"])
            f.resources = "<clone id=\"cl\">" + T.primitive("p", monitor: "10s") + "</clone>" + T.primitive("b")
            f.constraints = "<rsc_order id=\"o\" first=\"cl\" then=\"b\"/><rsc_location id=\"l\" rsc=\"b\" node=\"n1\" score=\"100\"/>"
            f.nodeStatus = ["n1": T.history("p", monitorRC: recovering ? 7 : 0) + T.history("b"), "n2": T.stopped("p")]
            let lines = ActionsFormat.lines(try T.plan(f))
            #expect(lines.contains("summary\tstart\tp\tn2"))
            #expect(lines.contains("summary\trecover\tp\tn1") == recovering)
            #expect(lines.contains("summary\trestart\tb\tn1") == recovering)
        }
    }

    @Test func restartTypeMakesAnOptionalOrderRestartThen() throws {
        for restartType in [true, false] {
            var f = Fixture(nodes: ["n1"])
            f.resources = T.primitive("a", monitor: "10s")
                + Fixture.primitive("b", meta: restartType ? ["restart-type": "restart"] : [:])
            f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Optional\"/>"
            f.nodeStatus = ["n1": T.history("a", monitorRC: 7) + T.history("b")]
            let lines = ActionsFormat.lines(try T.plan(f))
            #expect(lines.contains("summary\trecover\ta\tn1"))
            #expect(lines.contains("summary\trestart\tb\tn1") == restartType)
        }
    }

    @Test func blockingFailureNeverExpires() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = """
        <primitive id="r" class="ocf" provider="heartbeat" type="Dummy">\
        <meta_attributes id="r-m"><nvpair id="r-ft" name="failure-timeout" value="60"/></meta_attributes>\
        <operations><op id="r-mon" name="monitor" interval="10s"/><op id="r-stop" name="stop" interval="0" on-fail="block"/></operations></primitive>
        """
        f.nodeStatus = ["n1": """
            <lrm_resource id="r" class="ocf" provider="heartbeat" type="Dummy">\
            <lrm_rsc_op id="r_start_0" operation="start" call-id="2" rc-code="0" op-status="0" interval="0" transition-key="1:1:0:x" last-rc-change="1000"/>\
            <lrm_rsc_op id="r_monitor_10000" operation="monitor" call-id="3" rc-code="0" op-status="0" interval="10000" transition-key="1:1:0:x" last-rc-change="1000"/>\
            <lrm_rsc_op id="r_last_failure_0" operation="stop" call-id="4" rc-code="1" op-status="0" interval="0" transition-key="1:1:0:x" last-rc-change="1000"/>\
            </lrm_resource>
            """, "n2": T.stopped("r")]
        f.transient = ["n1": ["fail-count-r": "1", "last-failure-r": "1000"]]
        let plan = try T.plan(f)
        let lines = ActionsFormat.lines(plan)
        // Long past failure-timeout, the failed stop still blocks: nothing is done for r.
        #expect(!lines.contains { $0.contains("\tr\t") })
        #expect(plan.placement.placement(of: "r")?.finalNodes == ["n1"])
    }
}
