import Testing
@testable import HalyardModel

/// Cluster properties: unknown, mistyped, deprecated, conflicting, and fencing without devices.
@Suite struct ValidationPropertyTests {
    typealias F = ValidationFixture

    static func pair(_ id: String, _ name: String, _ value: String) -> String {
        #"<nvpair id="\#(id)" name="\#(name)" value="\#(value)"/>"#
    }

    @Test func anUnknownPropertySuggestsTheClosestName() throws {
        let diagnostics = try F.validate(properties: F.fencingOff + Self.pair("p1", "no-quorum-polcy", "stop"))
        expectOnly(diagnostics, "unknown-property", .warning, naming: "no-quorum-polcy")
        #expect(diagnostics.first?.message.contains("did you mean 'no-quorum-policy'?") == true)
        #expect(diagnostics.first?.objectID == "p1")
    }

    @Test(arguments: [
        ("no-quorum-policy", "shrug", "one of stop, freeze"), ("symmetric-cluster", "sometimes", "a boolean"),
        ("stonith-timeout", "long", "a time interval"), ("batch-limit", "many", "an integer"),
    ])
    func aKnownPropertyWithABadValue(name: String, value: String, expected: String) throws {
        let diagnostics = try F.validate(properties: F.fencingOff + Self.pair("p1", name, value))
        expectOnly(diagnostics, "invalid-property-value", .error, naming: name)
        #expect(diagnostics.first?.message.contains(expected) == true)
    }

    @Test(arguments: [
        ("default-resource-stickiness", "100", "rsc_defaults resource-stickiness"),
        ("is-managed-default", "true", "rsc_defaults is-managed"),
        ("default-action-timeout", "30s", "op_defaults timeout"),
    ])
    func deprecatedPropertiesNameTheirReplacement(name: String, value: String, replacement: String) throws {
        let diagnostics = try F.validate(properties: F.fencingOff + Self.pair("p1", name, value))
        expectOnly(diagnostics, "deprecated-property", .warning, naming: name)
        #expect(diagnostics.first?.message.contains(replacement) == true)
    }

    @Test func stonithEnabledAndFencingEnabledDisagree() throws {
        let diagnostics = try F.validate(properties: F.fencingOff + Self.pair("p1", "fencing-enabled", "true"),
                                         resources: F.fenceDevice("ipmi"))
        expectOnly(diagnostics, "conflicting-properties", .warning, naming: "p1")
        #expect(diagnostics.first?.message.contains("'opt-fencing'") == true)
        #expect(diagnostics.first?.objectID == "p1")
    }

    @Test func theSameValueUnderBothNamesIsFine() throws {
        #expect(try F.validate(properties: F.fencingOff + Self.pair("p1", "fencing-enabled", "no")).isEmpty)
    }

    @Test func fencingEnabledWithoutDevices() throws {
        let diagnostics = try F.validate(properties: "", resources: F.dummy("a"))
        expectOnly(diagnostics, "no-fencing-devices", .warning, naming: "false")
        #expect(diagnostics.first?.objectID == nil)
        #expect(try F.validate(properties: "", resources: F.fenceDevice("ipmi")).isEmpty)
    }
}
