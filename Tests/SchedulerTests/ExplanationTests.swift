import HalyardModel
import Scheduler
import Testing

/// `ExplanationBuilder`: the reasons it gives for a placement, each with its score, most
/// decisive first.
@Suite struct ExplanationTests {
    func explain(_ f: Fixture, _ rsc: String, node: String? = nil) throws -> InstanceExplanation {
        let input = SchedulerInput(cib: try CIBDecoder.decode(f.xml), now: 1_700_000_000, recording: [.scores, .contributions, .conditions])
        let explanation = try #require(ExplanationBuilder(result: Scheduler.schedule(input)).explain(rsc, node: node))
        return try #require(explanation.instances.first)
    }

    @Test func ruleWithAttributeValueAndStickiness() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["resource-stickiness": "30"])
        f.transient = ["n2": ["pingd": "200"]]
        f.constraints = """
            <rsc_location id="l" rsc="a"><rule id="r" score="100">\
            <expression id="e" attribute="pingd" operation="gt" value="100" type="integer"/></rule></rsc_location>
            """
        f.nodeStatus = ["n1": Fixture.running("a")]
        let e = try explain(f, "a", node: "n1")
        #expect(e.assignedNode == "n2")
        let chosen = try #require(e.verdict(on: "n2"))
        #expect(chosen.score == 100)
        #expect(chosen.reasons.map(\.score) == [100])
        #expect(chosen.reasons.first?.text.contains("pingd=200 (gt 100)") == true)
        let other = try #require(e.verdict(on: "n1"))
        #expect(other.score == 30)
        #expect(other.reasons.first?.text.contains("resource-stickiness 30") == true)
    }

    @Test func colocationNamesThePrimarysNode() throws {
        var f = Fixture()
        f.resources = Fixture.primitive("a") + Fixture.primitive("b")
        f.constraints = """
            <rsc_location id="l" rsc="a" node="n3" score="100"/>\
            <rsc_colocation id="c" rsc="b" with-rsc="a" score="INFINITY"/>
            """
        let e = try explain(f, "b", node: "n1")
        #expect(e.assignedNode == "n3")
        let banned = try #require(e.verdict(on: "n1")?.reasons.first)
        #expect(banned.score == -1_000_000)
        #expect(banned.text.contains("colocation c") && banned.text.contains("placed on n3"))
    }

    @Test func unavailableNodeComesBeforeScores() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.standby = ["n1"]
        f.resources = Fixture.primitive("a")
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"INFINITY\"/>"
        let reasons = try #require(try explain(f, "a", node: "n1").verdict(on: "n1")?.reasons)
        #expect(reasons.map(\.score) == [nil, 1_000_000])
        #expect(reasons.first?.text == "n1 is in standby")
    }

    @Test func failCountReachingThresholdBansTheNode() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["migration-threshold": "2"])
        f.transient = ["n1": ["fail-count-a#start_0": "2"]]
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"100\"/>"
        let e = try explain(f, "a", node: "n1")
        #expect(e.assignedNode == "n2")
        let reasons = try #require(e.verdict(on: "n1")?.reasons)
        #expect(reasons.first?.score == -1_000_000)
        #expect(reasons.first?.text.contains("migration-threshold 2") == true)
        #expect(e.facts.contains { $0.text.hasPrefix("2 failure(s) on n1") })
    }

    @Test func targetRoleAndUnrunnableOrderAreFacts() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Fixture.primitive("a", meta: ["target-role": "Stopped"]) + Fixture.primitive("b")
        f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Mandatory\"/>"
        #expect(try explain(f, "a").facts.contains { $0.text == "target-role=Stopped" })
        let b = try explain(f, "b")
        #expect(b.finalNodes.isEmpty)
        #expect(b.facts.contains { $0.text.contains("ordered after a") })
    }

    @Test func unknownResourceHasNoExplanation() throws {
        let input = SchedulerInput(cib: try CIBDecoder.decode(Fixture().xml), recording: [.contributions])
        #expect(ExplanationBuilder(result: Scheduler.schedule(input)).explain("nope", node: nil) == nil)
    }
}
