import Testing
@testable import HalyardModel

/// Constraint meaning: missing sides, self-references, roles, actions, kinds, resource-discovery.
@Suite struct ValidationConstraintTests {
    typealias F = ValidationFixture
    static let resources = F.dummy("a") + F.dummy("b")

    func validate(_ constraint: String) throws -> [Diagnostic] {
        try F.validate(resources: Self.resources, constraints: constraint)
    }

    @Test func colocationWithItself() throws {
        expectOnly(try validate(#"<rsc_colocation id="c" rsc="a" with-rsc="a" score="INFINITY"/>"#), "self-colocation", .error, naming: "a")
    }

    @Test func orderWithFirstEqualToThen() throws {
        expectOnly(try validate(#"<rsc_order id="o" first="b" then="b" kind="Mandatory"/>"#), "self-order", .error, naming: "b")
    }

    @Test(arguments: [
        #"<rsc_order id="o" first="a" kind="Mandatory"/>"#,
        #"<rsc_colocation id="o" rsc="a" score="INFINITY"/>"#,
        #"<rsc_location id="o" node="node1" score="10"/>"#,
        #"<rsc_location id="o" rsc="a" node="node1"/>"#,
    ])
    func constraintsMissingASide(constraint: String) throws {
        expectOnly(try validate(constraint), "incomplete-constraint", .error, naming: "o")
    }

    @Test func invalidAndDeprecatedRoles() throws {
        let diagnostics = try validate(#"<rsc_colocation id="c" rsc="a" with-rsc="b" score="10" rsc-role="Boss" with-rsc-role="Master"/>"#)
        #expect(diagnostics.map(\.code) == ["invalid-role", "deprecated-role"])
        #expect(diagnostics.map(\.severity) == [.error, .warning])
        expectFinding(diagnostics, "invalid-role", .error, naming: "Boss")
        expectFinding(diagnostics, "deprecated-role", .warning, naming: "Promoted")
        #expect(diagnostics.allSatisfy { $0.message.contains("'c'") })
    }

    @Test func rolesAreCaseInsensitive() throws {
        #expect(try validate(#"<rsc_location id="l" rsc="a" role="promoted" node="node1" score="10"/>"#).isEmpty)
    }

    @Test func roleInAResourceSet() throws {
        let set = #"<rsc_colocation id="c" score="10"><resource_set id="s" role="Slave"><resource_ref id="a"/></resource_set></rsc_colocation>"#
        expectOnly(try validate(set), "deprecated-role", .warning, naming: "s")
    }

    @Test func unknownOrderActions() throws {
        let diagnostics = try validate(#"<rsc_order id="o" first="a" first-action="begin" then="b" kind="Optional"/>"#)
        expectOnly(diagnostics, "invalid-action", .error, naming: "begin")
    }

    @Test func kindAndScoreTogether() throws {
        expectOnly(try validate(#"<rsc_order id="o" first="a" then="b" kind="Optional" score="INFINITY"/>"#),
                   "kind-score-conflict", .warning, naming: "o")
    }

    @Test func scoreInsteadOfKindIsDeprecated() throws {
        let diagnostics = try validate(#"<rsc_order id="o" first="a" then="b" score="0"/>"#)
        expectOnly(diagnostics, "deprecated-order-score", .warning, naming: "o")
        #expect(diagnostics.first?.message.contains("kind='Optional'") == true)
    }

    @Test func resourceDiscoveryValues() throws {
        #expect(try validate(#"<rsc_location id="l" rsc="a" node="node1" score="10" resource-discovery="exclusive"/>"#).isEmpty)
        expectOnly(try validate(#"<rsc_location id="l" rsc="a" node="node1" score="10" resource-discovery="sometimes"/>"#),
                   "invalid-resource-discovery", .error, naming: "l")
    }
}
