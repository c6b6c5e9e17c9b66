import Foundation
import Testing

/// `status --watch` redraws until interrupted; `resource restart` needs the live cluster.
@Suite(.enabled(if: CrmctlRunner.executable != nil, "crmctl is not built next to the tests"))
struct StatusWatchTests {
    let scratch = Scratch()

    func newCIB() throws -> String {
        let source = scratch.write("start.crm", "primitive d ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n")
        let cib = scratch.path + "/cib.xml"
        #expect(try CrmctlRunner.run(["-f", cib, "configure", "load", "replace", source]).status == 0)
        return cib
    }

    @Test func watchRedrawsEveryIntervalUntilInterrupted() throws {
        let cib = try newCIB()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(CrmctlRunner.executable))
        process.arguments = ["-f", cib, "status", "--watch", "--interval", "1"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        usleep(2_500_000)
        process.terminate()
        for _ in 0..<30 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let screens = text.components(separatedBy: "\u{1B}[H\u{1B}[2J").filter { !$0.isEmpty }
        #expect(screens.count >= 2, "\(screens.count) redraws in 2.5 s:\n\(text)")
        #expect(screens.allSatisfy { $0.contains("every 1 s") && $0.contains("Resources:") && $0.contains("d\t") })
    }

    @Test func watchIsTextOnlyAndRestartRefusesAFile() throws {
        let cib = try newCIB()
        let json = try CrmctlRunner.run(["-f", cib, "status", "--watch", "--output", "json"])
        #expect(json.status == 64 && json.stderr.contains("--watch shows text"), "\(json.status) \(json.stderr)")
        let restart = try CrmctlRunner.run(["-f", cib, "resource", "restart", "d"])
        #expect(restart.status == 2 && restart.stderr.contains("restart acts on the live cluster"), "\(restart.stderr)")
    }
}
