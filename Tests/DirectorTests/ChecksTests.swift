import Foundation
import HalyardModel
import Testing
@testable import Director

/// Every check kind against real listeners on 127.0.0.1.
@Suite struct ChecksTests {
    static func target(port: Int, _ kind: HealthCheck.Kind, timeout: Int = 2000, configure: (inout HealthCheck) -> Void = { _ in }) -> CheckTarget {
        var check = HealthCheck(kind: kind, timeoutMilliseconds: timeout, intervalMilliseconds: 50)
        configure(&check)
        return CheckTarget(key: RealServerKey(service: ServiceEndpoint(host: "10.0.0.100", port: port), proto: .tcp,
                                              server: ServiceEndpoint(host: "127.0.0.1", port: port)), check: check)
    }

    static func web(status: String = "200 OK", body: String = "<h1>Test Page</h1>", hosts: Recorded<[String]>? = nil) throws -> LoopbackResponder {
        try LoopbackResponder { connection in
            let head = connection.readHead()
            hosts?.update { $0 += head.filter { $0.hasPrefix("Host: ") } }
            connection.send("HTTP/1.0 \(status)\r\nContent-Type: text/html\r\n\r\n\(body)")
        }
    }

    @Test func md5MatchesTheRFCVectors() {
        #expect(MD5.hex([UInt8]()) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex("abc".utf8) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(String(repeating: "1234567890", count: 8).utf8) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test func connectPassesOnAListenerAndFailsOnAClosedPort() async throws {
        let server = try LoopbackResponder { _ in }
        defer { server.stop() }
        let runner = HealthCheckRunner()
        #expect(await runner.check(Self.target(port: server.port, .connect)) == CheckResult(passed: true, detail: "connected"))
        let refused = await runner.check(Self.target(port: try LoopbackResponder.closedPort(), .connect))
        #expect(!refused.passed)
        #expect(refused.detail.contains("connect failed"), "\(refused.detail)")
    }

    @Test func httpChecksStatusBodyDigestAndHost() async throws {
        let hosts = Recorded<[String]>([])
        let server = try Self.web(hosts: hosts)
        defer { server.stop() }
        let runner = HealthCheckRunner()
        let good = await runner.check(Self.target(port: server.port, .negotiate(.http)) {
            $0.request = "index.html"
            $0.receive = "Test P[a-z]+"
            $0.virtualHost = "www.example.lab"
            $0.digest = MD5.hex("<h1>Test Page</h1>".utf8)
        })
        #expect(good == CheckResult(passed: true, detail: "HTTP 200"))
        #expect(hosts.value == ["Host: www.example.lab"])
        let wrongText = await runner.check(Self.target(port: server.port, .negotiate(.http)) { $0.receive = "OKAY" })
        #expect(wrongText.detail == "HTTP 200, body does not match \"OKAY\"")
        let wrongStatus = await runner.check(Self.target(port: server.port, .negotiate(.http)) { $0.expectedStatus = 204 })
        #expect(wrongStatus.detail == "HTTP 200, expected 204")
        let wrongDigest = await runner.check(Self.target(port: server.port, .negotiate(.http)) { $0.digest = MD5.hex("other".utf8) })
        #expect(!wrongDigest.passed)
        #expect(wrongDigest.detail.contains("digest"))
    }

    @Test(.enabled(if: TLSResponder.openssl != nil, "openssl is not installed"))
    func httpsChecksTheAnswerOverTLS() async throws {
        let server = try await TLSResponder.start(files: ["health.html": "service OK\n"])
        defer { server.stop() }
        let runner = HealthCheckRunner()
        let good = await runner.check(Self.target(port: server.port, .negotiate(.https)) {
            $0.request = "/health.html"
            $0.receive = "^service OK$"
            $0.virtualHost = "www.example.lab"
            $0.digest = MD5.hex("service OK\n".utf8)
        })
        #expect(good == CheckResult(passed: true, detail: "HTTP 200"))
        let wrongText = await runner.check(Self.target(port: server.port, .negotiate(.https)) {
            $0.request = "/health.html"
            $0.receive = "FAILED"
        })
        #expect(wrongText.detail == "HTTP 200, body does not match \"FAILED\"")
        let plain = try Self.web()
        defer { plain.stop() }
        let noTLS = await runner.check(Self.target(port: plain.port, .negotiate(.https)))
        #expect(!noTLS.passed, "a server without TLS fails the HTTPS check: \(noTLS.detail)")
        let refused = await runner.check(Self.target(port: try LoopbackResponder.closedPort(), .negotiate(.https)))
        #expect(!refused.passed && refused.detail.hasPrefix("TLS: "), "\(refused.detail)")
    }

    @Test func receiveAnchorsMatchBeforeAFinalNewlineAsInPerl() throws {
        var check = HealthCheck()
        check.receive = "^b1$"
        #expect(try HTTPCheck.judge("HTTP/1.0 200 OK\r\n\r\nb1\n", check: check) == "HTTP 200")
        #expect(throws: CheckFailure.self) { try HTTPCheck.judge("HTTP/1.0 200 OK\r\n\r\nb1\nb2\n", check: check) }
    }

    @Test func httpErrorsFailUnlessExpected() async throws {
        let server = try Self.web(status: "503 Service Unavailable")
        defer { server.stop() }
        let runner = HealthCheckRunner()
        #expect(await runner.check(Self.target(port: server.port, .negotiate(.http))) == CheckResult(passed: false, detail: "HTTP 503"))
        #expect(await runner.check(Self.target(port: server.port, .negotiate(.http)) { $0.expectedStatus = 503 }).passed)
    }

    @Test func aSilentServerFailsAtTheTimeout() async throws {
        let server = try LoopbackResponder { $0.waitForClose() }
        defer { server.stop() }
        let result = await HealthCheckRunner().check(Self.target(port: server.port, .negotiate(.http), timeout: 300))
        #expect(!result.passed)
        #expect(result.detail.contains("timed out"), "\(result.detail)")
    }

    @Test func smtpNeedsGreetingAndHelo() async throws {
        let helos = Recorded<[String]>([])
        let server = try LoopbackResponder { connection in
            connection.send("220-mail.example.lab ESMTP\r\n220 ready\r\n")
            guard let helo = connection.readLine() else { return }
            helos.update { $0.append(helo) }
            connection.send("250 mail.example.lab\r\n")
            if connection.readLine() == "QUIT" { connection.send("221 bye\r\n") }
        }
        defer { server.stop() }
        let result = await HealthCheckRunner().check(Self.target(port: server.port, .negotiate(.smtp)) { $0.heloName = "lb.example.lab" })
        #expect(result == CheckResult(passed: true, detail: "SMTP 220 ready"))
        #expect(helos.value == ["HELO lb.example.lab"])

        let busy = try LoopbackResponder { $0.send("554 no service\r\n") }
        defer { busy.stop() }
        #expect(await HealthCheckRunner().check(Self.target(port: busy.port, .negotiate(.smtp))) == CheckResult(passed: false, detail: "greeting 554 no service"))
    }

    /// Answers A queries for www.example.lab with 10.9.8.7 and everything else with NXDOMAIN.
    static func dnsReply(_ query: [UInt8]) -> [UInt8]? {
        guard query.count > 12 else { return nil }
        let known = query == DNSMessage.query(id: UInt16(query[0]) << 8 | UInt16(query[1]), name: "www.example.lab")
        var reply = query
        reply[2] = 0x81
        reply[3] = known ? 0x80 : 0x83
        guard known else { return reply }
        reply[7] = 1
        reply += [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 9, 8, 7]
        return reply
    }

    @Test func dnsNeedsAnAnswerForTheName() async throws {
        let server = try LoopbackResponder(udp: Self.dnsReply)
        defer { server.stop() }
        let runner = HealthCheckRunner()
        let good = await runner.check(Self.target(port: server.port, .negotiate(.dns)) { $0.request = "www.example.lab"; $0.receive = "^10\\.9\\." })
        #expect(good == CheckResult(passed: true, detail: "www.example.lab is 10.9.8.7"))
        let missing = await runner.check(Self.target(port: server.port, .negotiate(.dns)) { $0.request = "nope.example.lab" })
        #expect(missing.detail == "DNS rcode 3 for nope.example.lab")
        let silent = try LoopbackResponder(udp: { _ in nil })
        defer { silent.stop() }
        let unanswered = await runner.check(Self.target(port: silent.port, .negotiate(.dns), timeout: 300) { $0.request = "www.example.lab" })
        #expect(unanswered.detail == "no DNS answer within 300 ms")
    }

    @Test func externalScriptsGetSolarisILBArgumentsAndExitCodes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hy-check-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("check").path
        try "#!/bin/sh\necho \"args: $*\"\n[ \"$1\" = extra ] && exit 0\n[ \"$1\" = slow ] && exec sleep 30\nexit 3\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let runner = HealthCheckRunner()
        let up = await runner.check(Self.target(port: 8080, .external(command: "\(script) extra"), timeout: 4000))
        #expect(up == CheckResult(passed: true, detail: "exit 0: args: extra 10.0.0.100 127.0.0.1 tcp 8080 4"))
        let down = await runner.check(Self.target(port: 8080, .external(command: script)))
        #expect(down == CheckResult(passed: false, detail: "exit 3: args: 10.0.0.100 127.0.0.1 tcp 8080 2"))
        let slow = await runner.check(Self.target(port: 8080, .external(command: "\(script) slow"), timeout: 300))
        #expect(slow.detail.hasPrefix("timed out after 300 ms"), "\(slow.detail)")
        let missing = await runner.check(Self.target(port: 8080, .external(command: "/nonexistent/check")))
        #expect(missing.detail == "/nonexistent/check not found or not executable")
    }

    @Test func aSlowServerNeverDelaysTheOthers() async throws {
        let silent = try LoopbackResponder { $0.waitForClose() }
        let fast = try Self.web()
        defer { silent.stop(); fast.stop() }
        let counts = Recorded<[Int: Int]>([:])
        let scheduler = CheckScheduler(checker: HealthCheckRunner()) { target, _ in counts.update { $0[target.port ?? 0, default: 0] += 1 } }
        await scheduler.update([
            Self.target(port: silent.port, .negotiate(.http), timeout: 20_000),
            Self.target(port: fast.port, .negotiate(.http)),
        ])
        try await waitUntil { counts.value[fast.port, default: 0] >= 5 }
        await scheduler.stop()
        #expect(counts.value[silent.port] == nil, "the silent server's check is still waiting for its own timeout")
    }
}

/// Waits (polling) until `condition` holds, failing after `seconds`.
func waitUntil(seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try await !condition() {
        guard Date() < deadline else {
            Issue.record("condition not met within \(seconds) s")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
