import HalyardModel
import Testing
@testable import Cluster

/// The DC plans, dispatches each action to its node through CPG, advances on the results every
/// node records, and re-plans on failures, lost nodes and configuration changes, with
/// simulated executors and fence devices.
@Suite struct TransitionTests {
    let three = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")])

    /// Three nodes with `configuration` committed and every transition run to the end (with
    /// `agents` prepared by the test: failing or hanging starts …).
    func running(_ configuration: Configuration, nodes: [UInt32] = [1, 2, 3],
                 agents: SimulatedAgents = SimulatedAgents()) -> (SimulatedCluster, SimulatedAgents) {
        var cluster = SimulatedCluster(nodes: nodes, agents: agents)
        cluster.admin(.commit(configuration, basedOn: cluster.cib(1).version, summary: "load"), id: 1, on: 1)
        cluster.settle()
        return (cluster, agents)
    }

    func expectPlacement(_ agents: SimulatedAgents, _ expected: [String: [UInt32]], sourceLocation: SourceLocation = #_sourceLocation) {
        for (resource, nodes) in expected {
            #expect(agents.nodes(running: resource) == nodes, "\(resource)", sourceLocation: sourceLocation)
        }
    }

    @Test func servicesStartOnTheirPreferredNodesAndEveryNodeRecordsIt() {
        let (cluster, agents) = running(three)
        expectPlacement(agents, ["web": [1], "dns": [2], "mail": [3]])
        // Probed everywhere first, then started and monitored where they belong.
        #expect(agents.log[2]!.contains("web monitor 0"))
        #expect(agents.log[1]!.suffix(2) == ["web start 0", "web monitor 10000"] || agents.log[1]!.contains("web monitor 10000"))
        #expect(cluster.cib(1).status == cluster.cib(2).status && cluster.cib(2).status == cluster.cib(3).status)
        let web = cluster.cib(3).status.nodes.first { $0.uname == "n1" }?.resources.first { $0.id == "web" }
        #expect(web?.operations.map(\.id).sorted() == ["web_last_0", "web_monitor_10000"])
        #expect(cluster.effects[1]!.contains(.note("transition 1 complete")))
    }

    @Test func standbyMovesServicesAwayAndOnlineBringsThemBackWithoutStickiness() {
        var (cluster, agents) = running(three)
        cluster.admin(.commit(Fixtures.standby("n1", in: three), basedOn: cluster.cib(2).version, summary: "standby n1"), id: 2, on: 2)
        cluster.settle()
        #expect(agents.nodes(running: "web").count == 1)
        #expect(agents.nodes(running: "web") != [1])
        cluster.admin(.commit(three, basedOn: cluster.cib(2).version, summary: "online n1"), id: 3, on: 2)
        cluster.settle()
        expectPlacement(agents, ["web": [1], "dns": [2], "mail": [3]])
    }

    @Test func stickinessKeepsAMovedServiceWhereItIs() {
        let sticky = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], stickiness: 200)
        var (cluster, agents) = running(sticky)
        cluster.admin(.commit(Fixtures.standby("n1", in: sticky), basedOn: cluster.cib(1).version, summary: ""), id: 2, on: 1)
        cluster.settle()
        let refuge = agents.nodes(running: "web")
        cluster.admin(.commit(sticky, basedOn: cluster.cib(1).version, summary: ""), id: 3, on: 1)
        cluster.settle()
        #expect(agents.nodes(running: "web") == refuge)
    }

    @Test func aCrashedServiceIsFoundByItsMonitorAndRestartedWithAFailCount() {
        var (cluster, agents) = running(three)
        agents.crash("dns", on: 2)
        cluster.runMonitors()
        expectPlacement(agents, ["dns": [2]])
        #expect(cluster.cib(3).status.transientAttribute("fail-count-dns#monitor_10000", on: "n2") == "1")
        #expect(agents.log[2]!.suffix(3) == ["dns stop 0", "dns start 0", "dns monitor 10000"])
    }

    @Test func anExpiringFailCountIsReplannedAtItsExpiryNotAtTheRecheckInterval() {
        let expiring = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")],
                                         extraDefaults: ["migration-threshold": "1", "failure-timeout": "60s"])
        var (cluster, agents) = running(expiring)
        agents.crash("web", on: 1)
        cluster.runMonitors()
        #expect(agents.nodes(running: "web").count == 1 && agents.nodes(running: "web") != [1])
        // The DC plans again when the fail count expires (61 s), not after the 15 min interval.
        let timers = cluster.effects[1]!.compactMap { if case .armTimer(.recheck, let seconds) = $0 { seconds } else { nil } }
        #expect(timers.last == 61, "\(timers)")
        cluster.clock += 61
        cluster.request(.timerFired(.recheck), on: 1)
        cluster.settle()
        expectPlacement(agents, ["web": [1]])
        #expect(ControllerCore.recheckDelay(interval: 900, recheckBy: nil, now: 0) == 900)
        #expect(ControllerCore.recheckDelay(interval: 0, recheckBy: nil, now: 0) == nil)
        #expect(ControllerCore.recheckDelay(interval: 0, recheckBy: 30, now: 0) == 31)
        #expect(ControllerCore.recheckDelay(interval: 10, recheckBy: 30, now: 0) == 10)
    }

    @Test func anActionWhoseResultNeverComesIsTimedOutByTheDC() {
        let prepared = SimulatedAgents()
        prepared.hangingStarts = [.init(node: 3, resource: "mail")]
        var (cluster, agents) = running(three, agents: prepared)
        #expect(agents.nodes(running: "mail").isEmpty)
        // The DC waits for the start's timeout (the 20 s default) plus cluster-delay (60 s).
        let armed = cluster.effects[1]!.compactMap { if case .armTimer(.actionDeadline, let seconds) = $0 { seconds } else { nil } }
        #expect(armed.last == 80, "\(armed)")
        cluster.clock += 80
        cluster.request(.timerFired(.actionDeadline), on: 1)
        cluster.settle()
        #expect(cluster.cib(2).status.transientAttribute("fail-count-mail#start_0", on: "n3") == "INFINITY")
        #expect(agents.nodes(running: "mail").count == 1 && agents.nodes(running: "mail") != [3])
        #expect(cluster.effects[1]!.contains { if case .note(let text) = $0 { text.contains("no result for mail_start_0 n3") } else { false } })
    }

    @Test func aFailedStopOnTheDCsNodeIsFencedByAnotherMemberBeforeTheServiceMoves() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        agents.failingStops = [.init(node: 1, resource: "web")]
        cluster.admin(.commit(Fixtures.standby("n1", in: fenced), basedOn: cluster.cib(1).version, summary: "standby n1"), id: 2, on: 2)
        cluster.settle()
        // The stop failed (on-fail=fence with fencing on): n1 is fenced, then web starts elsewhere.
        // n1 is the DC: n2, the lowest member on another node, runs the fencing for it.
        #expect(agents.fenced == ["n1"])
        let orders = { (node: UInt32) in cluster.effects[node]!.filter { if case .fence = $0 { true } else { false } }.count }
        #expect(orders(1) == 0 && orders(2) == 1 && orders(3) == 0)
        #expect(agents.nodes(running: "web").count == 1 && agents.nodes(running: "web") != [1])
        let dc = cluster.deliveries[2]!
        let fencedAt = dc.firstIndex { if case .nodeFenced(let notice) = $0 { notice.node == "n1" } else { false } }
        let startedAt = dc.lastIndex { if case .execute(let order) = $0 { order.resource == "web" && order.task == "start" } else { false } }
        #expect(fencedAt != nil && startedAt != nil && fencedAt! < startedAt!)
    }

    @Test func aFailedStartMovesTheServiceElsewhere() {
        let prepared = SimulatedAgents()
        prepared.failingStarts = [.init(node: 3, resource: "mail")]
        let (cluster, agents) = running(three, agents: prepared)
        #expect(agents.nodes(running: "mail").count == 1 && agents.nodes(running: "mail") != [3])
        #expect(cluster.cib(1).status.transientAttribute("fail-count-mail#start_0", on: "n3") == "INFINITY")
    }

    @Test func aLostNodeIsFencedBeforeItsServicesRecoverOnTheSurvivors() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        expectPlacement(agents, ["web": [1]])
        cluster.form([[2, 3]])
        cluster.settle()
        #expect(agents.fenced == ["n1"])
        #expect(agents.nodes(running: "web").count == 1 && agents.nodes(running: "web") != [1])
        let n1 = cluster.cib(2).status.nodes.first { $0.uname == "n1" }
        #expect(n1?.expected == "down" && n1?.lrm == nil)
        #expect(cluster.effects[2]!.contains(.note("node n1 is down (fenced by device fencer)")))
    }

    @Test func anAdministratorsFencingRequestRunsOnAnotherNode() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        // Asked on n1 to fence n1 itself: n2, the lowest member on another node, runs it.
        cluster.admin(.fence(node: "n1", action: "reboot", by: "test"), id: 8, on: 1)
        cluster.settle()
        #expect({ if case .committed = cluster.replies(1)[8] { true } else { false } }(), "\(String(describing: cluster.replies(1)[8]))")
        let orders = { (node: UInt32) in cluster.effects[node]!.filter { if case .fence(let order) = $0 { order.node == "n1" } else { false } } }
        #expect(orders(2).count == 1 && orders(1).isEmpty && orders(3).isEmpty)
        #expect(agents.fenced == ["n1"])
        #expect(cluster.effects[2]!.contains(.note("fencing n1 (reboot) as test asked")))
        // Refused: an unknown node, an unknown action, a cluster without fence devices.
        cluster.admin(.fence(node: "n9", action: "reboot", by: "test"), id: 9, on: 2)
        cluster.admin(.fence(node: "n3", action: "explode", by: "test"), id: 10, on: 2)
        #expect(cluster.replies(2)[9] == .refused("no node is called n9"))
        #expect(cluster.replies(2)[10] == .refused("unknown fencing action explode (reboot, off or on)"))
        var (plain, _) = running(three)
        plain.admin(.fence(node: "n3", action: "reboot", by: "test"), id: 11, on: 1)
        #expect(plain.replies(1)[11] == .refused("no fence device can fence n3 (pcmk_host_list/pcmk_host_map, fencing_topology)"))
    }

    @Test func aNodeBeingFencedOnRequestIsNotFencedAgainWhenItLeaves() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        cluster.admin(.fence(node: "n1", action: "reboot", by: "test"), id: 8, on: 3)
        cluster.deliverAll()  // n2 runs it; its result is not back yet
        cluster.form([[2, 3]])  // CPG reports n1 gone first: the DC waits for the requested fencing
        cluster.settle()
        #expect(agents.fenced == ["n1"])
        #expect(cluster.effects[2]!.contains { if case .note(let text) = $0 { text.contains("waiting for the requested fencing of n1") } else { false } })
        #expect(agents.nodes(running: "web").count == 1 && agents.nodes(running: "web") != [1])
        #expect(cluster.cores[2]!.requestedFencings.isEmpty && cluster.cores[3]!.requestedFencings.isEmpty)
    }

    @Test func aFailedRequestedFencingIsReportedToEveryMember() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        agents.unfenceable = ["n3"]
        cluster.admin(.fence(node: "n3", action: "reboot", by: "test"), id: 8, on: 1)
        cluster.settle()
        #expect(agents.fenced.isEmpty)
        for node: UInt32 in [1, 2, 3] {
            #expect(cluster.cores[node]!.requestedFencings.isEmpty)
            #expect(cluster.effects[node]!.contains(.note("the requested fencing of n3 failed: no device answered")))
        }
        expectPlacement(agents, ["web": [1], "dns": [2], "mail": [3]])
    }

    @Test func aNodeBackBeforeItsFencingIsReportedKeepsItsFreshStatus() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        cluster.form([[2, 3]])  // n1 lost: the DC (n2) fences it; the result is not back yet
        cluster.reboot(1)
        cluster.form([[1, 2, 3]])  // n1, rebooted, rejoins first
        cluster.settle()
        #expect(agents.fenced == ["n1"])
        let n1 = cluster.cib(2).status.nodes.first { $0.uname == "n1" }
        #expect(n1?.crmd == "online" && n1?.inCCM == "true", "\(String(describing: n1))")
        #expect(cluster.effects[2]!.contains { $0 == .note("node n1 was fenced by device fencer and is back already") })
        expectPlacement(agents, ["web": [1], "dns": [2], "mail": [3]])
    }

    @Test func fencingThatFailsIsRetriedAndNothingIsRecoveredMeanwhile() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        agents.unfenceable = ["n1"]
        cluster.form([[2, 3]])
        cluster.settle()
        #expect(agents.nodes(running: "web") == [1])  // still believed running on n1: not started twice
        #expect(cluster.effects[2]!.contains(.armTimer(.fencingRetry, seconds: ControllerCore.fencingRetrySeconds)))
    }

    @Test func anAdministratorsAcknowledgementStandsInForFencing() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        agents.unfenceable = ["n1"]
        cluster.form([[2, 3]])
        cluster.settle()
        cluster.admin(.acknowledgeFenced(node: "n2", by: "test"), id: 5, on: 3)
        guard case .refused(let reason) = cluster.replies(3)[5] else { Issue.record("a member was acknowledged"); return }
        #expect(reason.contains("n2 is a member"))
        cluster.admin(.acknowledgeFenced(node: "n1", by: "test"), id: 6, on: 3)
        cluster.settle()
        #expect(agents.nodes(running: "web").count == 2)  // n1 (really still up here, as the warning says) and a survivor
        #expect(agents.nodes(running: "web").contains(1))
        #expect(cluster.cib(2).status.nodes.first { $0.uname == "n1" }?.expected == "down")
    }

    @Test func aTransientAttributeEditReachesEveryNodeAndMovesServices() {
        var (cluster, agents) = running(three)
        var requested = cluster.cib(1).status
        _ = requested.setTransientAttribute("standby", to: "on", on: "n2", configuration: three)
        let request = StatusRequest.between(current: cluster.cib(1).status, requested: requested)
        #expect(request.attributes == [NodeAttributeUpdate(node: "n2", name: "standby", value: "on")])
        cluster.admin(.updateStatus(request), id: 7, on: 1)
        cluster.settle()
        for node: UInt32 in [1, 2, 3] { #expect(cluster.cib(node).status.transientAttribute("standby", on: "n2") == "on") }
        #expect(agents.nodes(running: "dns").count == 1 && agents.nodes(running: "dns") != [2])
    }

    @Test func aMinorityWithoutQuorumStopsItsServicesAndNeverFences() {
        let fenced = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true)
        var (cluster, agents) = running(fenced)
        cluster.form([[1], [2, 3]])
        cluster.settle()
        #expect(agents.nodes(running: "web").count == 1 && agents.nodes(running: "web") != [1])
        #expect(agents.log[1]!.contains("web stop 0"))
        #expect(!cluster.effects[1]!.contains { if case .fence = $0 { true } else { false } })
        #expect(agents.fenced == ["n1"])
    }

    @Test func aGracefulShutdownMovesServicesAwayThenLeaves() {
        var (cluster, agents) = running(three)
        cluster.request(.shutdownRequested, on: 3)
        cluster.settle()
        #expect(agents.nodes(running: "mail").count == 1 && agents.nodes(running: "mail") != [3])
        #expect(cluster.effects[3]!.contains(.leave))
        #expect(cluster.cib(1).status.nodes.first { $0.uname == "n3" }?.expected == "down")
    }
}

/// A node that comes back from running alone must not impose its stale status of the others:
/// the lab saw a floating IP started on the returning node while the node that really held it,
/// cut off at the same moment, was not fenced yet.
@Suite struct StaleStatusTests {
    @Test func aNodeBackFromAloneDoesNotHideWhatRunsOnANodeLostMeanwhile() throws {
        let sticky = Fixtures.services([("web", "n1"), ("dns", "n2"), ("mail", "n3")], fencing: true, stickiness: 200)
        let agents = SimulatedAgents()
        var cluster = SimulatedCluster(nodes: [1, 2, 3], agents: agents)
        cluster.admin(.commit(sticky, basedOn: cluster.cib(1).version, summary: "load"), id: 1, on: 1)
        cluster.settle()
        // n2 is cut off and fenced; dns moves and stays where it went.
        cluster.form([[1, 3], [2]])
        cluster.settle()
        let refuge = try #require(agents.nodes(running: "dns").first)
        #expect(refuge != 2)
        // n2, alone, counts status changes of its own (as its probes after a reboot do).
        for index in 0..<40 {
            let update = NodeAttributeUpdate(node: "n2", name: "probe-\(index)", value: "1")
            cluster.admin(.updateStatus(StatusRequest(attributes: [update], removals: [])), id: UInt64(100 + index), on: 2)
            cluster.deliverAll()
        }
        #expect(cluster.cib(2).version > cluster.cib(1).version)
        // n2 merges back at the moment the node now running dns is cut off.
        let before = cluster.deliveries[1]!.count
        cluster.form([[1, 2, 3].filter { $0 != refuge }, [refuge]])
        let lost = SimulatedCluster.name(refuge)
        let survivor = refuge == 1 ? UInt32(2) : UInt32(1)
        let dnsThere = cluster.cib(survivor).status.nodes.first { $0.uname == lost }?.resources.first { $0.id == "dns" }
        #expect(dnsThere?.operations.contains { $0.operation == "start" && $0.rcCode == 0 } == true,
                "the merged status forgot that dns runs on \(lost)")
        cluster.settle()
        let deliveries = cluster.deliveries[survivor]!.dropFirst(before)
        let fenced = deliveries.firstIndex { if case .nodeFenced(let notice) = $0 { notice.node == lost } else { false } }
        let started = deliveries.firstIndex { message in
            if case .execute(let order) = message { order.resource == "dns" && order.task == "start" } else { false }
        }
        let fencedAt = try #require(fenced, "\(lost) was not fenced")
        let startedAt = try #require(started, "dns was not started again")
        #expect(fencedAt < startedAt, "dns was started before \(lost), which still ran it, was fenced")
        #expect(agents.nodes(running: "dns").count == 1)
    }
}
