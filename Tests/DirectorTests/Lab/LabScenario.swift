import Director
import Foundation
import Testing

/// One data plane's run through the director lab (real apache2, postfix and named in lab
/// nodes) with checks every second and a one-second timeout: (a) new connections spread over
/// the real servers per the scheduler (wrr 2:1); (b) a stopped web server stops taking new
/// connections within checkinterval + checktimeout (plus `margin`) while a connection already
/// established to the healthy one keeps working; (c) with every web server down the sorry
/// server answers, and recovery restores the real servers; (d) SMTP active/backup through the
/// sorry server: active, backup, nothing, active again; (e) DNS queries through the VIP are
/// spread over both name servers, and a stopped one leaves the table and comes back;
/// (f) HTTPS through the VIP reaches both web servers, which HTTPS checks keep in the table.
struct LabScenario {
    /// The configuration syntax a run uses.
    enum Syntax: String { case ldirectord, keepalived }

    let lab: DirectorLab
    let plane: String
    let syntax: Syntax
    let quiescent: Bool

    /// What a check result may take on top of checkinterval + checktimeout to reach the data plane on a busy host.
    static let margin = 2.0
    /// The deadline of events that have no bound of their own (a restarted server's first check).
    static let patience = 15.0

    static let vip = DirectorLab.vip
    static let web = "tcp \(vip):80", secureWeb = "tcp \(vip):443", mail = "tcp \(vip):25"
    static let servers = ["b1": "10.77.2.11:8080", "b2": "10.77.2.12:8080", "sorry": "10.77.2.13:8080"]
    static let active = "10.77.2.11:25", backup = "10.77.2.12:25"
    static let resolvers = ["b1": "10.77.2.11:53", "b2": "10.77.2.12:53"]
    static let answers = ["b1": "10.77.9.11", "b2": "10.77.9.12"]
    static let secureServers = ["b1": "10.77.2.11:8443", "b2": "10.77.2.12:8443"]

    var configuration: String { "\(DirectorLab.base)/lab-\(plane).cf" }
    var holdFile: String { "\(DirectorLab.base)/hold-\(plane).out" }
    var dnsCheck: String { "\(DirectorLab.base)/dns-check" }
    /// nftables balances DNS over UDP; the userspace balancer over TCP (it relays TCP only).
    var dnsProtocol: ServiceProtocol { plane == "userspace" ? .tcp : .udp }
    var dns: String { "\(dnsProtocol.rawValue) \(Self.vip):53" }

    var text: String {
        switch syntax {
        case .ldirectord: LabConfiguration.ldirectord(quiescent: quiescent, dns: dnsProtocol)
        case .keepalived: LabConfiguration.keepalived(quiescent: quiescent, dns: dnsProtocol, dnsCheck: dnsCheck)
        }
    }

    func run() async throws {
        try text.write(toFile: configuration, atomically: true, encoding: .utf8)
        try LabConfiguration.dnsCheckScript.write(toFile: dnsCheck, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dnsCheck)
        let started = await lab.director(configuration, plane, "start")
        try #require(started.status == 0, "ldirector start on \(plane): \(started.output)")
        do {
            try await scenarios()
        } catch {
            await lab.director(configuration, plane, "stop")
            throw error
        }
        let stopped = await lab.director(configuration, plane, "stop")
        #expect(stopped.status == 0, "ldirector stop on \(plane): \(stopped.output)")
        #expect(try await lab.client("get", Self.vip, "80", "1").allSatisfy { $0.hasPrefix("error") }, "the VIP answers after stop (\(plane))")
        if plane == "nftables" {
            #expect(await lab.nft("list", "table", "ip", NFTablesRuleset.tableName) != 0, "the nftables table outlived the director")
        }
    }

    private func scenarios() async throws {
        let ready = await poll(within: Self.patience) {
            taking(Self.web) == webServers && taking(Self.mail) == [Self.active] && taking(dns) == Set(Self.resolvers.values)
                && taking(Self.secureWeb) == Set(Self.secureServers.values)
        }
        try #require(ready, "\(plane): the table never held both web servers and the active relay: \(String(describing: lab.status(of: configuration)?.report))")
        let status = await lab.director(configuration, plane, "status")
        #expect(status.status == 0 && status.output.contains("data plane: programmed"), "ldirector status on \(plane): \(status.output)")
        try await spread()
        try await failover()
        try await fallback()
        try await smtpActiveBackup()
        try await nameServers()
        try await https()
    }

    /// (f) Both web servers over HTTPS through the VIP (rr), after the web servers' restarts above.
    private func https() async throws {
        let back = await poll(within: Self.patience) { taking(Self.secureWeb) == Set(Self.secureServers.values) }
        #expect(back, "HTTPS checks did not keep both web servers (\(plane)): \(weights(Self.secureWeb))")
        var pages: [String] = []
        for _ in 0..<2 { pages.append(try await lab.fetch("https://\(Self.vip)/")) }
        #expect(Set(pages) == ["b1", "b2"], "HTTPS through the VIP on \(plane): \(pages)")
    }

    /// (a) wrr 2:1 over nine new connections: six to b1, three to b2.
    private func spread() async throws {
        let answers = try await lab.client("get", Self.vip, "80", "9")
        #expect(counts(answers) == ["b1": 6, "b2": 3], "wrr 2:1 on \(plane): \(answers)")
    }

    /// (b) One backend stops while a connection to the other is held open and in use.
    private func failover() async throws {
        try await lab.background("hold", "hold", Self.vip, "80", holdFile)
        let first = await poll(within: Self.patience) { !holdLines().isEmpty }
        let held = try #require(first ? holdLines().first.map { String($0.dropFirst(3)) } : nil, "no answer on the held connection (\(plane)): \(holdLines())")
        let victim = held == "b1" ? "b2" : "b1"
        let victimServer = Self.servers[victim]!
        let stoppedAt = Date()
        try await lab.stop("\(victim)-http")
        let left = await poll(within: 1 + 1 + Self.margin) { !taking(Self.web).contains(victimServer) }
        let elapsed = Int(Date().timeIntervalSince(stoppedAt) * 1000)
        print("director lab (\(plane)): \(victim) stopped, out of rotation after \(elapsed) ms (checkinterval 1 s + checktimeout 1 s)")
        #expect(left, "\(victim) still takes new connections \(elapsed) ms after it stopped (\(plane))")
        #expect(weights(Self.web)[victimServer] == (quiescent ? 0 : nil), "quiescent=\(quiescent) on \(plane): \(weights(Self.web))")
        #expect(try await lab.client("get", Self.vip, "80", "4") == Array(repeating: held, count: 4), "new connections after \(victim) stopped")
        let seen = holdLines().count
        _ = await poll(within: Self.patience) { holdLines().count >= seen + 3 }
        let lines = holdLines()
        #expect(lines.count >= seen + 3 && lines.allSatisfy { $0 == "ok \(held)" }, "the connection held to \(held) on \(plane): \(lines.suffix(4))")
        try await lab.stop("hold")
        try await lab.start("\(victim)-http")
        let back = await poll(within: Self.patience) { taking(Self.web) == webServers }
        try #require(back, "\(victim) did not come back (\(plane))")
    }

    /// (c) Every web server down: the sorry server answers; both back: the real servers again.
    private func fallback() async throws {
        try await lab.stop("b1-http")
        try await lab.stop("b2-http")
        let sorry = await poll(within: Self.patience) { taking(Self.web) == [Self.servers["sorry"]!] }
        #expect(sorry, "the fallback did not take over (\(plane)): \(weights(Self.web))")
        #expect(try await lab.client("get", Self.vip, "80", "3") == ["sorry", "sorry", "sorry"], "all down on \(plane)")
        try await lab.start("b1-http")
        try await lab.start("b2-http")
        let restored = await poll(within: Self.patience) { taking(Self.web) == webServers }
        try #require(restored, "the real servers were not restored (\(plane)): \(weights(Self.web))")
        #expect(weights(Self.web)[Self.servers["sorry"]!] == nil, "the fallback stayed in the table")
        #expect(counts(try await lab.client("get", Self.vip, "80", "3")) == ["b1": 2, "b2": 1], "after recovery on \(plane)")
    }

    /// (d) The transcript of the SMTP active/backup deployment.
    private func smtpActiveBackup() async throws {
        #expect(try await lab.client("greet", Self.vip, "25") == ["active"], "active relay on \(plane)")
        try await lab.stop("b1-smtp")
        let backupTakes = await poll(within: Self.patience) { taking(Self.mail) == [Self.backup] }
        #expect(backupTakes, "the backup relay did not take over (\(plane)): \(weights(Self.mail))")
        #expect(try await lab.client("greet", Self.vip, "25") == ["backup"], "backup relay on \(plane)")
        try await lab.stop("b2-smtp")
        #expect(try await lab.client("greet", Self.vip, "25") == ["none"], "both relays down on \(plane)")
        try await lab.start("b1-smtp")
        let activeBack = await poll(within: Self.patience) { taking(Self.mail) == [Self.active] }
        #expect(activeBack, "the active relay did not come back (\(plane)): \(weights(Self.mail))")
        #expect(try await lab.client("greet", Self.vip, "25") == ["active"], "active relay again on \(plane)")
        try await lab.start("b2-smtp")
    }

    /// (e) DNS through the VIP: both name servers answer in turn; one stopped leaves the table
    /// within checkinterval + checktimeout (+ `margin`, and the MISC_CHECK's own timeout) and comes back.
    private func nameServers() async throws {
        #expect(Set(try await lookups(4)) == Set(Self.answers.values), "DNS over \(dnsProtocol) through the VIP on \(plane) (\(syntax))")
        try await lab.stop("b2-dns")
        let left = await poll(within: 1 + 2 + Self.margin) { !taking(dns).contains(Self.resolvers["b2"]!) }
        #expect(left, "the stopped name server stayed in the table (\(plane)): \(weights(dns))")
        #expect(try await lookups(3) == Array(repeating: Self.answers["b1"]!, count: 3), "DNS with b2 down on \(plane)")
        try await lab.start("b2-dns")
        let back = await poll(within: Self.patience) { taking(dns) == Set(Self.resolvers.values) }
        #expect(back, "the name server did not come back (\(plane)): \(weights(dns))")
    }

    /// `count` lookups of www.lab through the VIP from the client, each on a new connection or source port.
    private func lookups(_ count: Int) async throws -> [String] {
        var answers: [String] = []
        for _ in 0..<count {
            answers.append(try await lab.dig(Self.vip, "www.lab", tcp: dnsProtocol == .tcp))
        }
        return answers
    }

    private var webServers: Set<String> { [Self.servers["b1"]!, Self.servers["b2"]!] }

    /// The servers of `service` taking new connections in the published table.
    private func taking(_ service: String) -> Set<String> {
        Set(weights(service).filter { $0.value > 0 }.keys)
    }

    /// Every server of `service` in the published table, with its weight.
    private func weights(_ service: String) -> [String: Int] {
        let rows = lab.status(of: configuration)?.table.filter { $0.service == service } ?? []
        return Dictionary(rows.map { ($0.server, $0.weight) }, uniquingKeysWith: { first, _ in first })
    }

    private func holdLines() -> [String] {
        ((try? String(contentsOfFile: holdFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func counts(_ answers: [String]) -> [String: Int] {
        answers.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Whether `condition` came true within `seconds` (checked every 50 ms).
    private func poll(within seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }
}
