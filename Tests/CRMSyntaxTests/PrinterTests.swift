import Testing
import HalyardModel
@testable import CRMSyntax

/// `configure show` layout, quoting, when ids are written, and what is reported as unprintable.
@Suite struct PrinterTests {
    func roundTrip(_ configuration: Configuration) throws -> Configuration {
        try CRMAssembler.apply(try CRMParser.parse(CRMPrinter.print(configuration)), to: Configuration(), replacing: true)
    }

    @Test func showLayout() throws {
        let text = """
            node n1 attributes standby=off
            primitive vip IPaddr2 params ip=10.0.0.5 op monitor interval=10s timeout=20s
            primitive apache apache
            group web vip apache meta target-role=Started
            colocation c inf: web vip
            property stonith-enabled=false no-quorum-policy=stop
            """
        let configuration = try CRMAssembler.apply(try CRMParser.parse(text), to: Configuration(), replacing: true)
        #expect(CRMPrinter.print(configuration) == """
            node n1 \\
                attributes standby=off
            primitive vip ocf:heartbeat:IPaddr2 \\
                params ip=10.0.0.5 \\
                op monitor interval=10s timeout=20s
            primitive apache ocf:heartbeat:apache
            group web vip apache \\
                meta target-role=Started
            colocation c INFINITY: web vip
            property \\
                stonith-enabled=false \\
                no-quorum-policy=stop

            """)
        #expect(CRMPrinter.unprintable(configuration).isEmpty)
    }

    @Test func writesOnlyIDsTheParserWouldNotGenerate() throws {
        var p = Primitive(id: "db", standard: "ocf", provider: "heartbeat", type: "pgsql")
        p.instanceAttributes = [AttributeSet(kind: .instance, id: "db-instance_attributes", pairs: [NVPair(id: "x", name: "a", value: "1")]),
                                AttributeSet(kind: .instance, id: "custom", pairs: [NVPair(id: "y", name: "b", value: "2")])]
        p.operations = [Operation(id: "db-monitor-30s", name: "monitor", interval: "30s"),
                        Operation(id: "legacy-op", name: "start", interval: "0")]
        let text = CRMPrinter.print(Configuration(resources: [.primitive(p)]))
        #expect(text.contains("params a=1 \\"))
        #expect(text.contains("params $id=custom b=2"))
        #expect(text.contains("op monitor interval=30s \\"))
        #expect(text.contains("op start interval=0 id=legacy-op"))
        let back = try roundTrip(Configuration(resources: [.primitive(p)]))
        #expect(back.allPrimitives.first?.operations.map(\.id) == ["db-monitor-30s", "legacy-op"])
        #expect(back.allPrimitives.first?.instanceAttributes.map(\.id) == ["db-instance_attributes", "custom"])
    }

    @Test func quotingRoundTrips() throws {
        let values = ["two words", "", "it's", "say \"hi\"", "back\\slash", "multi\nline", "ünï 🌍", "a=b", "{x}", "param{x}"]
        var p = Primitive(id: "q", standard: "ocf", provider: "heartbeat", type: "Dummy", description: "a \"described\" thing")
        p.instanceAttributes = [AttributeSet(kind: .instance, id: "q-instance_attributes",
                                             pairs: values.enumerated().map { NVPair(id: "q-instance_attributes-v\($0.offset)", name: "v\($0.offset)", value: $0.element) }
                                                 + [NVPair(id: "q-instance_attributes-bare", name: "bare", value: nil)])]
        let rule = Rule(id: "l-rule", score: .infinity, conditions: values.enumerated().map { .attribute(AttributeExpression(id: "l-rule-expression\($0.offset == 0 ? "" : "-\($0.offset - 1)")", attribute: "#uname", operation: .eq, value: $0.element)) })
        let location = LocationConstraint(id: "l", resource: "q", rules: [rule])
        let configuration = Configuration(resources: [.primitive(p)], constraints: [.location(location)])
        let back = try roundTrip(configuration)
        #expect(back == configuration)
        #expect(CRMPrinter.print(back) == CRMPrinter.print(configuration))
    }

    @Test func smallResourceSetsStaySets() throws {
        let order = OrderConstraint(id: "o", resourceSets: [ResourceSet(id: "o-0", resources: ["a"])])
        let colocation = ColocationConstraint(id: "c", score: .infinity, resourceSets: [
            ResourceSet(id: "c-0", resources: ["a", "b"]), ResourceSet(id: "c-1", requireAll: false, resources: ["d"]),
        ])
        let configuration = Configuration(constraints: [.order(order), .colocation(colocation)])
        let text = CRMPrinter.print(configuration)
        #expect(text.contains("order o _rsc_set_ a\n"))
        #expect(text.contains("colocation c INFINITY: a b _rsc_set_ d require-all=false _rsc_set_\n"))
        #expect(try roundTrip(configuration) == configuration)
    }

    @Test func explicitBooleanOpIsKept() throws {
        let rule = Rule(id: "l-rule", score: .minusInfinity, booleanOp: .and, conditions: [
            .attribute(AttributeExpression(id: "l-rule-expression", attribute: "#is_dc", operation: .eq, value: "false")),
        ])
        let configuration = Configuration(constraints: [.location(LocationConstraint(id: "l", resource: "r", rules: [rule]))])
        #expect(CRMPrinter.print(configuration).contains("rule $boolean-op=and -INFINITY: #is_dc eq false"))
        #expect(try roundTrip(configuration) == configuration)
    }

    @Test func targetlessFencingTopologyIsPrintedCompactly() throws {
        let text = "node n1\nnode n2\nfencing_topology ipmi pdu\n"
        let configuration = try CRMAssembler.apply(try CRMParser.parse(text), to: Configuration(), replacing: true)
        #expect(CRMPrinter.print(configuration) == text)
    }

    @Test func alertsPrintAndParseBack() throws {
        let text = """
            alert notify /usr/share/pacemaker/alert_file.sh \\
                meta timeout=15s \\
                to /var/log/cluster-alerts.log attributes level=info

            """
        let configuration = try CRMAssembler.apply(try CRMParser.parse(text), to: Configuration(), replacing: true)
        #expect(CRMPrinter.print(configuration) == text)
    }

    @Test func reportsWhatCrmshCannotExpress() {
        let nested = Rule(id: "r", score: .infinity, conditions: [.rule(Rule(id: "inner"))])
        let configuration = Configuration(
            nodes: [Node(id: "n1", uname: "n1", score: Score(clamping: 5))],
            constraints: [
                .location(LocationConstraint(id: "l", resource: "a", rules: [nested])),
                .order(OrderConstraint(id: "o", resourceSets: [ResourceSet(id: "s", ordering: "listed", resources: ["a", "b", "c"])])),
            ],
            fencingTopology: [FencingLevel(id: "f", target: "n1", index: 2, devices: ["ipmi"])])
        let issues = CRMPrinter.unprintable(configuration)
        #expect(issues.contains { $0.hasPrefix("node n1: score=5") })
        #expect(issues.contains { $0.contains("location l") && $0.contains("nested rule") })
        #expect(issues.contains { $0.contains("order o") && $0.contains("ordering") })
        #expect(issues.contains { $0.contains("fencing_topology") && $0.contains("not numbered") })
    }
}
