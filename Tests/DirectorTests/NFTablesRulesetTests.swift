import Foundation
import Testing
@testable import Director

/// The nftables data plane: the exact ruleset, and that the kernel accepts it (in a network
/// namespace of the test's own, when root and nft are available).
@Suite struct NFTablesRulesetTests {
    static let service = BalancerTable.Service(
        endpoint: ServiceEndpoint(host: "10.0.0.100", port: 80), proto: .tcp, scheduler: "wrr",
        destinations: [
            .init(endpoint: ServiceEndpoint(host: "10.0.1.11", port: 80), forwarding: .masq, weight: 2, isFallback: false),
            .init(endpoint: ServiceEndpoint(host: "10.0.1.12", port: 8080), forwarding: .masq, weight: 0, isFallback: false),
            .init(endpoint: ServiceEndpoint(host: "10.0.1.13", port: 80), forwarding: .masq, weight: 1, isFallback: false),
        ])

    @Test func weightsBecomeSlotRangesAndWeightZeroDrains() {
        #expect(NFTablesRuleset.rule(Self.service) ==
            "ip daddr 10.0.0.100 tcp dport 80 dnat ip to numgen inc mod 3 map { 0-1 : 10.0.1.11 . 80, 2 : 10.0.1.13 . 80 }")
        var sticky = Self.service
        sticky.scheduler = "sh"
        #expect(NFTablesRuleset.rule(sticky)?.contains("jhash ip saddr mod 3") == true)
        var plain = Self.service
        plain.scheduler = "rr"
        #expect(NFTablesRuleset.rule(plain)?.contains("numgen inc mod 2 map { 0 : 10.0.1.11 . 80, 1 : 10.0.1.13 . 80 }") == true)
    }

    @Test func whatNFTablesCannotDoIsNamed() {
        var leastConnections = Self.service
        leastConnections.scheduler = "wlc"
        #expect(NFTablesRuleset.unsupportedReason(leastConnections)?.contains("wlc") == true)
        var direct = Self.service
        direct.destinations[0].forwarding = .gate
        #expect(NFTablesRuleset.unsupportedReason(direct)?.contains("gate") == true)
        #expect(NFTablesRuleset.unsupportedReason(Self.service) == nil)
    }

    @Test(.enabled(if: LabNamespace.available, "needs root, ip and nft"))
    func theKernelAcceptsTheRuleset() throws {
        let namespace = try LabNamespace(name: "hy-nft-\(getpid())")
        defer { namespace.remove() }
        let script = NFTablesRuleset.script(for: BalancerTable(services: [Self.service]))
        let applied = try namespace.run(["nft", "-f", "-"], input: script)
        #expect(applied.status == 0, "\(applied.output)")
        let listed = try namespace.run(["nft", "list", "table", "ip", NFTablesRuleset.tableName]).output
        #expect(listed.contains("numgen inc mod 3 map { 0-1 : 10.0.1.11 . 80, 2 : 10.0.1.13 . 80 }"))
        let again = try namespace.run(["nft", "-f", "-"], input: script)
        #expect(again.status == 0, "replacing the table is idempotent")
        let removed = try namespace.run(["nft", "-f", "-"], input: NFTablesRuleset.script(for: BalancerTable()))
        #expect(removed.status == 0)
        #expect(try namespace.run(["nft", "list", "tables"]).output.contains(NFTablesRuleset.tableName) == false)
    }
}

/// A network namespace the test creates and removes, with commands run inside it.
struct LabNamespace {
    let name: String

    static let available: Bool = getuid() == 0
        && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft")
        && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")

    init(name: String) throws {
        self.name = name
        let created = try Self.execute(["/usr/sbin/ip", "netns", "add", name])
        guard created.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove() { _ = try? Self.execute(["/usr/sbin/ip", "netns", "del", name]) }

    func run(_ command: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        try Self.execute(["/usr/sbin/ip", "netns", "exec", name] + command, input: input)
    }

    static func execute(_ command: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
