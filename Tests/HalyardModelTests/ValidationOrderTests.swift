import Testing
@testable import HalyardModel

/// Findings come in the document order of the objects they concern, whatever check found them.
@Suite struct ValidationOrderTests {
    typealias F = ValidationFixture

    @Test func findingsFollowDocumentOrder() throws {
        let resources = F.dummy("a", #"<operations><op id="a-mon" name="monitor" interval="soon"/></operations>"#)
            + #"<primitive id="b" class="upstart" type="x"/>"#
        let constraints = #"<rsc_colocation id="c" rsc="a" with-rsc="a" score="10"/><rsc_location id="l" rsc="ghost" node="node1" score="1"/>"#
        let diagnostics = try F.validate(properties: F.fencingOff + #"<nvpair id="typo" name="stonith-enabeld" value="no"/>"#,
                                         resources: resources, constraints: constraints)
        #expect(diagnostics.map(\.objectID) == ["typo", "a-mon", "b", "c", "l"])
        #expect(diagnostics.map(\.code) == ["unknown-property", "invalid-duration", "unknown-resource-class", "self-colocation",
                                            "dangling-reference"])
        #expect(diagnostics.errors.count == 4 && diagnostics.warnings.count == 1)
    }

    @Test func validationIsDeterministic() throws {
        let cib = try F.cib(properties: "", resources: F.dummy("a") + F.dummy("a"),
                            constraints: #"<rsc_order id="o" first="a" then="a"/>"#)
        let first = CIBValidator.validate(cib)
        #expect(!first.isEmpty)
        #expect(CIBValidator.validate(cib) == first)
    }

    @Test func descriptionReadsLikeCrmVerify() {
        let diagnostic = Diagnostic(severity: .warning, code: "unknown-node", message: "m", objectID: nil)
        #expect(diagnostic.description == "warning: m [unknown-node]")
    }
}
