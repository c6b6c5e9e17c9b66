import Foundation
import Testing

/// The README's sandbox as an integration test (root, network namespaces, corosync and Debian's
/// apache2, bind9 and postfix; skipped with a message otherwise): three lab nodes, each with its
/// own corosync and crmd, run the sandbox example; HTTP, DNS and SMTP answer on the floating IPs
/// from a client namespace; apache2 killed behind crmd's back is restarted by its monitor with a
/// fail count; a node powered off is fenced and its service answers again from a survivor (the
/// time is printed); a node whose crmd is killed (kill -9) is fenced and its service answers
/// again from a survivor; n3 cut off by a partition is fenced by the majority, which keeps every
/// service while n3 stops its own, a change committed meanwhile reaches n3 after the heal, and
/// no floating IP is ever seen on two nodes; `node fence n3` reboots n3; `down` leaves no
/// namespace behind. Its own namespace prefix, subnet and directory, so an operator's sandbox is
/// never touched.
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

        // apache2 on n1 dies behind crmd's back (its process group killed by the pid in its
        // PidFile): web's monitor (every 20 s) finds it and crmd restarts it on n1 with a fail count.
        let crashed = Date()
        let killedWeb = try sandbox("exec", "n1", "bash", "-c", "kill -KILL -- -\"$(cat /run/apache2/sandbox.pid)\"")
        #expect(killedWeb.status == 0, "\(killedWeb.stderr)")
        var webBack = false
        while !webBack && Date() < crashed.addingTimeInterval(60) {
            usleep(500_000)
            let status = try ChildProcess.run([crmctl, "--socket", base + "/n1/crmd.sock", "resource", "failcount", "web"],
                                              scratch: NSTemporaryDirectory())
            webBack = try status.stdout.contains("web on n1: fail count 1") && sandbox("check").status == 0
        }
        #expect(webBack, "apache2 killed on n1 was not restarted with a fail count")
        if webBack { print(String(format: "figure: apache2 killed → restarted by crmd, HTTP answers again after %.1f s", Date().timeIntervalSince(crashed))) }

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

        // kill -9 of n1's crmd (the DC): the next DC fences n1 and web answers again from n2;
        // the fencing powers n1 on again, and it rejoins before the partition below.
        let crash = Date()
        #expect(try sandbox("crash", "n1").status == 0)
        // n1's services keep running without their crmd until the fencing kills them: wait for
        // the fencing, then for every service to answer (web now from n2).
        func fencedN1() -> Bool {
            ((try? String(contentsOfFile: base + "/fencer.log", encoding: .utf8)) ?? "").contains("fence reboot n1: rc 0")
        }
        var recovered = false
        while !recovered && Date() < crash.addingTimeInterval(60) {
            usleep(100_000)
            recovered = try fencedN1() && sandbox("check").status == 0
        }
        #expect(recovered, "n1 was not fenced, or a service did not answer again")
        if recovered {
            print(String(format: "figure: n1's crmd killed → n1 fenced and HTTP, DNS and SMTP all answer again after %.1f s",
                         Date().timeIntervalSince(crash)))
        }
        var rejoined = false
        for _ in 0..<150 where !rejoined {
            usleep(200_000)
            let status = try ChildProcess.run([crmctl, "--socket", base + "/n2/crmd.sock", "status"], scratch: NSTemporaryDirectory())
            rejoined = status.stdout.contains("n1\tonline") && status.stdout.contains("n2\tonline") && status.stdout.contains("n3\tonline")
        }
        #expect(rejoined, "n1 did not rejoin after its fencing")

        // Partition n3 from the other nodes (nft drop): n3 loses quorum and stops its services,
        // the majority fences it and keeps every service; a configuration change committed
        // meanwhile survives the heal; no floating IP is ever held by two nodes (sampled from
        // the host between every other step).
        func holders() throws -> [String: [String]] {
            var held: [String: [String]] = [:]
            for node in ["n1", "n2", "n3"] {
                let addresses = try ChildProcess.run(["/usr/sbin/ip", "-n", "hst-\(node)", "-4", "-o", "addr", "show", "dev", "eth0"],
                                                     scratch: NSTemporaryDirectory()).stdout
                for vip in ["10.81.0.10/", "10.81.0.11/", "10.81.0.12/"] where addresses.contains(vip) { held[vip, default: []].append(node) }
            }
            return held
        }
        var doubleHeld: [String] = []
        func sampleHolders() throws {
            let held = try holders()
            if held.values.contains(where: { $0.count > 1 }) { doubleHeld.append("\(Date()): \(held)") }
        }
        let socket = base + "/n1/crmd.sock"
        // A fencing delay for n3 (pcmk_delay_base) gives n3's corosync time to see the partition
        // before it is fenced, so its own reaction is observable (otherwise the majority may
        // power it off first).
        let delayed = NSTemporaryDirectory() + "/hst-fence-delay-\(getpid()).crm"
        try "primitive fence-n3 stonith:fence_lab params pcmk_host_list=n3 pcmk_delay_base=3s op monitor interval=60s\n"
            .write(toFile: delayed, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: delayed) }
        let delay = try ChildProcess.run([crmctl, "--socket", socket, "configure", "load", "update", delayed], scratch: NSTemporaryDirectory())
        #expect(delay.status == 0, "\(delay.stderr)")
        let n3LogBefore = ((try? String(contentsOfFile: base + "/n3/crmd.log", encoding: .utf8)) ?? "").count
        #expect(try sandbox("partition", "n3").status == 0)
        var partitioned = false
        for _ in 0..<100 where !partitioned {
            usleep(100_000)
            try sampleHolders()
            let status = try ChildProcess.run([crmctl, "--socket", socket, "status"], scratch: NSTemporaryDirectory())
            try sampleHolders()
            let answering = try sandbox("check").status == 0
            partitioned = status.stdout.contains("n3\tOFFLINE") && answering
        }
        #expect(partitioned, "the majority did not recover after the partition")
        // n3's own crmd planned the stop of what it ran once it lost quorum (before its fencing).
        let n3Log = String(((try? String(contentsOfFile: base + "/n3/crmd.log", encoding: .utf8)) ?? "").dropFirst(n3LogBefore))
        let lostQuorum = n3Log.range(of: "quorum: not quorate")
        let stopped = n3Log.range(of: #"transition \d+: .*stop (dns|mail)"#, options: .regularExpression)
        #expect(lostQuorum != nil && stopped != nil && lostQuorum!.lowerBound < stopped!.lowerBound,
                "n3 did not stop its services on losing quorum:\n\(n3Log.suffix(3000))")
        let edit = try ChildProcess.run([crmctl, "--socket", socket, "node", "attribute", "n2", "site", "east"], scratch: NSTemporaryDirectory())
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(try sandbox("heal", "n3").status == 0)
        var healed = false
        for _ in 0..<100 where !healed {
            usleep(100_000)
            try sampleHolders()
            let shown = try ChildProcess.run([crmctl, "--socket", base + "/n3/crmd.sock", "configure", "show", "n2"], scratch: NSTemporaryDirectory())
            try sampleHolders()
            let answering = try sandbox("check").status == 0
            healed = shown.stdout.contains("site=east") && answering
        }
        #expect(healed, "after the heal n3 did not take the majority's configuration, or a service did not answer")
        #expect(try holders().mapValues(\.count) == ["10.81.0.10/": 1, "10.81.0.11/": 1, "10.81.0.12/": 1])
        let fencing = (try? String(contentsOfFile: base + "/fencer.log", encoding: .utf8)) ?? ""
        let decisions = ((try? String(contentsOfFile: base + "/n1/crmd.log", encoding: .utf8)) ?? "")
            .split(separator: "\n").filter { $0.contains("transition") || $0.contains("fenc") || $0.contains("view") }.suffix(20)
        let report = doubleHeld.joined(separator: "\n") + "\nfencer:\n\(fencing)n1:\n" + decisions.joined(separator: "\n")
        #expect(doubleHeld.isEmpty, "a floating IP was on two nodes at once:\n\(report)")

        // An administrator fences n3 through n1: another member runs fence_lab, which reboots n3.
        func n3Fencings() -> Int {
            ((try? String(contentsOfFile: base + "/fencer.log", encoding: .utf8)) ?? "").components(separatedBy: "fence reboot n3: rc 0").count - 1
        }
        let fencingsBefore = n3Fencings()
        let fence = try ChildProcess.run([crmctl, "--socket", socket, "node", "fence", "n3", "--yes"], scratch: NSTemporaryDirectory())
        #expect(fence.status == 0 && fence.stdout.contains("fencing of n3 requested"), "\(fence.stdout)\(fence.stderr)")
        var fencedOnRequest = false
        for _ in 0..<100 where !fencedOnRequest {
            usleep(200_000)
            fencedOnRequest = n3Fencings() > fencingsBefore
        }
        #expect(fencedOnRequest, "n3 was not fenced on request")

        let down = try sandbox("down")
        #expect(down.status == 0, "\(down.stderr)")
        let namespaces = try ChildProcess.run(["/usr/sbin/ip", "netns", "list"], scratch: NSTemporaryDirectory())
        #expect(!namespaces.stdout.contains("hst-"), "\(namespaces.stdout)")
        #expect(!FileManager.default.fileExists(atPath: base))
    }
}
