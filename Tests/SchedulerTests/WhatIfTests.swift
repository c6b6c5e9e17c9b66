import HalyardModel
import Scheduler
import Testing

/// What-if changes: pure CIB transformations that move the placement as the real event would.
@Suite struct WhatIfTests {
    func placement(_ f: Fixture, _ changes: [WhatIfChange], _ rsc: String) throws -> [String] {
        let cib = try WhatIf.apply(changes, to: try CIBDecoder.decode(f.xml), now: 1_700_000_000)
        return try #require(Scheduler.schedule(SchedulerInput(cib: cib, now: 1_700_000_000)).placement(of: rsc)).finalNodes
    }

    var fixture: Fixture {
        var f = Fixture(nodes: ["n1", "n2"])
        f.resources = Fixture.primitive("a", meta: ["resource-stickiness": "100"])
        f.nodeStatus = ["n1": Fixture.running("a")]
        return f
    }

    @Test func nodeDownMovesTheResource() throws {
        #expect(try placement(fixture, [], "a") == ["n1"])
        #expect(try placement(fixture, [.nodeDown("n1")], "a") == ["n2"])
    }

    @Test func nodeUpBringsAnOfflineNodeBack() throws {
        var f = fixture
        f.offline = ["n1"]
        f.nodeStatus = [:]
        f.constraints = "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"50\"/>"
        #expect(try placement(f, [], "a") == ["n2"])
        #expect(try placement(f, [.nodeUp("n1")], "a") == ["n1"])
    }

    @Test func standbyMovesTheResource() throws {
        #expect(try placement(fixture, [.standby("n1")], "a") == ["n2"])
    }

    @Test func failedMonitorWithThresholdOneMoves() throws {
        var f = fixture
        f.resources = Fixture.primitive("a", meta: ["migration-threshold": "1"])
        let injection = try OperationInjection(parsing: "a_monitor_10000@n1=7")
        #expect(injection == OperationInjection(resource: "a", operation: "monitor", intervalMilliseconds: 10000, node: "n1", rc: 7))
        let cib = try WhatIf.apply([.operationResult(injection)], to: try CIBDecoder.decode(f.xml), now: 1_700_000_000)
        let ops = cib.status.nodes.first { $0.uname == "n1" }?.resources.first { $0.id == "a" }?.operations ?? []
        #expect(ops.map(\.id) == ["a_start_0", "a_monitor_10000"])
        #expect(ops.last?.callID == 3)
        // A failed monitor means recovery in place (no fail count is injected, as with crm_simulate -i).
        let result = Scheduler.schedule(SchedulerInput(cib: cib, now: 1_700_000_000))
        #expect(result.placement(of: "a")?.failed == true)
    }

    @Test func malformedAndUnknownInjectionsAreRefused() throws {
        #expect(throws: WhatIfError.self) { try OperationInjection(parsing: "a_monitor@n1=7") }
        #expect(throws: WhatIfError.self) { try OperationInjection(parsing: "a_monitor_10000n1=7") }
        #expect(try OperationInjection(parsing: "db_migrate_to_0@n2=1").operation == "migrate_to")
        let cib = try CIBDecoder.decode(fixture.xml)
        #expect(throws: WhatIfError.self) { try WhatIf.apply([.nodeDown("n9")], to: cib, now: 0) }
        #expect(throws: WhatIfError.self) {
            try WhatIf.apply([.operationResult(OperationInjection(parsing: "zz_start_0@n1=1"))], to: cib, now: 0)
        }
    }
}
