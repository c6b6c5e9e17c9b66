import Foundation
import Testing
@testable import Executor

/// `AgentMetadata.parse` on HalyardModel's XML reader: documents as agents print them
/// (DOCTYPE, references, CDATA, other languages) and as installed agents print them.
@Suite("Agent meta-data")
struct AgentMetadataTests {
    static func parse(_ text: String) throws(MetadataError) -> AgentMetadata {
        try AgentMetadata.parse(Array(text.utf8))
    }

    @Test func englishOrUnlabelledDescriptionsAreTakenWithTheirWhitespaceCollapsed() throws {
        let metadata = try Self.parse("""
            <?xml version="1.0"?>
            <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
            <resource-agent name="web" version="2.3">
              <version>1.1</version>
              <longdesc lang="de">Ein Webserver</longdesc>
              <longdesc lang="en-US">Serves   pages
                 from &lt;docroot&gt; &amp; more</longdesc>
              <shortdesc lang="fr">Serveur</shortdesc>
              <shortdesc>Web <![CDATA[server <1>]]></shortdesc>
              <parameters>
                <parameter name="port" required="yes">
                  <longdesc lang="en">Port&#10;number</longdesc>
                  <shortdesc lang="en">Port</shortdesc>
                  <content type="integer" default="80"/>
                </parameter>
                <parameter name="docroot" required="0"><content/></parameter>
                <parameter name="user"/>
              </parameters>
              <actions>
                <action name="start" timeout="20s"/>
                <action name="monitor" timeout="10s" interval="30s" depth="10" role="Promoted"/>
              </actions>
            </resource-agent>
            """)
        #expect(metadata.name == "web" && metadata.version == "2.3" && metadata.ocfVersion == "1.1")
        #expect(metadata.longDescription == "Serves pages from <docroot> & more")
        #expect(metadata.shortDescription == "Web server <1>")
        #expect(metadata.parameters == [
            .init(name: "port", required: true, type: "integer", defaultValue: "80", shortDescription: "Port", longDescription: "Port number"),
            .init(name: "docroot", required: false, type: "string"),
            .init(name: "user"),
        ])
        #expect(metadata.actions == [
            .init(name: "start", timeout: "20s"),
            .init(name: "monitor", timeout: "10s", interval: "30s", depth: "10", role: "Promoted"),
        ])
    }

    @Test func malformedDocumentsAreReportedWithTheirLine() {
        do {
            _ = try Self.parse("<resource-agent name=\"x\">\n  <parameters>\n  </actions>\n</resource-agent>")
            Issue.record("accepted a mismatched end tag")
        } catch {
            #expect(error.description.hasPrefix("malformed meta-data XML: line 3:"), "\(error)")
        }
    }

    @Test func aDoctypeThatCouldDefineEntitiesIsRefused() {
        let external = """
            <!DOCTYPE resource-agent [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <resource-agent name="x"><longdesc>&secret;</longdesc></resource-agent>
            """
        #expect(throws: MetadataError.self) { try Self.parse(external) }
        #expect(throws: MetadataError.self) { try Self.parse("<resource-agent name=\"x\"><longdesc>&secret;</longdesc></resource-agent>") }
    }

    @Test func theRootMustBeAResourceAgent() {
        #expect(throws: MetadataError("the meta-data root is <agent>, not <resource-agent>")) { try Self.parse("<agent name=\"x\"/>") }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/fence_dummy"), "fence-agents is not installed"))
    func aFenceAgentsShortDescriptionIsOnItsRoot() async throws {
        let result = await AgentRunner(locator: .standard()).run(OperationRequest(resource: "fd", agent: .stonith(name: "fence_dummy"), action: "meta-data"))
        let metadata = try AgentMetadata.parse(result.stdout.bytes)
        #expect(metadata.name == "fence_dummy" && metadata.shortDescription == "Dummy fence agent")
        let action = try #require(metadata.parameters.first { $0.name == "action" })
        #expect(action.required && action.defaultValue == "reboot" && action.shortDescription == "Fencing action")
        #expect(metadata.parameters.first { $0.name == "delay" }?.type == "second")
        #expect(["on", "off", "reboot", "status", "monitor", "metadata"].allSatisfy { name in metadata.actions.contains { $0.name == name } })
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/lib/ocf/resource.d/heartbeat/kamailio"), "resource-agents is not installed"))
    func anInstalledResourceAgentsReferencesAreDecoded() async throws {
        let result = await AgentRunner(locator: .standard()).run(OperationRequest(resource: "k", agent: .ocf(provider: "heartbeat", type: "kamailio"), action: "meta-data"))
        let metadata = try AgentMetadata.parse(result.stdout.bytes)
        #expect(metadata.shortDescription == "Resource agent for Kamailio")
        let monitoring = try #require(metadata.parameters.first { $0.name == "monitoring_ip" })
        // (The agent's shell expands `$ru` in its own example to nothing.)
        #expect(monitoring.longDescription.contains("two & characters, which need to be replaced"), "\(monitoring.longDescription)")
        #expect(monitoring.longDescription.contains("if (is_method(\"OPTIONS\") && ("), "\(monitoring.longDescription)")
    }
}
