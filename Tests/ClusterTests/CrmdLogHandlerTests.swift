import Foundation
import Logging
import Testing
@testable import Cluster

/// crmd's log lines: text with key=value metadata for people, one JSON object per line for
/// shippers; the logger's level filters.
@Suite struct CrmdLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    func logger(_ format: CrmdLogHandler.Format, _ lines: Lines) -> Logger {
        var logger = Logger(label: "crmd") { _ in CrmdLogHandler(format: format, write: { lines.append($0) }) }
        logger.logLevel = .info
        return logger
    }

    @Test func textLinesCarryLevelMessageAndSortedQuotedMetadata() throws {
        let lines = Lines()
        let log = logger(.text, lines)
        log.warning("fencing n3 (reboot)", metadata: ["node": "n3", "fence-action": "reboot", "detail": "no device"])
        log.debug("not shown")
        let line = try #require(lines.all.first)
        #expect(lines.all.count == 1)
        #expect(line.hasSuffix(" crmd[\(getpid())] warning: fencing n3 (reboot) detail=\"no device\" fence-action=reboot node=n3\n"))
        #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func jsonLinesAreOneObjectEach() throws {
        let lines = Lines()
        logger(.json, lines).info("run web start", metadata: ["resource": "web", "action": "start"])
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "run web start")
        #expect(object["resource"] as? String == "web" && object["action"] as? String == "start")
        #expect(object["pid"] as? Int == Int(getpid()))
    }
}
