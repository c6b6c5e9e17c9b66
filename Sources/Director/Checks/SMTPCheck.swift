import Foundation

/// SMTP check: a 220 greeting (multi-line greetings allowed), HELO answered with 250, then QUIT.
enum SMTPCheck {
    static func run(_ target: CheckTarget, port: Int) async throws -> String {
        let helo = target.check.heloName ?? ProcessInfo.processInfo.hostName
        return try await TCPConversation.run(host: target.host, port: port, timeoutMilliseconds: target.check.timeoutMilliseconds) { conversation in
            let greeting = try await reply(&conversation)
            guard greeting.code == 220 else { throw CheckFailure("greeting \(greeting.text)") }
            try await conversation.send("HELO \(helo)\r\n")
            let hello = try await reply(&conversation)
            guard hello.code == 250 else { throw CheckFailure("HELO answered \(hello.text)") }
            try await conversation.send("QUIT\r\n")
            return "SMTP \(greeting.text)"
        }
    }

    /// One reply: lines `NNN-text` continue, `NNN text` ends it.
    static func reply(_ conversation: inout TCPConversation) async throws -> (code: Int, text: String) {
        while true {
            let line = try await conversation.readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw CheckFailure("not an SMTP reply: \"\(line.prefix(80))\"") }
            if line.dropFirst(3).first != "-" { return (code, line) }
        }
    }
}
