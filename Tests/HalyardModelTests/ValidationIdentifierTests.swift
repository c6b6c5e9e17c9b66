import Testing
@testable import HalyardModel

/// Duplicate ids, anywhere in the configuration, and duplicate node ids and names.
@Suite struct ValidationIdentifierTests {
    typealias F = ValidationFixture

    @Test func aCleanConfigurationHasNoFindings() throws {
        let diagnostics = try F.validate(resources: F.dummy("a") + F.dummy("b"),
                                         constraints: #"<rsc_order id="a-then-b" first="a" then="b" kind="Mandatory"/>"#)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aPrimitiveInTwoGroupsIsADuplicateID() throws {
        let diagnostics = try F.validate(resources: #"<group id="g1">\#(F.dummy("web"))</group><group id="g2">\#(F.dummy("web"))</group>"#)
        expectOnly(diagnostics, "duplicate-id", .error, naming: "web")
        #expect(diagnostics.first?.objectID == "web")
    }

    @Test func idsClashAcrossKindsOfElement() throws {
        let meta = #"<meta_attributes id="a"><nvpair id="bootstrap" name="priority" value="1"/></meta_attributes>"#
        let diagnostics = try F.validate(resources: F.dummy("a", meta))
        #expect(diagnostics.map(\.code) == ["duplicate-id", "duplicate-id"])
        #expect(diagnostics.map(\.objectID) == ["a", "bootstrap"])
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.message.contains("'\($0.objectID ?? "")'") })
    }

    @Test func constraintsOpsAndRulesShareTheNamespace() throws {
        let op = #"<operations><op id="mon" name="monitor" interval="10s"/></operations>"#
        let constraint = #"<rsc_location id="mon" rsc="a"><rule id="r" score="10"><expression id="r" attribute="x" operation="defined"/></rule></rsc_location>"#
        let diagnostics = try F.validate(resources: F.dummy("a", op), constraints: constraint)
        #expect(diagnostics.map(\.objectID) == ["mon", "r"])
        #expect(diagnostics.allSatisfy { $0.code == "duplicate-id" && $0.severity == .error })
    }

    @Test func nodeIDsAreTheirOwnNamespace() throws {
        var configuration = try F.cib(resources: F.dummy("1")).configuration
        #expect(CIBValidator.validate(configuration).isEmpty)
        configuration.nodes.append(Node(id: "1", uname: "node3"))
        expectOnly(CIBValidator.validate(configuration), "duplicate-id", .error, naming: "1")
    }

    @Test func twoNodesWithOneName() throws {
        var configuration = try F.cib().configuration
        configuration.nodes.append(Node(id: "3", uname: "node1"))
        let diagnostics = CIBValidator.validate(configuration)
        expectOnly(diagnostics, "duplicate-node-name", .error, naming: "node1")
        #expect(diagnostics.first?.objectID == "3")
    }
}
