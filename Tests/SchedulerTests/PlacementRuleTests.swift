import HalyardModel
import Scheduler
import Testing

/// One test per placement rule of Pacemaker Explained, on hand-made CIBs.
@Suite struct PlacementRuleTests {
    @Test func resourcesSpreadOverNodesByCount() throws {
        var f = Fixture()
        f.resources = Fixture.primitive("a") + Fixture.primitive("b") + Fixture.primitive("c")
        let result = try f.schedule()
        let nodes = ["a", "b", "c"].compactMap { result.placement(of: $0)?.finalNodes.first }
        #expect(nodes == ["n1", "n2", "n3"])
    }

    @Test func positiveLocationPrefersNode() throws {
        var f = Fixture()
        f.resources = Fixture.primitive("a")
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n2\" score=\"100\"/>"
        #expect(try f.finalNodes("a") == ["n2"])
    }

    @Test func minusInfinityLocationBans() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a")
        f.constraints = """
            <rsc_location id="l1" rsc="a" node="n1" score="-INFINITY"/>\
            <rsc_location id="l2" rsc="a" node="n2" score="-INFINITY"/>
            """
        #expect(try f.finalNodes("a") == [])
    }

    @Test func ruleOnNodeAttributeWithBooleanOr() throws {
        var f = Fixture()
        f.resources = Fixture.primitive("a")
        f.transient = ["n3": ["pingd": "200"]]
        f.constraints = """
            <rsc_location id="l" rsc="a"><rule id="r" score="INFINITY" boolean-op="or">\
            <expression id="e1" attribute="pingd" operation="gt" value="100" type="integer"/>\
            <expression id="e2" attribute="#uname" operation="eq" value="nowhere"/></rule></rsc_location>
            """
        #expect(try f.finalNodes("a") == ["n3"])
    }

    @Test func asymmetricClusterNeedsAnOptIn() throws {
        var f = Fixture()
        f.properties["symmetric-cluster"] = "false"
        f.resources = Fixture.primitive("a") + Fixture.primitive("b")
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n2\" score=\"0\"/>"
        #expect(try f.finalNodes("a") == ["n2"])
        #expect(try f.finalNodes("b") == [])
    }

    @Test func stickinessKeepsResourceInPlace() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["resource-stickiness": "100"])
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"50\"/>"
        f.nodeStatus = ["n2": Fixture.running("a")]
        #expect(try f.finalNodes("a") == ["n2"])
        f.resources = Fixture.primitive("a", meta: ["resource-stickiness": "10"])
        #expect(try f.finalNodes("a") == ["n1"])
    }

    @Test func standbyNodeGetsNothing() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.standby = ["n1"]
        f.resources = Fixture.primitive("a")
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"INFINITY\"/>"
        f.nodeStatus = ["n1": Fixture.running("a")]
        #expect(try f.finalNodes("a") == ["n2"])
    }

    @Test func mandatoryColocationFollowsPrimary() throws {
        var f = Fixture()
        f.resources = Fixture.primitive("a") + Fixture.primitive("b")
        f.constraints = """
            <rsc_location id="l" rsc="a" node="n3" score="100"/>\
            <rsc_colocation id="c" rsc="b" with-rsc="a" score="INFINITY"/>
            """
        #expect(try f.finalNodes("b") == ["n3"])
    }

    @Test func dependentCannotRunWithoutItsPrimary() throws {
        var f = Fixture()
        f.resources = Fixture.primitive("a", meta: ["target-role": "Stopped"]) + Fixture.primitive("b")
        f.constraints = "<rsc_colocation id=\"c\" rsc=\"b\" with-rsc=\"a\" score=\"INFINITY\"/>"
        #expect(try f.finalNodes("b") == [])
    }

    @Test func antiColocationSeparates() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a") + Fixture.primitive("b")
        f.constraints = """
            <rsc_location id="l1" rsc="a" node="n1" score="100"/>\
            <rsc_location id="l2" rsc="b" node="n1" score="50"/>\
            <rsc_colocation id="c" rsc="b" with-rsc="a" score="-INFINITY"/>
            """
        #expect(try f.finalNodes("b") == ["n2"])
    }

    @Test func migrationThresholdMovesAfterFailures() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["migration-threshold": "3", "resource-stickiness": "100"])
        f.nodeStatus = ["n1": Fixture.running("a")]
        f.transient = ["n1": ["fail-count-a#monitor_10000": "2"]]
        #expect(try f.finalNodes("a") == ["n1"])
        f.transient = ["n1": ["fail-count-a#monitor_10000": "3"]]
        #expect(try f.finalNodes("a") == ["n2"])
    }

    @Test func failureTimeoutExpiresFailCount() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["migration-threshold": "1", "failure-timeout": "60s"])
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"10\"/>"
        f.transient = ["n1": ["fail-count-a": "1", "last-failure-a": "1699999000"]]
        #expect(try f.finalNodes("a") == ["n1"])
        f.transient = ["n1": ["fail-count-a": "1", "last-failure-a": "1699999990"]]
        #expect(try f.finalNodes("a") == ["n2"])
    }

    @Test func groupMembersStayTogether() throws {
        var f = Fixture()
        f.resources = "<group id=\"g\">" + Fixture.primitive("g1") + Fixture.primitive("g2") + "</group>"
        f.constraints = "<rsc_location id=\"l\" rsc=\"g\" node=\"n2\" score=\"100\"/>"
        #expect(try f.finalNodes("g1") == ["n2"])
        #expect(try f.finalNodes("g2") == ["n2"])
    }

    @Test func groupStopsFromFirstUnrunnableMember() throws {
        var f = Fixture()
        f.resources = "<group id=\"g\">" + Fixture.primitive("g1") + Fixture.primitive("g2", meta: ["target-role": "Stopped"])
            + Fixture.primitive("g3") + "</group>"
        #expect(try f.finalNodes("g1").count == 1)
        #expect(try f.finalNodes("g2") == [])
        #expect(try f.finalNodes("g3") == [])
    }

    @Test func cloneNodeMaxIsRespected() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = "<clone id=\"c\">" + Fixture.primitive("p")
            + Fixture.metaXML("c", ["clone-max": "4", "clone-node-max": "1"]) + "</clone>"
        let lines = PlacementFormat.lines(try f.schedule())
        #expect(lines == ["c\tn1", "c\tn2"])
    }

    /// Only OCF and fencing agents can be globally unique: a unique clone of an LSB agent is
    /// made anonymous, with no more instances than there are nodes.
    @Test func uniqueCloneOfAnLSBAgentIsAnonymousWithAnInstancePerNode() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = "<clone id=\"c\"><primitive id=\"p\" class=\"lsb\" type=\"dummy\"/>"
            + Fixture.metaXML("c", ["clone-max": "5", "globally-unique": "true"]) + "</clone>"
        let result = try f.schedule()
        #expect(PlacementFormat.lines(result) == ["c\tn1", "c\tn2"])
        #expect(result.resources.map(\.id).sorted() == ["p:0", "p:1"])
    }

    /// An instance of a cloned group first tried on its current node and placed elsewhere is
    /// counted where it goes: the next instance takes the other node. (Pacemaker 2.1.5 does not
    /// undo a group instance's trial, and starts both instances on n2, above clone-node-max.)
    @Test func clonedGroupInstancesRespectCloneNodeMaxAfterATrialOnTheirNode() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = "<clone id=\"c\"><group id=\"g\">" + Fixture.primitive("a") + Fixture.primitive("b") + "</group></clone>"
        f.constraints = "<rsc_location id=\"l\" rsc=\"c\" node=\"n2\" score=\"10\"/>"
        f.nodeStatus = ["n1": Fixture.running("b")]
        #expect(PlacementFormat.lines(try f.schedule()) == ["a\tn1", "a\tn2", "b\tn1", "b\tn2", "c\tn1", "c\tn2"])
    }

    @Test func mandatoryOrderWithUnrunnableFirstStopsThen() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Fixture.primitive("a", meta: ["target-role": "Stopped"]) + Fixture.primitive("b")
        f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\"/>"
        f.nodeStatus = ["n1": Fixture.running("b")]
        #expect(try f.finalNodes("b") == [])
        f.constraints = "<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Optional\"/>"
        #expect(try f.finalNodes("b") == ["n1"])
    }

    @Test func offlineNodeResourcesMove() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.offline = ["n1"]
        f.resources = Fixture.primitive("a")
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"100\"/>"
        #expect(try f.finalNodes("a") == ["n2"])
    }

    @Test func unmanagedResourceStaysWhereItRuns() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["is-managed": "false"])
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"-INFINITY\"/>"
        f.nodeStatus = ["n1": Fixture.running("a")]
        #expect(try f.finalNodes("a") == ["n1"])
    }

    /// An unmanaged active resource prefers its node absolutely, so a resource it is colocated
    /// with is drawn there against a weaker preference of its own (as crm_simulate places it).
    @Test func unmanagedResourceDrawsWhatItIsColocatedWith() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["is-managed": "false"]) + Fixture.primitive("b")
        f.constraints = "<rsc_location id=\"l\" rsc=\"b\" node=\"n1\" score=\"100\"/>"
            + "<rsc_colocation id=\"c\" rsc=\"a\" with-rsc=\"b\" score=\"INFINITY\"/>"
        f.nodeStatus = ["n2": Fixture.running("a")]
        #expect(try f.finalNodes("a") == ["n2"])
        #expect(try f.finalNodes("b") == ["n2"])
    }

    /// A stop that failed with a hard error (here rc=5, not installed) can only be recovered
    /// by fencing the node; without a fencing device the resource is blocked where it is.
    @Test func hardStopFailureThatCannotBeFencedBlocksTheResource() throws {
        var f = Fixture(nodes: ["n1", "n2"])
        f.properties["stonith-enabled"] = "true"
        f.resources = Fixture.primitive("a")
        f.nodeStatus = ["n2": """
            <lrm_resource id="a" class="ocf" provider="heartbeat" type="Dummy">\
            <lrm_rsc_op id="a_last_0" operation="stop" call-id="3" rc-code="5" op-status="0" interval="0" transition-key="1:1:0:x"/>\
            </lrm_resource>
            """]
        let a = try #require(try f.schedule().placement(of: "a"))
        #expect(a.blocked && !a.managed)
        #expect(a.finalNodes == ["n2"])
    }

    @Test func noQuorumStopsResources() throws {
        var f = Fixture(nodes: ["n1"])
        f.resources = Fixture.primitive("a")
        f.nodeStatus = ["n1": Fixture.running("a")]
        let cib = try CIBDecoder.decode(f.xml)
        #expect(Scheduler.schedule(SchedulerInput(cib: cib, quorum: false)).placement(of: "a")?.finalNodes == [])
        f.properties["no-quorum-policy"] = "ignore"
        let ignoring = try CIBDecoder.decode(f.xml)
        #expect(Scheduler.schedule(SchedulerInput(cib: ignoring, quorum: false)).placement(of: "a")?.finalNodes == ["n1"])
    }

    @Test func outputIsDeterministic() throws {
        var f = Fixture()
        f.resources = (1...6).map { Fixture.primitive("r\($0)") }.joined()
        let first = PlacementFormat.lines(try f.schedule())
        for _ in 0..<5 { #expect(PlacementFormat.lines(try f.schedule()) == first) }
    }
}
