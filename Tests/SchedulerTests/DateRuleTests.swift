import HalyardModel
import Testing
@testable import Scheduler

/// Date expressions in location rules hold only while their time window is open — what lets
/// `crmctl resource move` expire on its own.
@Suite struct DateRuleTests {
    static func cib(moveUntil end: String) throws -> CIB {
        try CIBDecoder.decode("""
            <cib epoch="1" have-quorum="1">
              <configuration>
                <crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
                <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
                <resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/></resources>
                <constraints>
                  <rsc_location id="pref" rsc="web" node="n1" score="100"/>
                  <rsc_location id="cli-prefer-web" rsc="web" role="Started">
                    <rule id="r" score="INFINITY" boolean-op="and">
                      <expression id="e" attribute="#uname" operation="eq" value="n2"/>
                      <date_expression id="d" operation="lt" end="\(end)"/>
                    </rule>
                  </rsc_location>
                </constraints>
              </configuration>
              <status>
                <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member"/>
                <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/>
              </status>
            </cib>
            """)
    }

    @Test func aMoveHoldsUntilItExpires() throws {
        let cib = try Self.cib(moveUntil: "2026-11-22T12:00:00Z")
        let before = ISODate.epochSeconds(parsing: "2026-11-22T11:59:00Z")!
        let after = ISODate.epochSeconds(parsing: "2026-11-22T12:00:01Z")!
        #expect(Scheduler.schedule(SchedulerInput(cib: cib, now: before)).placement(of: "web")?.finalNodes == ["n2"])
        #expect(Scheduler.schedule(SchedulerInput(cib: cib, now: after)).placement(of: "web")?.finalNodes == ["n1"])
    }
}
