import Foundation
import HalyardModel
import Testing
@testable import CIBAdmin

/// `node` and `resource` commands on a CIB file: what they write, where, and how the version moves.
@Suite struct NodeAndResourceCommandTests {
    let directory = TemporaryDirectory()
    static let now = 1_800_000_000

    func cib(_ crm: String = """
        node n1
        node n2
        primitive web ocf:pacemaker:Dummy
        primitive ip ocf:pacemaker:Dummy
        group svc ip web
        property stonith-enabled=false
        """) throws -> String {
        let path = directory.file("cib.xml")
        _ = try ConfigureCommand.on(path).run(["load", "replace", directory.write("start.crm", crm)])
        return path
    }

    func load(_ path: String) throws -> CIB { try CIBFileStore(path: path).load() }

    @Test func standbyForeverIsAConfigurationChange() throws {
        let path = try cib()
        let before = try load(path).version
        _ = try NodeCommand(store: CIBFileStore(path: path)).standby("n1", lifetime: .forever)
        let after = try load(path)
        #expect(after.configuration.nodes.first { $0.uname == "n1" }?.isStandby == true)
        #expect(after.epoch == before.epoch + 1)
        _ = try NodeCommand(store: CIBFileStore(path: path)).online("n1")
        #expect(try load(path).configuration.nodes.first { $0.uname == "n1" }?.isStandby == false)
    }

    @Test func rebootLifetimeWritesTheStatusSectionAndBumpsNumUpdates() throws {
        let path = try cib()
        let before = try load(path).version
        let command = NodeCommand(store: CIBFileStore(path: path))
        _ = try command.standby("n2", lifetime: .reboot)
        let after = try load(path)
        #expect(after.epoch == before.epoch)
        #expect(after.numUpdates == before.numUpdates + 1)
        #expect(after.status.nodes.first { $0.uname == "n2" }?.transientAttributes.firstValue("standby") == "on")
        #expect(after.configuration.nodes.first { $0.uname == "n2" }?.isStandby == false)
        _ = try command.online("n2")
        #expect(try NodeAttributes.value("standby", on: "n2", in: load(path)).transient == nil)
    }

    @Test func transientAttributesAsThePingAgentSetsThem() throws {
        let path = try cib()
        let command = NodeCommand(store: CIBFileStore(path: path))
        _ = try command.attribute("n1", "pingd", value: "200", delete: false, lifetime: .reboot)
        #expect(try command.attribute("n1", "pingd", value: nil, delete: false, lifetime: .reboot).output == "200\n")
        _ = try command.attribute("n1", "pingd", value: nil, delete: true, lifetime: .reboot)
        #expect(throws: AdminError.self) { try command.attribute("n1", "pingd", value: nil, delete: false, lifetime: .reboot) }
        #expect(throws: AdminError.self) { try command.standby("n9", lifetime: .forever) }
    }

    @Test func startStopManageSetMetaAttributesAtAnyDepth() throws {
        let path = try cib()
        let command = ResourceCommand(store: CIBFileStore(path: path), now: Self.now)
        _ = try command.setTargetRole("web", started: false)
        _ = try command.setManaged("svc", managed: false)
        let configuration = try load(path).configuration
        guard case .group(let group)? = configuration.resource(id: "svc") else { Issue.record("svc missing"); return }
        #expect(group.metaAttributes.firstValue("is-managed") == "false")
        #expect(group.members.first { $0.id == "web" }?.metaAttributes.firstValue("target-role") == "Stopped")
        #expect(throws: AdminError.self) { try command.setTargetRole("wbe", started: true) }
    }

    @Test func moveExpiresByDefaultAndClearRemovesIt() throws {
        let path = try cib()
        let command = ResourceCommand(store: CIBFileStore(path: path), now: Self.now)
        let report = try command.move("svc", to: "n2", lifetime: .defaultLifetime)
        #expect(report.messages.first?.contains(ISODate.string(fromEpochSeconds: Self.now + 3600)) == true)
        guard case .location(let move)? = try load(path).configuration.constraints.first else { Issue.record("no move"); return }
        #expect(move.id == "cli-prefer-svc")
        let rule = try #require(move.rules.first)
        #expect(rule.score == .infinity)
        guard case .date(let expiry) = rule.conditions[1] else { Issue.record("no expiry"); return }
        #expect(expiry.isSatisfied(at: Self.now + 3599))
        #expect(!expiry.isSatisfied(at: Self.now + 3600))

        _ = try command.ban("svc", from: "n1", lifetime: .forever)
        let ids = try load(path).configuration.constraints.map(\.id)
        #expect(ids == ["cli-prefer-svc", "cli-ban-svc-on-n1"])
        _ = try command.clear("svc")
        #expect(try load(path).configuration.constraints.isEmpty)
        #expect(throws: AdminError.self) { try command.move("svc", to: "n7", lifetime: .forever) }
    }

    @Test func cleanupForgetsFailuresAndFailcountShowsThem() throws {
        let path = try cib()
        var cib = try load(path)
        cib.status.nodes = [NodeState(
            id: "n1", uname: "n1", inCCM: "true", crmd: "online", join: "member", expected: "member",
            transientAttributesID: "n1",
            transientAttributes: [AttributeSet(kind: .instance, id: "status-n1", pairs: [
                NVPair(id: "a", name: "fail-count-web#monitor_10000", value: "2"),
                NVPair(id: "b", name: "last-failure-web#monitor_10000", value: "1799999000"),
                NVPair(id: "c", name: "pingd", value: "100"),
            ])],
            lrm: LRMState(resources: [ResourceHistory(id: "web", standard: "ocf", provider: "pacemaker", type: "Dummy", operations: [
                OperationRecord(id: "web_last_failure_0", operation: "monitor", callID: 5, rcCode: 7, opStatus: 0, interval: 10_000),
            ])]))]
        try CIBFileStore(path: path).commit(cib, basedOn: try load(path).version)
        let command = ResourceCommand(store: CIBFileStore(path: path), now: Self.now)
        #expect(try command.failcount("web").output == "web on n1: fail count 2\n")
        #expect(try command.cleanup("web", on: nil).messages == ["cleaned up web on n1"])
        let cleaned = try load(path).status.nodes[0]
        #expect(cleaned.resources.isEmpty)
        #expect(cleaned.transientAttributes.flatMap(\.pairs).map(\.name) == ["pingd"])
        #expect(try command.failcount("web").output == "web: no failures\n")
    }
}

@Suite struct DateExpressionTests {
    @Test func isoDatesRoundTrip() {
        #expect(ISODate.epochSeconds(parsing: "1970-01-01T00:00:00Z") == 0)
        #expect(ISODate.epochSeconds(parsing: "2026-11-22 04:35:00Z") == 1_795_322_100)
        #expect(ISODate.epochSeconds(parsing: "2026-11-22T05:35:00+01:00") == 1_795_322_100)
        #expect(ISODate.epochSeconds(parsing: "2024-02-29") == 1_709_164_800)
        #expect(ISODate.string(fromEpochSeconds: 1_795_322_100) == "2026-11-22T04:35:00Z")
        for bad in ["2023-02-29", "2026-13-01", "yesterday", "2026-11-22T25:00:00", ""] {
            #expect(ISODate.epochSeconds(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func operationsFollowPacemaker() {
        let t = 1_795_322_100  // 2026-11-22 04:35:00 UTC, a Sunday
        #expect(DateExpression(id: "a", operation: .lt, end: "2026-11-22T05:00:00Z").isSatisfied(at: t))
        #expect(!DateExpression(id: "a", operation: .gt, start: "2026-11-22T05:00:00Z").isSatisfied(at: t))
        let inRange = DateExpression(id: "r", operation: .inRange, start: "2026-11-22T04:00:00Z",
                                     duration: DateFields(id: "d", fields: [(name: "hours", value: "1")]))
        #expect(inRange.isSatisfied(at: t))
        #expect(!inRange.isSatisfied(at: t + 3600))
        let officeHours = DateExpression(id: "s", operation: .dateSpec,
                                         dateSpec: DateFields(id: "ds", fields: [(name: "hours", value: "9-16"), (name: "weekdays", value: "1-5")]))
        #expect(!officeHours.isSatisfied(at: t), "Sunday 04:35 is outside office hours")
        #expect(officeHours.isSatisfied(at: t + 86_400 + 5 * 3600), "Monday 09:35")
    }

    @Test func durationsUseTheCalendar() {
        let jan31 = ISODate.epochSeconds(parsing: "2025-01-31T12:00:00Z")!
        #expect(ISODate.string(fromEpochSeconds: DateFields(id: "d", fields: [(name: "months", value: "1")]).adding(to: jan31)) == "2025-02-28T12:00:00Z")
    }
}
