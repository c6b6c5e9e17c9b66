import Foundation
import Testing
@testable import Executor

/// The shipped service agents against Debian's apache2, bind9 and postfix in two lab nodes at once.
@Suite("Service agents in lab nodes", .serialized,
       .enabled(if: LabNode.unavailable == nil, "\(LabNode.unavailable ?? "")"),
       .enabled(if: Crmctl.path != nil, "crmctl is not built next to the tests"))
struct ServiceAgentTests {
    @Test(arguments: [("httpd", "/usr/sbin/apache2"), ("named", "/usr/sbin/named"), ("postfix", "/usr/sbin/postfix")])
    func agentPassesAndLeavesTheOtherNodeAlone(agent: String, binary: String) throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("skipped ocf:halyard:\(agent): \(binary) is not installed (Scripts/setup.sh installs it)")
            return
        }
        let scratch = AgentFixtures()
        let first = try LabNode(stateDirectory: scratch.work), second = try LabNode(stateDirectory: scratch.work)
        let crmctl = Crmctl.path!, reference = "ocf:halyard:\(agent)"
        let test = try first.run([crmctl, "agent", "test", reference])
        #expect(test.status == 0, "\(test.output)")
        if FileManager.default.isExecutableFile(atPath: "/usr/sbin/ocf-tester") {
            let tester = try first.run(["/usr/sbin/ocf-tester", "-n", "\(agent)-1", LabNode.agentsTree + "/resource.d/halyard/\(agent)"])
            #expect(tester.status == 0 && tester.output.contains("passed all tests"), "\(tester.output)")
        } else {
            print("skipped Debian's ocf-tester for \(reference): resource-agents is not installed")
        }

        for node in [first, second] {
            let start = try node.run([crmctl, "agent", "run", reference, "start"])
            #expect(start.status == 0, "\(node.name): \(start.output)")
        }
        #expect(try first.run([crmctl, "agent", "run", reference, "stop"]).status == 0)
        let survivor = try second.run([crmctl, "agent", "run", reference, "monitor", "--interval", "10s"])
        #expect(survivor.status == 0, "stopping \(agent) on one node must not touch the other: \(survivor.output)")
        #expect(try first.run([crmctl, "agent", "run", reference, "monitor", "--interval", "10s"]).status == 7)
        #expect(try second.run([crmctl, "agent", "run", reference, "stop"]).status == 0)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/lib/ocf/resource.d/heartbeat/apache"), "resource-agents is not installed"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/apache2"), "apache2 is not installed"))
    func unmodifiedApachePassesTheAgentTest() throws {
        let scratch = AgentFixtures()
        let node = try LabNode(stateDirectory: scratch.work)
        let test = try node.run([Crmctl.path!, "agent", "test", "ocf:heartbeat:apache"])
        #expect(test.status == 0, "\(test.output)")
    }

    @Test func fenceLabPowersANodeOffAndOn() async throws {
        let scratch = AgentFixtures()
        let node = try LabNode(stateDirectory: scratch.work)
        _ = try node.run(["/bin/sh", "-c", "sleep 100000 >/dev/null 2>&1 &"])
        let children = try runProcess("/bin/ps", ["-o", "pid=", "--ppid", String(node.initPID)]).output
            .split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        let runner = AgentRunner(locator: AgentLocator(ocfRoots: [], fenceDirectories: [LabNode.agentsTree + "/fence"]))
        func fence(_ action: String) async -> OperationResult {
            await runner.run(OperationRequest(resource: "lab-fence", agent: .stonith(name: "fence_lab"), action: action,
                                              parameters: ["port": node.name, "state_dir": scratch.work]))
        }
        #expect(await fence("status").exitCode == 0)
        #expect(await fence("list").stdout.text.contains("\(node.name),"))
        let off = await fence("off")
        #expect(off.exitCode == 0, "\(off.stderr.text)")
        #expect(await fence("status").exitCode == 2)
        let gone = [node.initPID] + children
        #expect(await eventually { gone.allSatisfy { !processIsAlive($0) } }, "the node's processes survived: \(gone.filter(processIsAlive))")
        #expect(await fence("on").exitCode == 0)
        #expect(await fence("status").exitCode == 0)
        try node.readInitPID()
        #expect(try node.run(["/bin/hostname"]).output == node.name + "\n")
        #expect(try AgentMetadata.parse(await fence("metadata").stdout.bytes).name == "fence_lab")
    }
}

/// The ping agent's counting and publishing, in lab network namespaces.
@Suite("ping agent", .enabled(if: LabNetwork.unavailable == nil, "\(LabNetwork.unavailable ?? "")"),
       .enabled(if: Crmctl.path != nil, "crmctl is not built next to the tests"))
struct PingAgentTests {
    @Test func countsReachableHosts() throws {
        let lab = try LabNetwork()
        let run = try lab.run(in: lab.left, [Crmctl.path!, "agent", "run", "ocf:halyard:ping", "count", "-p", "multiplier=10",
                                             "-p", "host_list=\(lab.subnet).2 \(lab.subnet).99 127.0.0.1", "-p", "timeout=1", "-p", "attempts=1"])
        #expect(run.status == 0 && run.output.contains("--- stdout ---\n2 20\n"), "\(run.output)")
    }

    @Test func publishesThroughTheAttributeCommandOrFailsClearly() throws {
        let lab = try LabNetwork()
        let scratch = AgentFixtures()
        let recorder = scratch.script("work/attribute", #"echo "$@" >> "$(dirname "$0")/attributes""#)
        let parameters = ["-p", "host_list=\(lab.subnet).2", "-p", "multiplier=100", "-p", "timeout=1",
                          "-p", "name=pingd", "--resource", "ping-\(lab.subnet)"]
        let test = try lab.run(in: lab.left, [Crmctl.path!, "agent", "test", "ocf:halyard:ping", "-p", "attribute_command=\(recorder)"] + parameters)
        #expect(test.status == 0, "\(test.output)")
        let calls = scratch.read("attributes").split(separator: "\n")
        #expect(calls.first?.hasSuffix(" pingd 100 --lifetime reboot") == true && calls.last?.hasSuffix(" pingd --delete --lifetime reboot") == true,
                "\(calls)")
        let offline = try lab.run(in: lab.left, [Crmctl.path!, "agent", "run", "ocf:halyard:ping", "start",
                                                 "-p", "attribute_command=\(Crmctl.path!) node attribute --socket \(scratch.work)/no-crmd.sock"]
                                                 + parameters)
        #expect(offline.status == 1 && offline.output.contains("cannot publish node attribute pingd"), "\(offline.output)")
        #expect(offline.output.contains("crmd is not running"), "\(offline.output)")
    }
}
