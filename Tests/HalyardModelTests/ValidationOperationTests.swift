import Testing
@testable import HalyardModel

/// Operation definitions: durations, duplicates, recurring one-shot actions, on-fail and role.
@Suite struct ValidationOperationTests {
    typealias F = ValidationFixture

    func validate(_ ops: String) throws -> [Diagnostic] {
        try F.validate(resources: F.dummy("p", "<operations>\(ops)</operations>"))
    }

    @Test func wellFormedOperationsPass() throws {
        let ops = #"""
            <op id="p-start" name="start" interval="0" timeout="20s"/>
            <op id="p-mon" name="monitor" interval="PT10S" timeout="1min" on-fail="Restart"/>
            <op id="p-mon-p" name="monitor" interval="11s" role="Promoted" on-fail="demote"/>
            """#
        #expect(try validate(ops).isEmpty)
    }

    @Test func anUnreadableInterval() throws {
        expectOnly(try validate(#"<op id="m" name="monitor" interval="10 parsecs"/>"#), "invalid-duration", .error, naming: "m")
    }

    @Test func anUnreadableTimeout() throws {
        expectOnly(try validate(#"<op id="m" name="monitor" interval="10s" timeout="soon"/>"#), "invalid-duration", .error, naming: "m")
    }

    @Test func aNegativeTimeout() throws {
        expectOnly(try validate(#"<op id="m" name="monitor" interval="10s" timeout="-5s"/>"#), "negative-duration", .error, naming: "m")
    }

    @Test func aBadBooleanSetting() throws {
        expectOnly(try validate(#"<op id="m" name="monitor" interval="10s" enabled="maybe"/>"#),
                   "invalid-operation-value", .error, naming: "m")
    }

    @Test func sameNameAndIntervalTwice() throws {
        let ops = #"<op id="m1" name="monitor" interval="10s" role="Promoted"/><op id="m2" name="monitor" interval="10000ms" role="Unpromoted"/>"#
        let diagnostics = try validate(ops)
        expectOnly(diagnostics, "duplicate-operation", .error, naming: "m2")
        #expect(diagnostics.first?.message.contains("'m1'") == true)
        #expect(diagnostics.first?.objectID == "m2")
    }

    @Test(arguments: ["start", "stop", "promote"])
    func aRecurringOneShotAction(name: String) throws {
        expectOnly(try validate(#"<op id="x" name="\#(name)" interval="30s"/>"#), "recurring-one-shot-action", .warning, naming: "x")
    }

    @Test func anUnknownOnFail() throws {
        expectOnly(try validate(#"<op id="m" name="monitor" interval="10s" on-fail="panic"/>"#), "invalid-on-fail", .error, naming: "m")
    }

    @Test func onFailNotAllowedForThisAction() throws {
        let diagnostics = try validate(#"<op id="s" name="stop" interval="0" on-fail="standby"/><op id="m" name="monitor" interval="10s" on-fail="demote"/>"#)
        #expect(diagnostics.map(\.code) == ["invalid-on-fail", "invalid-on-fail"])
        #expect(diagnostics.map(\.objectID) == ["s", "m"])
    }

    @Test func aLegacyOnFail() throws {
        expectOnly(try validate(#"<op id="m" name="monitor" interval="10s" on-fail="nothing"/>"#), "legacy-on-fail", .warning, naming: "m")
    }

    @Test func operationRoles() throws {
        let diagnostics = try validate(#"<op id="m1" name="monitor" interval="10s" role="Master"/><op id="m2" name="monitor" interval="11s" role="Leader"/>"#)
        #expect(diagnostics.map(\.code) == ["deprecated-role", "invalid-role"])
        #expect(diagnostics.map(\.severity) == [.warning, .error])
        #expect(diagnostics.map(\.objectID) == ["m1", "m2"])
    }
}
