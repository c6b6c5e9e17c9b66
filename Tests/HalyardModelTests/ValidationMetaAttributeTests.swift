import Testing
@testable import HalyardModel

/// Typed meta-attributes on resources, in rsc_defaults and op_defaults.
@Suite struct ValidationMetaAttributeTests {
    typealias F = ValidationFixture

    static func meta(_ name: String, _ value: String) -> String {
        #"<meta_attributes id="m"><nvpair id="m-\#(name)" name="\#(name)" value="\#(value)"/></meta_attributes>"#
    }

    @Test(arguments: [
        ("migration-threshold", "three"), ("resource-stickiness", "sticky"), ("priority", "high"),
        ("is-managed", "perhaps"), ("multiple-active", "panic"),
    ])
    func badlyTypedPrimitiveMeta(name: String, value: String) throws {
        let diagnostics = try F.validate(resources: F.dummy("p", Self.meta(name, value)))
        expectOnly(diagnostics, "invalid-meta-value", .error, naming: "p")
        #expect(diagnostics.first?.message.contains("'\(name)'") == true)
    }

    @Test func aNumberPacemakerReadsByItsIntegerPrefix() throws {
        let diagnostics = try F.validate(resources: F.dummy("p", Self.meta("priority", "1.0")))
        expectOnly(diagnostics, "inexact-number", .warning, naming: "p")
        #expect(diagnostics.first?.message.contains("reads as 1") == true)
    }

    @Test func anExplicitDefaultIsDeprecated() throws {
        let diagnostics = try F.validate(resources: F.dummy("p", Self.meta("target-role", "#default")))
        expectOnly(diagnostics, "deprecated-default-value", .warning, naming: "m-target-role")
    }

    @Test func aBadFailureTimeout() throws {
        expectOnly(try F.validate(resources: F.dummy("p", Self.meta("failure-timeout", "a while"))), "invalid-duration", .error, naming: "p")
    }

    @Test func targetRoleValues() throws {
        expectOnly(try F.validate(resources: F.dummy("p", Self.meta("target-role", "Running"))), "invalid-role", .error, naming: "p")
        expectOnly(try F.validate(resources: F.dummy("p", Self.meta("target-role", "Slave"))), "deprecated-role", .warning, naming: "p")
        #expect(try F.validate(resources: F.dummy("p", Self.meta("target-role", "Stopped"))).isEmpty)
    }

    @Test(arguments: [("clone-max", "-1"), ("clone-node-max", "two"), ("interleave", "sometimes"), ("promotable", "2")])
    func badlyTypedCloneMeta(name: String, value: String) throws {
        let diagnostics = try F.validate(resources: #"<clone id="c">\#(Self.meta(name, value))\#(F.dummy("p"))</clone>"#)
        expectOnly(diagnostics, "invalid-meta-value", .error, naming: "c")
    }

    @Test func aPromotableClonedGroupIsFine() throws {
        let group = #"<group id="g">\#(F.dummy("a"))\#(F.dummy("b"))</group>"#
        #expect(try F.validate(resources: #"<clone id="c">\#(Self.meta("promotable", "true"))\#(group)</clone>"#).isEmpty)
    }

    @Test func metaOfAGroupMember() throws {
        let diagnostics = try F.validate(resources: #"<group id="g">\#(F.dummy("a", Self.meta("priority", "high")))</group>"#)
        expectOnly(diagnostics, "invalid-meta-value", .error, naming: "a")
    }

    @Test func resourceAndOperationDefaults() throws {
        let other = #"""
            <rsc_defaults><meta_attributes id="rd"><nvpair id="rd-s" name="resource-stickiness" value="lots"/></meta_attributes></rsc_defaults>
            <op_defaults><meta_attributes id="od"><nvpair id="od-t" name="timeout" value="-20s"/></meta_attributes></op_defaults>
            """#
        let diagnostics = try F.validate(other: other)
        #expect(diagnostics.map(\.code) == ["invalid-meta-value", "negative-duration"])
        #expect(diagnostics.map(\.objectID) == ["rd", "od"])
        #expect(diagnostics.allSatisfy { $0.message.contains("'\($0.objectID ?? "")'") })
    }

    @Test func operationMetaAttributes() throws {
        let op = #"<operations><op id="mon" name="monitor" interval="10s">\#(Self.meta("record-pending", "often"))</op></operations>"#
        expectOnly(try F.validate(resources: F.dummy("p", op)), "invalid-meta-value", .error, naming: "mon")
    }
}
