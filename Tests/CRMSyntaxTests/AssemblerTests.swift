import Testing
import HalyardModel
@testable import CRMSyntax

/// `load replace` / `load update` semantics and the errors naming ids.
@Suite struct AssemblerTests {
    func assemble(_ text: String, onto base: Configuration = Configuration(), replacing: Bool = true) throws -> Configuration {
        try CRMAssembler.apply(try CRMParser.parse(text), to: base, replacing: replacing)
    }

    func assemblyError(_ text: String, onto base: Configuration = Configuration(), replacing: Bool = true) throws -> String? {
        let statements = try CRMParser.parse(text)
        do {
            _ = try CRMAssembler.apply(statements, to: base, replacing: replacing)
            return nil
        } catch {
            return error.message
        }
    }

    static let web = """
        node n1
        node n2
        primitive vip IPaddr2 params ip=10.0.0.5
        primitive apache apache
        primitive ping ocf:pacemaker:ping
        group web vip apache
        clone ping-clone ping
        location prefer-n1 web 100: n1
        property stonith-enabled=false
        """

    @Test func groupsAndClonesTakeTheirChildren() throws {
        let c = try assemble(Self.web)
        #expect(c.resources.map(\.id) == ["web", "ping-clone"])
        guard case .group(let g) = c.resources[0] else { Issue.record("not a group"); return }
        #expect(g.members.map(\.id) == ["vip", "apache"])
        #expect(c.resource(id: "ping")?.id == "ping")
        #expect(c.nodes.map(\.id) == ["n1", "n2"])
        #expect(c.clusterProperties.first?["stonith-enabled"] == "false")
    }

    @Test func topLevelOrderFollowsTheFirstPrimitive() throws {
        let c = try assemble("primitive a Dummy\nprimitive b Dummy\nprimitive c Dummy\nclone cc c\ngroup g b\n")
        #expect(c.resources.map(\.id) == ["a", "g", "cc"])
    }

    @Test func updateReplacesInPlaceAndAppends() throws {
        let base = try assemble(Self.web)
        let c = try assemble("""
            primitive apache apache params configfile=/etc/apache2/apache2.conf
            primitive db pgsql
            property no-quorum-policy=stop
            property stonith-enabled=true
            node n2 attributes standby=on
            """, onto: base, replacing: false)
        #expect(c.resources.map(\.id) == ["web", "ping-clone", "db"])
        #expect(c.allPrimitives.first { $0.id == "apache" }?.instanceAttributes.first?["configfile"] == "/etc/apache2/apache2.conf")
        #expect(c.clusterProperties.count == 1)
        #expect(c.clusterProperties[0].pairs.map(\.name) == ["stonith-enabled", "no-quorum-policy"])
        #expect(c.clusterProperties[0]["stonith-enabled"] == "true")
        #expect(c.nodes.map(\.id) == ["n1", "n2"] && c.nodes[1].isStandby)
    }

    @Test func updateKeepsAnExistingNodeIDWhenNoneIsWritten() throws {
        let base = Configuration(nodes: [Node(id: "101", uname: "n1")])
        let c = try assemble("node n1 attributes standby=on", onto: base, replacing: false)
        #expect(c.nodes.map(\.id) == ["101"] && c.nodes[0].isStandby)
    }

    @Test func updateRegroupingReleasesDroppedMembers() throws {
        let base = try assemble(Self.web)
        let c = try assemble("group web vip", onto: base, replacing: false)
        #expect(c.resources.map(\.id) == ["web", "apache", "ping-clone"])
    }

    @Test func replaceDropsWhatTheTextDoesNotMention() throws {
        let base = try assemble(Self.web)
        let c = try assemble("primitive db pgsql", onto: base, replacing: true)
        #expect(c.resources.map(\.id) == ["db"])
        #expect(c.nodes.isEmpty && c.constraints.isEmpty && c.clusterProperties.isEmpty)
    }

    @Test func targetlessFencingTopologyCoversEveryNode() throws {
        let c = try assemble("node n1\nnode n2\nfencing_topology ipmi pdu,net\n")
        #expect(c.fencingTopology.map(\.target) == ["n1", "n1", "n2", "n2"])
        #expect(c.fencingTopology.map(\.index) == [1, 2, 1, 2])
        #expect(c.fencingTopology.map(\.devices) == [["ipmi"], ["pdu", "net"], ["ipmi"], ["pdu", "net"]])
    }

    @Test(arguments: [
        ("group g a", "group 'g': member 'a' is not defined"),
        ("primitive a Dummy\ngroup g1 a\ngroup g2 a", "'a' is claimed by both 'g1' and 'g2'"),
        ("primitive a Dummy\ngroup g a\nclone c a", "'a' is claimed by both 'g' and 'c'"),
        ("clone c missing", "clone 'c': child 'missing' is not defined"),
        ("primitive a Dummy\nprimitive a Stateful", "duplicate id 'a' in the text"),
        ("primitive a Dummy\nlocation a a 10: n1", "duplicate id 'a' in the text"),
        ("primitive a Dummy\nprimitive b Dummy\ngroup g a\ngroup h g", "member 'g' is a group"),
    ])
    func refusesBadStructure(text: String, message: String) throws {
        let error = try #require(try assemblyError(text))
        #expect(error.contains(message), "\(error)")
    }

    @Test func refusesAnIDUsedByAnotherKind() throws {
        let base = try assemble(Self.web)
        let error = try #require(try assemblyError("group prefer-n1 ping", onto: base, replacing: false))
        #expect(error.contains("'prefer-n1' is already used by a location"))
    }
}
