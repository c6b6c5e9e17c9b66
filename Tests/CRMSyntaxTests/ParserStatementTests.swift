import Testing
import HalyardModel
@testable import CRMSyntax

/// Hand-written crmsh statements and the model values they must produce.
@Suite struct ParserStatementTests {
    func one(_ text: String) throws -> CRMStatement {
        let statements = try CRMParser.parse(text)
        try #require(statements.count == 1)
        return statements[0]
    }

    @Test func primitiveWithParamsMetaAndOps() throws {
        let text = """
            primitive vip ocf:heartbeat:IPaddr2 \\
                params ip=10.0.0.5 cidr_netmask=24 \\
                meta target-role=Started \\
                utilization cpu=1 \\
                op monitor interval=10s timeout=20s OCF_CHECK_LEVEL=10 \\
                op start timeout=30s
            """
        guard case .primitive(let p) = try one(text) else { Issue.record("not a primitive"); return }
        #expect(p.agentSpec == "ocf:heartbeat:IPaddr2")
        #expect(p.instanceAttributes == [AttributeSet(kind: .instance, id: "vip-instance_attributes", pairs: [
            NVPair(id: "vip-instance_attributes-ip", name: "ip", value: "10.0.0.5"),
            NVPair(id: "vip-instance_attributes-cidr_netmask", name: "cidr_netmask", value: "24"),
        ])])
        #expect(p.metaAttributes.first?.id == "vip-meta_attributes")
        #expect(p.utilization.first?["cpu"] == "1")
        #expect(p.operations.map(\.id) == ["vip-monitor-10s", "vip-start-0s"])
        let monitor = p.operations[0]
        #expect(monitor.timeout == "20s")
        #expect(monitor.checkLevel == "10")
        #expect(monitor.instanceAttributes.first?.id == "vip-monitor-10s-instance_attributes")
        #expect(p.operations[1].interval == "0s")
    }

    @Test func agentShortForms() throws {
        guard case .primitive(let bare) = try one("primitive a Dummy"),
              case .primitive(let lsb) = try one("primitive b lsb:postfix"),
              case .primitive(let fence) = try one("primitive f stonith:fence_xvm params pcmk_host_list=\"n1 n2\"") else {
            Issue.record("not primitives"); return
        }
        #expect(bare.agentSpec == "ocf:heartbeat:Dummy")
        #expect(lsb.agentSpec == "lsb:postfix")
        #expect(fence.instanceAttributes.first?["pcmk_host_list"] == "n1 n2")
    }

    @Test func explicitIDsAndSecondSets() throws {
        guard case .primitive(let p) = try one("primitive a Dummy params $id=p1 x=1 params y=2 op monitor interval=5 id=mon op_meta z=3") else {
            Issue.record("not a primitive"); return
        }
        #expect(p.instanceAttributes.map(\.id) == ["p1", "a-instance_attributes"])
        #expect(p.operations.first?.id == "mon")
        #expect(p.operations.first?.metaAttributes.first?.id == "mon-meta_attributes")
    }

    @Test func nodeForms() throws {
        guard case .node(let plain) = try one("node n1 attributes standby=on utilization memory=2048"),
              case .node(let withID) = try one("node $id=101 n2:remote"),
              case .node(let colonID) = try one("node 102: n3") else { Issue.record("not nodes"); return }
        #expect(plain.id == "n1")
        #expect(plain.isStandby)
        #expect(plain.instanceAttributes.first?.id == "n1-instance_attributes")
        #expect(plain.utilization.first?["memory"] == "2048")
        #expect(withID.id == "101" && withID.uname == "n2" && withID.type == "remote")
        #expect(colonID.id == "102" && colonID.uname == "n3" && colonID.type == nil)
    }

    @Test func groupAndClone() throws {
        guard case .group(let g) = try one("group web vip apache description=\"web tier\" meta target-role=Started"),
              case .clone(let c) = try one("clone ping-clone ping meta clone-max=2 interleave=true"),
              case .clone(let ms) = try one("ms db-ms db") else { Issue.record("wrong kinds"); return }
        #expect(g.memberIDs == ["vip", "apache"])
        #expect(g.description == "web tier")
        #expect(g.metaAttributes.first?.id == "web-meta_attributes")
        #expect(c.childID == "ping")
        #expect(c.metaAttributes.first?["clone-max"] == "2")
        #expect(ms.metaAttributes.first?["promotable"] == "true")
    }

    @Test func locationNodeScore() throws {
        guard case .location(let l) = try one("location l1 vip role=Promoted -inf: n1") else { Issue.record("not a location"); return }
        #expect(l.resource == "vip" && l.node == "n1" && l.score == .minusInfinity && l.role == "Promoted")
    }

    @Test func locationRules() throws {
        let text = """
            location l2 web \\
                rule 100: #uname eq n1 or #uname eq n2 \\
                rule $id=r2 pingd: defined pingd \\
                rule -inf: date spec hours=9-16 weekdays=1-5 \\
                rule $role=Started 50: load number:lt 10 and date in start=2024-01-01 months=2
            """
        guard case .location(let l) = try one(text) else { Issue.record("not a location"); return }
        #expect(l.rules.map(\.id) == ["l2-rule", "r2", "l2-rule-0", "l2-rule-1"])
        let first = l.rules[0]
        #expect(first.score == Score(clamping: 100) && first.booleanOp == .or)
        #expect(first.conditions.map(\.id) == ["l2-rule-expression", "l2-rule-expression-0"])
        #expect(l.rules[1].scoreAttribute == "pingd")
        guard case .attribute(let defined) = l.rules[1].conditions[0] else { Issue.record("not an attribute expression"); return }
        #expect(defined.operation == .defined && defined.attribute == "pingd")
        guard case .date(let spec) = l.rules[2].conditions[0] else { Issue.record("not a date"); return }
        #expect(spec.operation == .dateSpec && spec.dateSpec?.fields.map(\.name) == ["hours", "weekdays"])
        #expect(spec.dateSpec?.id == "l2-rule-0-expression-date_spec")
        let last = l.rules[3]
        #expect(last.role == "Started" && last.booleanOp == nil && last.conditions.count == 2)
        guard case .attribute(let load) = last.conditions[0], case .date(let range) = last.conditions[1] else {
            Issue.record("wrong conditions"); return
        }
        #expect(load.type == .number && load.operation == .lt && load.value == "10")
        #expect(range.operation == .inRange && range.start == "2024-01-01" && range.duration?.fields.first?.value == "2")
    }

    @Test func locationPatternAndSet() throws {
        guard case .location(let pattern) = try one("location l3 /^web-/ 10: n1"),
              case .location(let set) = try one("location l4 { a b } resource-discovery=never -inf: n2") else {
            Issue.record("not locations"); return
        }
        #expect(pattern.resourcePattern == "^web-")
        #expect(set.resourceSets.map(\.resources) == [["a", "b"]])
        #expect(set.resourceDiscovery == "never")
    }

    @Test func colocationForms() throws {
        guard case .colocation(let simple) = try one("colocation c1 inf: web:Started vip:Promoted node-attribute=rack"),
              case .colocation(let sets) = try one("collocation c2 -1000: a b ( c d ) [ e f ] g") else {
            Issue.record("not colocations"); return
        }
        #expect(simple.resource == "web" && simple.withResource == "vip")
        #expect(simple.resourceRole == "Started" && simple.withResourceRole == "Promoted")
        #expect(simple.nodeAttribute == "rack" && simple.score == .infinity)
        #expect(sets.resourceSets.map(\.resources) == [["a", "b"], ["c", "d"], ["e", "f"], ["g"]])
        #expect(sets.resourceSets.map(\.id) == ["c2-0", "c2-1", "c2-2", "c2-3"])
        #expect(sets.resourceSets.map(\.sequential) == [nil, false, false, nil])
        #expect(sets.resourceSets.map(\.requireAll) == [nil, nil, false, nil])
    }

    @Test func orderForms() throws {
        guard case .order(let simple) = try one("order o1 Mandatory: vip:start web:start symmetrical=false"),
              case .order(let scored) = try one("order o2 0: a b"),
              case .order(let sets) = try one("order o3 Optional: a:promote b:promote ( c d sequential=true ) e") else {
            Issue.record("not orders"); return
        }
        #expect(simple.kind == .mandatory && simple.first == "vip" && simple.thenAction == "start" && simple.symmetrical == false)
        #expect(scored.score == .zero && scored.effectiveKind == .optional)
        #expect(sets.resourceSets.map(\.action) == ["promote", nil, nil])
        #expect(sets.resourceSets[1].sequential == true)
    }

    @Test func propertiesAndDefaults() throws {
        let statements = try CRMParser.parse("""
            property stonith-enabled=false no-quorum-policy=stop
            property extra: foo=bar
            rsc_defaults resource-stickiness=100
            op_defaults $id=od timeout=60s
            """)
        #expect(statements == [
            .property(AttributeSet(kind: .clusterProperties, id: "cib-bootstrap-options", pairs: [
                NVPair(id: "cib-bootstrap-options-stonith-enabled", name: "stonith-enabled", value: "false"),
                NVPair(id: "cib-bootstrap-options-no-quorum-policy", name: "no-quorum-policy", value: "stop"),
            ])),
            .property(AttributeSet(kind: .clusterProperties, id: "extra", pairs: [NVPair(id: "extra-foo", name: "foo", value: "bar")])),
            .resourceDefaults(AttributeSet(kind: .meta, id: "rsc-options", pairs: [
                NVPair(id: "rsc-options-resource-stickiness", name: "resource-stickiness", value: "100"),
            ])),
            .operationDefaults(AttributeSet(kind: .meta, id: "od", pairs: [NVPair(id: "od-timeout", name: "timeout", value: "60s")])),
        ])
    }

    @Test func fencingTopology() throws {
        guard case .fencingTopology(let t) = try one("fencing_topology n1: ipmi disk,net n2: ipmi attr:rack=1 pdu pattern:web.* kdump"),
              case .fencingTopology(let all) = try one("fencing_topology ipmi pdu") else { Issue.record("not topologies"); return }
        #expect(t.levels.map(\.index) == [1, 2, 1, 1, 1])
        #expect(t.levels[1].devices == ["disk", "net"])
        #expect(t.levels[3].targetAttribute == "rack" && t.levels[3].targetValue == "1")
        #expect(t.levels[4].targetPattern == "web.*")
        #expect(all.appliesToAllNodes && all.levels.map(\.devices) == [["ipmi"], ["pdu"]])
    }

    @Test func alert() throws {
        guard case .alert(let a) = try one("alert a1 /usr/share/pacemaker/alert_file.sh meta timeout=10s to /var/log/alerts.log attributes x=1") else {
            Issue.record("not an alert"); return
        }
        #expect(a.path == "/usr/share/pacemaker/alert_file.sh" && a.metaAttributes.first?["timeout"] == "10s")
        #expect(a.recipients.map(\.id) == ["a1-recipient-1"])
        #expect(a.recipients.first?.instanceAttributes.first?["x"] == "1")
    }

    @Test func commentsContinuationsQuotingAndUnicode() throws {
        let statements = try CRMParser.parse("""
            # a comment
            primitive motd Dummy \\
                # a comment inside a continuation
                params text='it\\'s "quoted"' greeting="grüß dich 🌍"

            node nœud-1
            """)
        try #require(statements.count == 2)
        guard case .primitive(let p) = statements[0], case .node(let n) = statements[1] else { Issue.record("wrong kinds"); return }
        #expect(p.instanceAttributes.first?["text"] == "it's \"quoted\"")
        #expect(p.instanceAttributes.first?["greeting"] == "grüß dich 🌍")
        #expect(n.uname == "nœud-1")
    }
}
