import Foundation
import Testing
@testable import HalyardModel

/// The CIB codec on hand-written documents: what loads, what is refused and how it is named.
@Suite struct CIBCodecTests {
    static let minimal = """
        <cib admin_epoch="1" epoch="7" num_updates="3" validate-with="pacemaker-3.0" crm_feature_set="3.16.2">
          <configuration>
            <crm_config><cluster_property_set id="opts"><nvpair id="opts-se" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
            <nodes><node id="1" uname="n1"><instance_attributes id="n1-attrs"><nvpair id="n1-standby" name="standby" value="on"/></instance_attributes></node></nodes>
            <resources>
              <primitive id="vip" class="ocf" provider="halyard" type="IPaddr">
                <instance_attributes id="vip-params"><nvpair id="vip-ip" name="ip" value="10.0.0.1"/></instance_attributes>
                <operations><op id="vip-mon" name="monitor" interval="10s" timeout="20s" on-fail="restart">
                  <instance_attributes id="vip-mon-depth"><nvpair id="vip-mon-depth-l" name="OCF_CHECK_LEVEL" value="10"/></instance_attributes>
                </op></operations>
              </primitive>
              <clone id="pings"><meta_attributes id="pings-meta"><nvpair id="pings-max" name="clone-max" value="2"/></meta_attributes>
                <primitive id="ping" class="ocf" provider="halyard" type="ping"/>
              </clone>
            </resources>
            <constraints>
              <rsc_location id="loc" rsc="vip"><rule id="loc-rule" score="-INFINITY" boolean-op="or">
                <expression id="loc-e1" attribute="pingd" operation="not_defined"/>
                <expression id="loc-e2" attribute="pingd" operation="lte" value="0" type="number"/>
              </rule></rsc_location>
              <rsc_colocation id="col" score="INFINITY" rsc="vip" with-rsc="pings"/>
              <rsc_order id="ord" first="pings" then="vip" kind="Optional" symmetrical="false"/>
            </constraints>
          </configuration>
          <status>
            <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member" crm-debug-origin="x">
              <lrm id="1"><lrm_resources><lrm_resource id="vip" class="ocf" provider="halyard" type="IPaddr">
                <lrm_rsc_op id="vip_last_0" operation="start" call-id="4" rc-code="0" op-status="0" interval="0" last-rc-change="1700000000" transition-key="k"/>
              </lrm_resource></lrm_resources></lrm>
            </node_state>
          </status>
        </cib>
        """

    @Test func loadsEveryPart() throws {
        let cib = try CIBDecoder.decode(Self.minimal)
        #expect(cib.version == CIBVersion(adminEpoch: 1, epoch: 7, numUpdates: 3))
        #expect(cib.otherAttributes == [PassThroughAttribute(name: "crm_feature_set", value: "3.16.2")])
        let configuration = cib.configuration
        #expect(configuration.nodes.first?.isStandby == true)
        guard case .primitive(let vip)? = configuration.resources.first else { Issue.record("no vip"); return }
        #expect(vip.agentSpec == "ocf:halyard:IPaddr")
        #expect(vip.instanceAttributes.firstValue("ip") == "10.0.0.1")
        #expect(vip.operations.first?.onFail == "restart")
        #expect(vip.operations.first?.checkLevel == "10")
        guard case .clone(let clone) = configuration.resources[1] else { Issue.record("no clone"); return }
        #expect(clone.child.id == "ping")
        guard case .location(let location) = configuration.constraints[0] else { Issue.record("no location"); return }
        #expect(location.rules.first?.score == .minusInfinity)
        #expect(location.rules.first?.effectiveBooleanOp == .or)
        guard case .order(let order) = configuration.constraints[2] else { Issue.record("no order"); return }
        #expect(order.effectiveKind == .optional)
        #expect(order.symmetrical == false)
        let record = cib.status.nodes.first?.resources.first?.operations.first
        #expect(record?.rcCode == 0)
        #expect(record?.lastRCChange == 1_700_000_000)
        #expect(record?[other: "transition-key"] == "k")
    }

    @Test func writeThenLoadIsTheIdentity() throws {
        let cib = try CIBDecoder.decode(Self.minimal)
        let written = CIBEncoder.encode(cib)
        #expect(try CIBDecoder.decode(written) == cib)
        #expect(CIBEncoder.encode(try CIBDecoder.decode(written)) == written)
    }

    @Test(arguments: [
        ("<primitive id=\"vip\" class=\"ocf\" provider=\"halyard\" type=\"IPaddr\" colour=\"red\"/>", "unsupported attribute \"colour\"", "vip"),
        ("<bundle id=\"b1\"/>", "bundles", "b1"),
        ("<template id=\"t1\" class=\"ocf\" provider=\"x\" type=\"y\"/>", "templates", "t1"),
        ("<master id=\"ms\"/>", "promotable", "ms"),
        ("<primitive id=\"p\" class=\"ocf\" type=\"Dummy\"/>", "provider", "p"),
        ("<primitive id=\"p\" class=\"ocf\" provider=\"x\"/>", "missing required attribute \"type\"", "p"),
        ("<group id=\"g\"><mystery id=\"m\"/></group>", "unsupported element", "m"),
    ])
    func refusesUnsupportedResourcesNamingThem(resource: String, expected: String, id: String) {
        let document = "<cib epoch=\"1\"><configuration><crm_config/><nodes/>\n<resources>\(resource)</resources><constraints/></configuration></cib>"
        do {
            _ = try CIBDecoder.decode(document)
            Issue.record("accepted \(resource)")
        } catch {
            #expect(error.message.contains(expected), "got: \(error)")
            #expect(error.elementID == id)
            #expect(error.line == 2)
        }
    }

    @Test func refusesBadScoresAndUnknownSections() {
        let badScore = "<cib><configuration><constraints><rsc_location id=\"l\" rsc=\"a\" node=\"n\" score=\"lots\"/></constraints></configuration></cib>"
        #expect(throws: CIBLoadError.self) { try CIBDecoder.decode(badScore) }
        let acl = "<cib><configuration><acls/></configuration></cib>"
        do {
            _ = try CIBDecoder.decode(acl)
            Issue.record("accepted acls")
        } catch {
            #expect(error.description.contains("access control lists"))
        }
        #expect(throws: CIBLoadError.self) { try CIBDecoder.decode("<notacib/>") }
        #expect(throws: CIBLoadError.self) { try CIBDecoder.decode("<cib><status/></cib>") }
    }

    @Test func loadsAConfigurationFragment() throws {
        let configuration = try CIBDecoder.decodeConfiguration(Data("<configuration><resources><primitive id=\"d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/></resources></configuration>".utf8))
        #expect(configuration.resources.map(\.id) == ["d"])
    }
}
