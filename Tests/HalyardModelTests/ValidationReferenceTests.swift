import Testing
@testable import HalyardModel

/// References that must land: constraint resources, nodes, fencing devices and targets, id-refs.
@Suite struct ValidationReferenceTests {
    typealias F = ValidationFixture

    @Test(arguments: [
        #"<rsc_location id="c" rsc="ghost" node="node1" score="10"/>"#,
        #"<rsc_colocation id="c" rsc="a" with-rsc="ghost" score="INFINITY"/>"#,
        #"<rsc_order id="c" first="ghost" then="a" kind="Optional"/>"#,
        #"<rsc_order id="c"><resource_set id="s"><resource_ref id="a"/><resource_ref id="ghost"/></resource_set></rsc_order>"#,
    ])
    func constraintsNamingMissingResources(constraint: String) throws {
        let diagnostics = try F.validate(resources: F.dummy("a"), constraints: constraint)
        expectOnly(diagnostics, "dangling-reference", .error, naming: "ghost")
        #expect(diagnostics.first?.objectID == "c")
        #expect(diagnostics.first?.message.contains("'c'") == true)
    }

    @Test func aMisspeltResourceGetsASuggestion() throws {
        let diagnostics = try F.validate(resources: F.dummy("webserver"),
                                         constraints: #"<rsc_location id="c" rsc="webservr" node="node1" score="10"/>"#)
        #expect(diagnostics.first?.message.contains("did you mean 'webserver'?") == true)
    }

    @Test func groupMembersMayBeConstrained() throws {
        let diagnostics = try F.validate(resources: #"<group id="g">\#(F.dummy("a"))\#(F.dummy("b"))</group>"#,
                                         constraints: #"<rsc_location id="c" rsc="b" node="node1" score="10"/>"#)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aChildOfAnAnonymousCloneIsAWarning() throws {
        let diagnostics = try F.validate(resources: #"<clone id="ping-clone">\#(F.dummy("ping"))</clone>"#,
                                         constraints: #"<rsc_location id="c" rsc="ping" node="node1" score="10"/>"#)
        expectOnly(diagnostics, "constraint-on-clone-child", .warning, naming: "ping-clone")
        #expect(diagnostics.first?.message.contains("'ping'") == true)
    }

    @Test func aMemberOfAGloballyUniqueClonedGroupIsAnError() throws {
        let meta = #"<meta_attributes id="u-meta"><nvpair id="u-gu" name="globally-unique" value="true"/></meta_attributes>"#
        let diagnostics = try F.validate(resources: #"<clone id="u">\#(meta)<group id="g">\#(F.dummy("a"))</group></clone>"#,
                                         constraints: #"<rsc_colocation id="c" rsc="a" with-rsc="u" score="10"/>"#)
        expectOnly(diagnostics, "constraint-on-clone-child", .error, naming: "a")
    }

    @Test func anUnknownLocationNodeIsAWarning() throws {
        let diagnostics = try F.validate(resources: F.dummy("a"),
                                         constraints: #"<rsc_location id="c" rsc="a" node="node9" score="10"/>"#)
        expectOnly(diagnostics, "unknown-node", .warning, naming: "node9")
    }

    @Test func nodesKnownOnlyFromStatusOrRemoteResourcesCount() throws {
        let cib = try F.cib(resources: F.dummy("a") + #"<primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>"#,
                            constraints: #"<rsc_location id="c1" rsc="a" node="node9" score="10"/><rsc_location id="c2" rsc="a" node="remote1" score="10"/>"#,
                            status: #"<node_state id="9" uname="node9"/>"#)
        #expect(CIBValidator.validate(cib).isEmpty)
        expectOnly(CIBValidator.validate(cib.configuration), "unknown-node", .warning, naming: "node9")
    }

    @Test func fencingLevelDevices() throws {
        let topology = #"<fencing-topology><fencing-level id="fl" target="node1" index="1" devices="ipmi,a,nope"/></fencing-topology>"#
        let diagnostics = try F.validate(resources: F.fenceDevice("ipmi") + F.dummy("a"), other: topology)
        #expect(diagnostics.map(\.code) == ["not-a-fencing-device", "dangling-reference"])
        expectFinding(diagnostics, "not-a-fencing-device", .error, naming: "a")
        expectFinding(diagnostics, "dangling-reference", .error, naming: "nope")
        #expect(diagnostics.allSatisfy { $0.objectID == "fl" })
    }

    @Test func anUnknownFencingTargetIsAWarning() throws {
        let topology = #"<fencing-topology><fencing-level id="fl" target="node7" index="1" devices="ipmi"/></fencing-topology>"#
        let diagnostics = try F.validate(resources: F.fenceDevice("ipmi"), other: topology)
        expectOnly(diagnostics, "unknown-node", .warning, naming: "node7")
    }

    @Test func idRefsMustNameAnElementOfTheSameKind() throws {
        let sets = #"<meta_attributes id-ref="shared-meta"/><instance_attributes id="p"><nvpair id-ref="ghost-pair"/></instance_attributes>"#
        let diagnostics = try F.validate(resources: F.dummy("a", sets), constraints: #"<rsc_location id="c" rsc="a"><rule id-ref="bootstrap"/></rsc_location>"#)
        #expect(diagnostics.map(\.code) == ["dangling-reference", "dangling-reference", "dangling-reference"])
        // The model keeps instance attributes before meta attributes, as the encoder writes them.
        #expect(diagnostics.map(\.objectID) == ["p", "a", "c"])
        for (diagnostic, target) in zip(diagnostics, ["ghost-pair", "shared-meta", "bootstrap"]) {
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.message.contains("'\(target)'") && diagnostic.message.contains("'\(diagnostic.objectID ?? "")'"))
        }
    }

    @Test func idRefsThatLandAreFine() throws {
        let shared = #"<meta_attributes id="shared"><nvpair id="shared-p" name="priority" value="2"/></meta_attributes>"#
        let diagnostics = try F.validate(resources: F.dummy("a", shared) + F.dummy("b", #"<meta_attributes id-ref="shared"/>"#))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }
}
