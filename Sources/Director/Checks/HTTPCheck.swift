import Foundation
import HalyardModel

/// HTTP GET check: the status must be the expected one (else any 2xx or 3xx), the body must
/// match the `receive` regular expression and the MD5 `digest` when they are set. The Host
/// header is the check's virtual host, else the server's address.
enum HTTPCheck {
    /// The largest body read; enough for any health page.
    static let bodyLimit = 1 << 20

    static func run(_ target: CheckTarget, port: Int) async throws -> String {
        let request = request(for: target, port: port)
        let response = try await TCPConversation.run(host: target.host, port: port, timeoutMilliseconds: target.check.timeoutMilliseconds) { conversation in
            try await conversation.send(request)
            return String(decoding: try await conversation.readToEnd(limit: bodyLimit), as: UTF8.self)
        }
        return try judge(response, check: target.check)
    }

    /// The GET request; the Host header names the port unless it is the scheme's `defaultPort`.
    static func request(for target: CheckTarget, port: Int, defaultPort: Int = 80) -> String {
        var path = target.check.request ?? "/"
        if let scheme = path.range(of: "://") {
            path = path[scheme.upperBound...].firstIndex(of: "/").map { String(path[$0...]) } ?? "/"
        } else if !path.hasPrefix("/") {
            path = "/" + path
        }
        let host = target.check.virtualHost ?? (port == defaultPort ? target.host : "\(target.host):\(port)")
        return "GET \(path) HTTP/1.0\r\nHost: \(host)\r\nUser-Agent: halyard-ldirector\r\nConnection: close\r\n\r\n"
    }

    /// Checks a whole response (head and body); returns the detail for a passing one.
    static func judge(_ response: String, check: HealthCheck) throws -> String {
        guard let headEnd = response.range(of: "\r\n\r\n") ?? response.range(of: "\n\n") else {
            throw CheckFailure(response.isEmpty ? "empty response" : "incomplete HTTP response")
        }
        let statusLine = response[..<headEnd.lowerBound].prefix { $0 != "\r" && $0 != "\n" }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw CheckFailure("not an HTTP response: \"\(statusLine.prefix(80))\"")
        }
        if let expected = check.expectedStatus {
            guard status == expected else { throw CheckFailure("HTTP \(status), expected \(expected)") }
        } else {
            guard (200..<400).contains(status) else { throw CheckFailure("HTTP \(status)") }
        }
        let body = response[headEnd.upperBound...]
        if let pattern = check.receive {
            guard matches(body, try compile(pattern)) else { throw CheckFailure("HTTP \(status), body does not match \"\(pattern)\"") }
        }
        if let digest = check.digest {
            let actual = MD5.hex(body.utf8)
            guard actual == digest else { throw CheckFailure("HTTP \(status), body digest \(actual), expected \(digest)") }
        }
        return "HTTP \(status)"
    }

    /// Whether `text` matches as with Perl's `=~`, which ldirectord's `receive` uses: `$` also
    /// matches before a final newline (a page "OK\n" matches "^OK$").
    static func matches(_ text: Substring, _ regex: Regex<AnyRegexOutput>) -> Bool {
        text.contains(regex) || (text.hasSuffix("\n") && text.dropLast().contains(regex))
    }

    static func compile(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        do { return try Regex(pattern) } catch { throw CheckFailure("receive \"\(pattern)\" is not a valid regular expression") }
    }
}
