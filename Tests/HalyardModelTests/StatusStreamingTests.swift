import Foundation
import Testing
@testable import HalyardModel

/// The status section is decoded straight from the scanner: its errors name the same element,
/// id and line as before, and a malformed document is still reported as such first.
@Suite struct StatusStreamingTests {
    static func document(status: String, after: String = "") -> String {
        """
        <cib admin_epoch="0" epoch="1" num_updates="0">
          <configuration><crm_config/><nodes/><resources/><constraints/></configuration>
          <status>
        \(status)
          </status>
        </cib>\(after)
        """
    }

    static func loadError(_ text: String) -> CIBLoadError? {
        do {
            _ = try CIBDecoder.decode(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusalsNameTheElementIDAndLine() {
        let badInt = Self.loadError(Self.document(status: """
            <node_state id="1"><lrm id="1"><lrm_resources><lrm_resource id="r" class="ocf" type="D">
            <lrm_rsc_op id="r_last_0" operation="start" call-id="x" rc-code="0" op-status="0" interval="0"/>
            </lrm_resource></lrm_resources></lrm></node_state>
            """))
        #expect(badInt == CIBLoadError("attribute \"call-id\" must be an integer, not \"x\"", element: "lrm_rsc_op", elementID: "r_last_0", line: 5))
        let child = Self.loadError(Self.document(status: """
            <node_state id="1"><lrm id="1"><lrm_resources><lrm_resource id="r" class="ocf" type="D">
            <lrm_rsc_op id="op" operation="start" call-id="1" rc-code="0" op-status="0" interval="0">
              <nvpair id="stray" name="a" value="b"/></lrm_rsc_op>
            </lrm_resource></lrm_resources></lrm></node_state>
            """))
        #expect(child?.element == "nvpair")
        #expect(child?.elementID == "stray")
        #expect(child?.line == 6)
        let unknown = Self.loadError(Self.document(status: "<node_state uname=\"n1\"/>\n<tickets id=\"t\"/>"))
        #expect(unknown == CIBLoadError("unsupported element inside <status>", element: "tickets", elementID: "t", line: 5))
        #expect(Self.loadError(Self.document(status: "<node_state crmd=\"online\"/>"))?.message == "a node_state needs an id or a uname")
    }

    @Test func malformedXMLIsReportedBeforeAnEarlierModelError() {
        let error = Self.loadError(Self.document(status: "<node_state crmd=\"online\"/>", after: "\n<extra/>"))
        #expect(error == CIBLoadError("malformed XML: content after the root element", line: 7))
        let unclosed = Self.loadError(Self.document(status: "<node_state crmd=\"online\"/>\n<node_state id=\"2\">"))
        #expect(unclosed?.message.hasPrefix("malformed XML: ") == true)
    }

    @Test func configurationOfAWholeCIBStillChecksItsStatus() throws {
        let good = Self.document(status: "<node_state id=\"1\" uname=\"n1\"/>")
        #expect(try CIBDecoder.decodeConfiguration(Data(good.utf8)) == CIBDecoder.decode(good).configuration)
        #expect(throws: CIBLoadError.self) {
            try CIBDecoder.decodeConfiguration(Data(Self.document(status: "<node_state crmd=\"online\"/>").utf8))
        }
    }

    @Test func writtenStatusReadsBackTheSame() throws {
        let cib = try CIBDecoder.decode(Self.document(status: """
            <node_state id="1" uname="n1" crm-debug-origin="do_update" in_ccm="true">
              <transient_attributes id="1"><instance_attributes id="status-1"><nvpair id="s-1" name="a" value="&lt;1&gt;"/></instance_attributes></transient_attributes>
              <lrm id="1"><lrm_resources><lrm_resource id="r" class="ocf" provider="p" type="D" container="c">
                <lrm_rsc_op id="r_last_0" operation="start" call-id="-3" rc-code="0" op-status="0" interval="0" last-run="0" exit-reason="a&amp;b&#10;c" on_node="n1" op-digest="d"/>
              </lrm_resource></lrm_resources></lrm>
            </node_state>
            """))
        let written = CIBEncoder.encode(cib)
        #expect(written.contains("<lrm_rsc_op id=\"r_last_0\" operation=\"start\" call-id=\"-3\" rc-code=\"0\" op-status=\"0\" interval=\"0\" last-run=\"0\" exit-reason=\"a&amp;b&#10;c\" on_node=\"n1\" op-digest=\"d\"/>"))
        #expect(try CIBDecoder.decode(written) == cib)
    }
}
