import HalyardModel
import Scheduler
import Testing

/// The status text `crmctl simulate` prints before and after the transition, as
/// `crm_simulate -S` prints it.
@Suite struct TransitionTextTests {
    /// The "Revised Cluster Status" part of the text.
    private static func revised(_ f: Fixture) throws -> String {
        let input = SchedulerInput(cib: try CIBDecoder.decode(f.xml), now: 1_700_000_000)
        let text = TransitionText.render(Scheduler.plan(input))
        return String(try #require(text.range(of: "Revised Cluster Status").map { text[$0.lowerBound...] }))
    }

    private static func failedStop(rc: Int) -> String {
        """
        <lrm_resource id="a" class="ocf" provider="heartbeat" type="Dummy">\
        <lrm_rsc_op id="a_last_0" operation="stop" call-id="3" rc-code="\(rc)" op-status="0" interval="0" transition-key="1:1:0:x"/>\
        </lrm_resource>
        """
    }

    /// Nothing recovers a blocked resource: it is still failed after the transition.
    @Test func blockedFailureStaysFailed() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a")
        f.nodeStatus = ["n2": Self.failedStop(rc: 1)]
        #expect(try Self.revised(f).contains("* a:\tFAILED n2 (blocked)"))
    }

    /// A failed monitor is recovered by the transition: the revised status shows it started.
    @Test func recoveredFailureIsStartedAfterwards() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a")
        f.nodeStatus = ["n2": """
            <lrm_resource id="a" class="ocf" provider="heartbeat" type="Dummy">\
            <lrm_rsc_op id="a_start_0" operation="start" call-id="2" rc-code="0" op-status="0" interval="0" transition-key="1:1:0:x"/>\
            <lrm_rsc_op id="a_monitor_10000" operation="monitor" call-id="3" rc-code="1" op-status="0" interval="10000" transition-key="2:1:0:x"/>\
            </lrm_resource>
            """]
        #expect(try Self.revised(f).contains("* a:\tStarted n2\n"))
    }
}
