import Foundation
import Testing
@testable import Executor

@Suite("Running agents")
struct AgentRunnerTests {
    @Test func ocfEnvironmentIsExact() async throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("EnvDump", """
            printf 'argc=%s arg=%s\\n' "$#" "$1"
            printf 'stdin=%s\\n' "$(readlink /proc/$$/fd/0)"
            env | grep -E '^OCF_' | sort
            """)
        let request = OperationRequest(resource: "web:1", agent: agent, action: "monitor", intervalMilliseconds: 10_000,
                                       timeoutMilliseconds: 30_000, parameters: ["ip": "10.0.0.5", "cidr-mask": "24 $(x)"],
                                       meta: ["target-role": "Started", "clone_max": "2"], checkLevel: "10", node: "n1")
        let result = await fixtures.runner().run(request)
        #expect(result.status == .done && result.exitCode == 0)
        #expect(result.stdout.text == """
            argc=1 arg=monitor
            stdin=/dev/null
            OCF_CHECK_LEVEL=10
            OCF_EXIT_REASON_PREFIX=ocf-exit-reason:
            OCF_RA_VERSION_MAJOR=1
            OCF_RA_VERSION_MINOR=1
            OCF_RESKEY_CRM_meta_clone_max=2
            OCF_RESKEY_CRM_meta_interval=10000
            OCF_RESKEY_CRM_meta_name=monitor
            OCF_RESKEY_CRM_meta_on_node=n1
            OCF_RESKEY_CRM_meta_target_role=Started
            OCF_RESKEY_CRM_meta_timeout=30000
            OCF_RESKEY_cidr-mask=24 $(x)
            OCF_RESKEY_ip=10.0.0.5
            OCF_RESOURCE_INSTANCE=web:1
            OCF_RESOURCE_PROVIDER=test
            OCF_RESOURCE_TYPE=EnvDump
            OCF_ROOT=\(fixtures.root)

            """)
    }

    @Test func timeoutKillsTheWholeGroupIncludingAForkedDaemon() async throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Hang", """
            ( trap '' TERM; exec sleep 1000 ) &
            echo $! >> "\(fixtures.work)/pids"
            echo $$ >> "\(fixtures.work)/pids"
            trap '' TERM
            sleep 1000
            """)
        let result = await fixtures.runner(killGraceMilliseconds: 200)
            .run(OperationRequest(resource: "h", agent: agent, action: "start", timeoutMilliseconds: 500))
        #expect(result.status == .timedOut)
        #expect(result.classification == .failure(.soft))
        let pids = fixtures.read("pids").split(separator: "\n").compactMap { Int32($0) }
        #expect(pids.count == 2)
        #expect(await eventually { pids.allSatisfy { !processIsAlive($0) } }, "still alive: \(pids.filter(processIsAlive))")
    }

    @Test func hugeOutputIsBoundedAndCounted() async throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Spew", """
            head -c 5000000 /dev/zero | tr '\\0' o
            head -c 300000 /dev/zero | tr '\\0' e >&2
            echo 'ocf-exit-reason:spewed' >&2
            exit 0
            """)
        let result = await fixtures.runner(captureLimit: 4096).run(OperationRequest(resource: "s", agent: agent, action: "start"))
        #expect(result.exitCode == 0 && result.classification == .success)
        #expect(result.stdout.bytes.count == 4096 && result.stdout.droppedBytes == 5_000_000 - 4096)
        #expect(result.stderr.bytes.count + result.stderr.droppedBytes == 300_000 + "ocf-exit-reason:spewed\n".utf8.count)
        #expect(result.exitReason == nil, "the reason line was beyond the limit")
    }

    @Test func exitReasonAndUnknownCodes() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Odd", """
            echo 'ocf-exit-reason:first' >&2
            echo 'ocf-exit-reason: port 80 is taken ' >&2
            exit 42
            """)
        let result = await fixtures.runner().run(OperationRequest(resource: "o", agent: agent, action: "start"))
        #expect(result.status == .done && result.exitCode == 42)
        #expect(result.classification == .failure(.soft))
        #expect(result.exitReason == "port 80 is taken")
    }

    @Test func crashingAgentIsReported() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Crash", "kill -SEGV $$")
        let result = await fixtures.runner().run(OperationRequest(resource: "c", agent: agent, action: "monitor"))
        #expect(result.status == .signalled(SIGSEGV))
        #expect(result.classification == .failure(.soft))
    }

    @Test func missingAgentIsNotInstalled() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let runner = fixtures.runner()
        let agent = AgentReference.ocf(provider: "test", type: "Nowhere")
        let probe = await runner.run(OperationRequest(resource: "m", agent: agent, action: "monitor"))
        #expect(probe.exitCode == OCFExitCode.errInstalled && probe.classification == .notRunning)
        guard case .notInstalled(let detail) = probe.status else { Issue.record("\(probe.status)"); return }
        #expect(detail.contains("\(fixtures.root)/resource.d/test/Nowhere"))
        let start = await runner.run(OperationRequest(resource: "m", agent: agent, action: "start"))
        #expect(start.classification == .failure(.hard))
    }

    @Test func nonExecutableScriptFailsToSpawn() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        _ = FileManager.default.createFile(atPath: fixtures.root + "/resource.d/test/Broken", contents: Data("#!/nonexistent/interpreter\n".utf8),
                                       attributes: [.posixPermissions: 0o755])
        let result = await fixtures.runner().run(OperationRequest(resource: "b", agent: .ocf(provider: "test", type: "Broken"), action: "start"))
        guard case .spawnFailed = result.status else { Issue.record("\(result.status)"); return }
        #expect(result.classification == .failure(.soft))
    }

    @Test func shippedAgentsMetadataIsRead() async throws {
        let agents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Agents").path
        let runner = AgentRunner(locator: AgentLocator(ocfRoots: [agents], fenceDirectories: [agents + "/fence"]))
        let result = await runner.run(OperationRequest(resource: "ip", agent: .ocf(provider: "halyard", type: "IPaddr"), action: "meta-data"))
        let metadata = try AgentMetadata.parse(result.stdout.bytes)
        #expect(metadata.name == "IPaddr" && metadata.ocfVersion == "1.1")
        #expect(metadata.shortDescription == "Floating IP address")
        #expect(metadata.longDescription.hasPrefix("Adds an IPv4 or IPv6 address to an interface on start"))
        let ip = try #require(metadata.parameters.first { $0.name == "ip" })
        #expect(ip.required && ip.type == "string" && ip.shortDescription == "IP address")
        #expect(metadata.parameters.first { $0.name == "arp_count" }?.defaultValue == "3")
        #expect(metadata.actions.contains { $0.name == "monitor" && $0.interval != nil })
    }

    @Test func agentWithoutMetadataIsReported() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let agent = fixtures.ocf("Mute", "exit 0")
        let result = await fixtures.runner().run(OperationRequest(resource: "m", agent: agent, action: "meta-data"))
        #expect(throws: MetadataError("the agent printed no meta-data")) { try AgentMetadata.parse(result.stdout.bytes) }
        #expect(throws: MetadataError.self) { try AgentMetadata.parse(Array("<resource-agent><oops".utf8)) }
        #expect(throws: MetadataError.self) { try AgentMetadata.parse(Array("<html/>".utf8)) }
    }

    @Test func fenceAgentsGetOptionsOnStdinAndNoArguments() async {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        fixtures.script("fence/fence_echo", """
            echo "argc=$#"
            cat
            exit 2
            """)
        let request = OperationRequest(resource: "f", agent: .stonith(name: "fence_echo"), action: "status",
                                       parameters: ["port": "n2", "pcmk_host_list": "n2"])
        let result = await fixtures.runner().run(request)
        #expect(result.stdout.text == "argc=0\naction=status\nport=n2\n")
        #expect(result.exitCode == 2 && result.classification == .notRunning)
    }

    @Test func lsbStatusCodesAreMapped() async throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        fixtures.script("init.d/svc", #"[ "$1" = status ] && exit 3; echo "$1"; exit 0"#)
        let runner = fixtures.runner()
        let monitor = await runner.run(OperationRequest(resource: "svc", agent: .lsb(name: "svc"), action: "monitor"))
        #expect(monitor.exitCode == OCFExitCode.notRunning && monitor.classification == .notRunning)
        let start = await runner.run(OperationRequest(resource: "svc", agent: .lsb(name: "svc"), action: "start"))
        #expect(start.stdout.text == "start\n" && start.classification == .success)
        let metadata = await runner.run(OperationRequest(resource: "svc", agent: .lsb(name: "svc"), action: "meta-data"))
        #expect(try AgentMetadata.parse(metadata.stdout.bytes).name == "svc")
    }
}
