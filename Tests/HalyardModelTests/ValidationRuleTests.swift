import Testing
@testable import HalyardModel

/// Rules: score sources, typed comparisons, date expressions, in constraints and attribute sets.
@Suite struct ValidationRuleTests {
    typealias F = ValidationFixture

    func validate(rule: String) throws -> [Diagnostic] {
        try F.validate(resources: F.dummy("a"), constraints: #"<rsc_location id="l" rsc="a">\#(rule)</rsc_location>"#)
    }

    @Test func aWellFormedRulePasses() throws {
        let rule = #"""
            <rule id="r" score-attribute="pingd" boolean-op="or">
              <expression id="e1" attribute="pingd" operation="gte" value="1" type="integer"/>
              <expression id="e2" attribute="#uname" operation="eq" value="node1"/>
              <date_expression id="d" operation="date_spec"><date_spec id="ds" hours="9-16" weekdays="1-5"/></date_expression>
            </rule>
            """#
        #expect(try validate(rule: rule).isEmpty)
    }

    @Test func scoreAndScoreAttributeTogether() throws {
        let rule = #"<rule id="r" score="10" score-attribute="pingd"><expression id="e" attribute="pingd" operation="defined"/></rule>"#
        expectOnly(try validate(rule: rule), "score-conflict", .error, naming: "r")
    }

    @Test func aComparisonWithoutAValue() throws {
        var configuration = try F.cib(resources: F.dummy("a")).configuration
        let expression = AttributeExpression(id: "e", attribute: "pingd", operation: .gt)
        configuration.constraints = [.location(LocationConstraint(id: "l", resource: "a", rules: [
            Rule(id: "r", score: .infinity, conditions: [.attribute(expression)]),
        ]))]
        expectOnly(CIBValidator.validate(configuration), "missing-value", .error, naming: "e")
    }

    @Test(arguments: [("integer", "1.5"), ("integer", "ten"), ("number", "1,5")])
    func aTypedValueThatDoesNotParse(type: String, value: String) throws {
        let rule = #"<rule id="r" score="10"><expression id="e" attribute="x" operation="lt" value="\#(value)" type="\#(type)"/></rule>"#
        expectOnly(try validate(rule: rule), "invalid-expression-value", .error, naming: "e")
    }

    @Test func aParameterReferenceIsNotParsed() throws {
        let rule = #"<rule id="r" score="10"><expression id="e" attribute="x" operation="lt" value="limit" type="integer" value-source="param"/></rule>"#
        #expect(try validate(rule: rule).isEmpty)
    }

    @Test(arguments: [
        #"<date_expression id="d" operation="lt" start="2024-01-01"/>"#,
        #"<date_expression id="d" operation="gt" end="2024-01-01"/>"#,
        #"<date_expression id="d" operation="in_range"/>"#,
        #"<date_expression id="d" operation="date_spec"/>"#,
    ])
    func dateExpressionsMissingWhatTheirOperationNeeds(expression: String) throws {
        expectOnly(try validate(rule: #"<rule id="r" score="10">\#(expression)</rule>"#), "incomplete-date-expression", .error, naming: "d")
    }

    @Test func aBadDateSpecField() throws {
        let rule = #"<rule id="r" score="10"><date_expression id="d" operation="date_spec"><date_spec id="ds" hours="9-to-5"/></date_expression></rule>"#
        expectOnly(try validate(rule: rule), "invalid-date-spec", .error, naming: "ds")
    }

    @Test func rulesInAttributeSetsAreChecked() throws {
        let meta = #"<meta_attributes id="m"><rule id="mr" score="0"><expression id="me" attribute="x" operation="eq" value="y" type="number"/></rule><nvpair id="m-p" name="priority" value="1"/></meta_attributes>"#
        let diagnostics = try F.validate(resources: F.dummy("a", meta))
        expectOnly(diagnostics, "invalid-expression-value", .error, naming: "me")
    }

    @Test func nestedRulesAndRuleRoles() throws {
        let rule = #"<rule id="r" score="10"><rule id="inner" role="Boss"><expression id="e" attribute="x" operation="defined"/></rule></rule>"#
        expectOnly(try validate(rule: rule), "invalid-role", .error, naming: "inner")
    }
}
