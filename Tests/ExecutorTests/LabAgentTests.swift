import Foundation
import Testing
@testable import Executor

/// Floating-address agents inside network namespaces the test creates (root only).
@Suite("Address agents in lab namespaces", .serialized,
       .enabled(if: LabNetwork.unavailable == nil, "\(LabNetwork.unavailable ?? "")"),
       .enabled(if: Crmctl.path != nil, "crmctl is not built next to the tests"))
struct LabAgentTests {
    @Test func ipaddrPassesTheAgentTestAndDetectsADuplicate() throws {
        let lab = try LabNetwork()
        let crmctl = Crmctl.path!
        let vip = "\(lab.subnet).10"
        let test = try lab.run(in: lab.left, [crmctl, "agent", "test", "ocf:halyard:IPaddr", "-p", "ip=\(vip)"])
        #expect(test.status == 0, "\(test.output)")
        if FileManager.default.isExecutableFile(atPath: "/usr/sbin/ocf-tester") {
            let tester = try lab.run(in: lab.left, ["/usr/sbin/ocf-tester", "-n", "vip", "-o", "ip=\(vip)",
                                                    AgentCommandTests.agentsTree + "/resource.d/halyard/IPaddr"])
            #expect(tester.status == 0 && tester.output.contains("passed all tests"), "\(tester.output)")
        }

        let start = try lab.run(in: lab.left, [crmctl, "agent", "run", "ocf:halyard:IPaddr", "start", "-p", "ip=\(vip)"])
        #expect(start.status == 0, "\(start.output)")
        let addresses = try lab.run(in: lab.left, ["ip", "-o", "-4", "addr", "show", "dev", lab.interface(lab.left)]).output
        #expect(addresses.contains("\(vip)/24"), "the prefix comes from the connected subnet: \(addresses)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/arping") {
            #expect(try lab.run(in: lab.right, ["ip", "addr", "add", "\(vip)/24", "dev", lab.interface(lab.right)]).status == 0)
            let deep = try lab.run(in: lab.left, [crmctl, "agent", "run", "ocf:halyard:IPaddr", "monitor", "--interval", "10s",
                                                  "--check-level", "10", "-p", "ip=\(vip)"])
            #expect(deep.status == 1 && deep.output.contains("another host answers ARP for \(vip)"), "\(deep.output)")
        } else {
            print("skipped the depth-10 duplicate check: arping (iputils-arping) is not installed")
        }
        let stop = try lab.run(in: lab.left, [crmctl, "agent", "run", "ocf:halyard:IPaddr", "stop", "-p", "ip=\(vip)"])
        #expect(stop.status == 0)
    }

    @Test(arguments: ["arping", "builtin"])
    func gratuitousARPMovesTheNeighboursEntry(sender: String) async throws {
        let needed = sender == "arping" ? "/usr/bin/arping" : "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: needed) else {
            print("skipped the \(sender) gratuitous ARP check: \(needed) is not installed")
            return
        }
        let lab = try LabNetwork()
        let vip = "\(lab.subnet).30", peer = lab.interface(lab.right)
        #expect(try lab.run(in: lab.right, ["ip", "neigh", "replace", vip, "lladdr", "02:00:00:00:00:01", "dev", peer, "nud", "stale"]).status == 0)
        let mac = try lab.run(in: lab.left, ["cat", "/sys/class/net/\(lab.interface(lab.left))/address"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(mac.count == 17)
        try? await Task.sleep(for: .milliseconds(1100))  // the kernel ignores updates within locktime (1 s) of the last
        let start = try lab.run(in: lab.left, [Crmctl.path!, "agent", "run", "ocf:halyard:IPaddr", "start",
                                               "-p", "ip=\(vip)", "-p", "arp_sender=\(sender)"])
        #expect(start.status == 0, "\(start.output)")
        let moved = await eventually {
            ((try? lab.run(in: lab.right, ["ip", "neigh", "show", vip, "dev", peer]).output) ?? "").contains(mac)
        }
        #expect(moved, "the peer still has the old MAC for \(vip)")
    }

    @Test func pidHelpersNeverMatchAnotherNodesProcess() throws {
        let lab = try LabNetwork()
        let started = try lab.run(in: lab.left, ["/bin/sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!"])
        let pid = try #require(Int32(started.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(pid, SIGKILL) }
        let check = ". \(AgentCommandTests.agentsTree)/lib/halyard/ocf-helpers.sh; "
            + "pid_is_ours \(pid) '^sleep 60' && echo ours || echo foreign; pid_is_ours \(pid) '^apache2' || echo wrong-command"
        #expect(try lab.run(in: lab.left, ["/bin/bash", "-c", check]).output == "ours\nwrong-command\n")
        #expect(try lab.run(in: lab.right, ["/bin/bash", "-c", check]).output == "foreign\nwrong-command\n")
    }

    @Test func ipaddrRefusesAnAddressOutsideEveryConnectedSubnet() throws {
        let lab = try LabNetwork()
        let run = try lab.run(in: lab.left, [Crmctl.path!, "agent", "run", "ocf:halyard:IPaddr", "validate-all", "-p", "ip=10.78.0.1"])
        #expect(run.status == 2 && run.output.contains("set nic"), "\(run.output)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/lib/ocf/resource.d/heartbeat/IPaddr2"), "resource-agents is not installed"))
    func unmodifiedIPaddr2PassesTheAgentTest() throws {
        let lab = try LabNetwork()
        let test = try lab.run(in: lab.left, [Crmctl.path!, "agent", "test", "ocf:heartbeat:IPaddr2",
                                              "-p", "ip=\(lab.subnet).20", "-p", "cidr_netmask=24"])
        #expect(test.status == 0, "\(test.output)")
    }
}

/// Agents from resource-agents and fence-agents, run unchanged.
@Suite("Unmodified upstream agents")
struct UpstreamAgentTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/lib/ocf/resource.d/heartbeat/Dummy"), "resource-agents is not installed"))
    func heartbeatDummyPassesTheTester() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let template = OperationRequest(resource: "hb-dummy", agent: .ocf(provider: "heartbeat", type: "Dummy"), action: "meta-data",
                                        parameters: ["state": fixtures.work + "/hb.state"])
        let reports = await AgentTester(runner: AgentRunner(locator: .standard()), template: template).run()
        #expect(reports.count == AgentTester.ocfSteps.count + 1)
        #expect(reports.allSatisfy { $0.problem == nil }, "\(reports.compactMap(\.problem))")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/fence_dummy"), "fence-agents is not installed"))
    func fenceDummyPowersOffAndOn() async throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let runner = AgentRunner(locator: .standard())
        let status = fixtures.work + "/fence.status"
        fixtures.write("fence.status", "on")
        func run(_ action: String) async -> OperationResult {
            await runner.run(OperationRequest(resource: "fd", agent: .stonith(name: "fence_dummy"), action: action,
                                              parameters: ["type": "file", "status_file": status]))
        }
        #expect(await run("status").classification == .success)
        #expect(await run("off").exitCode == 0)
        #expect(await run("status").exitCode == 2)
        #expect(await run("on").exitCode == 0)
        #expect(await run("status").exitCode == 0)
        let metadata = await run("meta-data")
        #expect(try AgentMetadata.parse(metadata.stdout.bytes).name == "fence_dummy")
    }
}
