import Foundation
import HalyardModel
import Testing
@testable import CIBAdmin

/// `crmctl status` from a CIB: node states, where resources run, failures and expiring moves.
@Suite struct ClusterStatusTests {
    static let cib = """
        <cib epoch="4" num_updates="2" admin_epoch="0" have-quorum="1" dc-uuid="1">
          <configuration>
            <crm_config><cluster_property_set id="o">
              <nvpair id="o1" name="stonith-enabled" value="false"/><nvpair id="o2" name="cluster-name" value="lab"/>
            </cluster_property_set></crm_config>
            <nodes>
              <node id="1" uname="n1"/>
              <node id="2" uname="n2"><instance_attributes id="n2a"><nvpair id="n2s" name="standby" value="on"/></instance_attributes></node>
              <node id="3" uname="n3"/>
            </nodes>
            <resources>
              <primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/>
              <primitive id="db" class="ocf" provider="pacemaker" type="Dummy"/>
            </resources>
            <constraints>
              <rsc_location id="cli-ban-db-on-n1" rsc="db" role="Started">
                <rule id="r" score="-INFINITY" boolean-op="and">
                  <expression id="e" attribute="#uname" operation="eq" value="n1"/>
                  <date_expression id="d" operation="lt" end="2027-01-15T12:00:00Z"/>
                </rule>
              </rsc_location>
            </constraints>
          </configuration>
          <status>
            <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
              <lrm id="1"><lrm_resources>
                <lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy">
                  <lrm_rsc_op id="web_last_0" operation="start" call-id="3" rc-code="0" op-status="0" interval="0"/>
                  <lrm_rsc_op id="web_last_failure_0" operation="monitor" call-id="2" rc-code="1" op-status="0" interval="10000" last-rc-change="1800000000" exit-reason="pid file gone"/>
                </lrm_resource>
              </lrm_resources></lrm>
            </node_state>
            <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/>
            <node_state id="3" uname="n3" in_ccm="false" crmd="offline" join="down" expected="down"/>
          </status>
        </cib>
        """

    @Test func showsNodesResourcesFailuresAndBans() throws {
        let status = ClusterStatus(cib: try CIBDecoder.decode(Self.cib), now: 1_800_000_000)
        #expect(status.clusterName == "lab")
        #expect(status.designatedController == "n1")
        #expect(status.hasQuorum)
        #expect(status.nodes.map(\.state) == ["online", "standby", "offline"])
        #expect(status.resources.first { $0.id == "web" }?.nodes == ["n1"])
        #expect(status.resources.first { $0.id == "db" }?.state == "Stopped")
        #expect(status.failedActions.first?.exitReason == "pid file gone")
        #expect(status.failedActions.first?.intervalMilliseconds == 10_000)
        #expect(status.overrides.first?.kind == "ban")
        #expect(status.overrides.first?.node == "n1")
        #expect(status.overrides.first?.expired == false)
        let text = status.text
        #expect(text.contains("n2\tSTANDBY"))
        #expect(text.contains("web monitor every 10s on n1: rc=1: pid file gone"))
        #expect(text.contains("cli-ban-db-on-n1: db banned from n1, until 2027-01-15T12:00:00Z"))
        let later = ClusterStatus(cib: try CIBDecoder.decode(Self.cib), now: 1_900_000_000)
        #expect(later.overrides.first?.expired == true)
    }
}
