import Foundation
import Testing
@testable import Executor

/// Runs the `crmctl` built next to the test bundle.
enum Crmctl {
    static let path: String? = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.path + "/crmctl") { return url.path + "/crmctl" }
        }
        return nil
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessRun {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        return try runProcess(path, arguments, environment: environment)
    }
}

@Suite("crmctl agent", .enabled(if: Crmctl.path != nil, "crmctl is not built next to the tests"))
struct AgentCommandTests {
    @Test func dummyPassesTheAgentTest() throws {
        let state = NSTemporaryDirectory() + "dummy-\(UUID().uuidString).state"
        let run = try Crmctl.run(["agent", "test", "ocf:halyard:Dummy", "-p", "state=\(state)"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("ocf:halyard:Dummy: all 9 steps passed"))
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/ocf-tester"), "resource-agents (ocf-tester) is not installed"))
    func dummyPassesDebiansOCFTester() throws {
        let state = NSTemporaryDirectory() + "dummy-\(UUID().uuidString).state"
        let run = try runProcess("/usr/sbin/ocf-tester", ["-n", "dummy-1", "-o", "state=\(state)", Self.agentsTree + "/resource.d/halyard/Dummy"])
        #expect(run.status == 0 && run.output.contains("passed all tests"), "\(run.output)")
    }

    @Test func brokenAgentFailsTheAgentTest() throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        fixtures.script("resource.d/test/Sticky", """
            [ "$1" = meta-data ] && OCF_ROOT="\(Self.agentsTree)" exec "\(Self.agentsTree)/resource.d/halyard/Dummy" meta-data
            [ "$1" = stop ] && exit 1
            exit 0
            """)
        let run = try Crmctl.run(["agent", "test", "ocf:test:Sticky"], environment: ["HALYARD_AGENTS": fixtures.root])
        #expect(run.status == 1)
        #expect(run.output.contains("FAIL probe (expects not running)"))
        #expect(run.output.contains("FAIL stop (") && run.output.contains("got 1 (OCF_ERR_GENERIC)"))
    }

    @Test func orphanedGrandchildrenAreAdoptedAndReaped() throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        fixtures.script("resource.d/test/Orphan", """
            ( ( sleep 0.1; awk '/^PPid/ {print $2}' /proc/$BASHPID/status > "\(fixtures.work)/ppid"; echo $BASHPID > "\(fixtures.work)/gpid" ) & )
            sleep 0.6
            gpid=$(cat "\(fixtures.work)/gpid")
            [ -d /proc/$gpid ] && echo "grandchild $gpid not reaped" || echo "grandchild reaped"
            """)
        let run = try Crmctl.run(["agent", "run", "ocf:test:Orphan", "start"], environment: ["HALYARD_AGENTS": fixtures.root])
        #expect(run.status == 0)
        #expect(fixtures.read("ppid").trimmingCharacters(in: .whitespacesAndNewlines) == String(run.pid))
        #expect(run.output.contains("grandchild reaped"), "\(run.output)")
    }

    @Test func runReportsTheCodeByName() throws {
        let run = try Crmctl.run(["agent", "run", "ocf:halyard:Dummy", "monitor", "-p", "state=/nonexistent-dir/x"])
        #expect(run.status == 7)
        #expect(run.output.hasPrefix("rc=7 (OCF_NOT_RUNNING) not running"))
    }

    /// The checkout's `Agents/` tree.
    static let agentsTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Agents"
}
