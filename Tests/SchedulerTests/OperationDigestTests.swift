import HalyardModel
import Testing
@testable import Scheduler

/// Operation digests as Pacemaker records them (`op-digest`), and what a changed one does to
/// a recorded failure: its fail count is cleared and no longer counts against
/// migration-threshold.
@Suite struct OperationDigestTests {
    typealias T = TransitionRuleTests

    @Test func md5MatchesTheRFCTestSuite() {
        #expect(MD5.hex("".utf8) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex("abc".utf8) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex("message digest".utf8) == "f96b697d7cb7938d525a2f31aaf161d0")
        let digits = "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
        #expect(MD5.hex(digits.utf8) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    /// Digests recorded by Pacemaker in its own regression inputs: no parameters, and a
    /// recurring monitor (resource and operation parameters plus the timeout).
    @Test func digestsMatchPacemakersRecords() {
        #expect(OperationDigest.digest([:]) == "f2317cad3d54cec5d7d7aa7d0bf35cf8")
        #expect(OperationDigest.digest([
            "state": "/tmp/dummy-state", "state2": "/tmp/dummy-state-2", "trace_ra": "1", "CRM_meta_timeout": "20000",
        ]) == "88f69460c4f7a70e57779a95eaf1799c")
    }

    /// A failed start recorded with other parameters: with start-failure-is-fatal its fail
    /// count (INFINITY) would ban the node, but the changed parameters clear it.
    @Test func changedParametersClearAFailedStartsFailCount() throws {
        for changed in [true, false] {
            var f = Fixture(nodes: ["n1"])
            f.resources = """
                <primitive id="a" class="ocf" provider="heartbeat" type="Dummy">\
                <instance_attributes id="a-ia"><nvpair id="a-ia-p" name="port" value="\(changed ? "1984" : "80")"/></instance_attributes>\
                </primitive>
                """
            let recorded = OperationDigest.digest(["port": "80"])
            f.nodeStatus = ["n1": """
                <lrm_resource id="a" class="ocf" provider="heartbeat" type="Dummy">\
                <lrm_rsc_op id="a_last_0" operation="stop" call-id="3" rc-code="0" op-status="0" interval="0" transition-key="1:1:0:x"/>\
                <lrm_rsc_op id="a_last_failure_0" operation="start" call-id="2" rc-code="1" op-status="0" interval="0" \
                transition-key="1:1:0:x" op-digest="\(recorded)"/>\
                </lrm_resource>
                """]
            f.transient = ["n1": ["fail-count-a": "INFINITY", "last-failure-a": "1699999000"]]
            let lines = ActionsFormat.lines(try T.plan(f))
            #expect(lines.contains("exec\tclear_failcount\ta\tn1") == changed)
            #expect(lines.contains("summary\tstart\ta\tn1") == changed)
            let explanation = try ExplanationTests().explain(f, "a")
            #expect(explanation.facts.contains { $0.node == "n1" && $0.text.contains("fail count on n1 is cleared") } == changed)
        }
    }
}
