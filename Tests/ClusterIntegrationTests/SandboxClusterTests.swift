import Foundation
import Testing

/// The README's sandbox as an integration test (root, network namespaces, corosync and Debian's
/// apache2, bind9 and postfix; skipped with a message otherwise): three lab nodes, each with its
/// own corosync and crmd, run the sandbox example; HTTP, DNS and SMTP answer on the floating IPs
/// from a client namespace; a node powered off is fenced and its service answers again from a
/// survivor (the time is printed); `down` leaves no namespace behind. Its own namespace prefix,
/// subnet and directory, so an operator's sandbox is never touched.
@Suite(.serialized) struct SandboxClusterTests {
    static let script = CRMDIntegrationTests.root.appendingPathComponent("Scripts/lab/sandbox-cluster.sh").path

    static var unavailableReason: String? {
        if let reason = CorosyncLab.unavailableReason { return reason }
        for binary in ["/usr/sbin/apache2", "/usr/sbin/named", "/usr/sbin/postfix", "/usr/bin/nsenter", "/usr/bin/dig"]
        where !FileManager.default.isExecutableFile(atPath: binary) {
            return "\(binary) is not installed"
        }
        return nil
    }

    @Test func servicesAnswerOnTheirFloatingIPsAndSurviveAPowerOff() throws {
        if let reason = Self.unavailableReason {
            print("skipped: sandbox cluster test (\(reason))")
            return
        }
        let crmd = try #require(ChildProcess.product("crmd"), "crmd is not built")
        let crmctl = try #require(ChildProcess.product("crmctl"), "crmctl is not built")
        let base = "/tmp/halyard-sandbox-test-\(getpid())"
        let environment = ["CRMD": crmd, "CRMCTL": crmctl, "SANDBOX_BASE": base, "SANDBOX_PREFIX": "hst", "SANDBOX_SUBNET": "10.81.0"]
        func sandbox(_ arguments: String...) throws -> ChildProcess.Outcome {
            try ChildProcess.run(["/usr/bin/env"] + environment.map { "\($0)=\($1)" } + ["bash", Self.script] + arguments,
                                 scratch: NSTemporaryDirectory())
        }
        defer { _ = try? sandbox("down") }

        let up = try sandbox("up", "3")
        try #require(up.status == 0, "sandbox up:\n\(up.stdout)\n\(up.stderr)")
        #expect(up.stdout.contains("HTTP") && !up.stdout.contains("FAILED"), "\(up.stdout)")

        // Power off n2 (the DNS service's node): it is fenced and DNS answers again from a survivor.
        let fault = Date()
        let killed = try sandbox("kill", "n2")
        #expect(killed.status == 0, "\(killed.stderr)")
        var check = try sandbox("check")
        let deadline = Date().addingTimeInterval(60)
        while check.status != 0 && Date() < deadline {
            usleep(200_000)
            check = try sandbox("check")
        }
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        if check.status == 0 {
            print(String(format: "figure: n2 powered off → HTTP, DNS and SMTP all answer again after %.1f s", Date().timeIntervalSince(fault)))
        }

        let down = try sandbox("down")
        #expect(down.status == 0, "\(down.stderr)")
        let namespaces = try ChildProcess.run(["/usr/sbin/ip", "netns", "list"], scratch: NSTemporaryDirectory())
        #expect(!namespaces.stdout.contains("hst-"), "\(namespaces.stdout)")
        #expect(!FileManager.default.fileExists(atPath: base))
    }
}
