import Foundation
import Testing
@testable import Director

/// Records every command and answers from a script of canned outputs.
final class FakeCommands: CommandRunning, @unchecked Sendable {
    private let lock = NSLock()
    private var log: [(command: [String], input: String?)] = []
    private let answer: @Sendable ([String]) -> CommandOutput

    init(_ answer: @escaping @Sendable ([String]) -> CommandOutput) { self.answer = answer }

    func run(_ command: [String], input: String?) async -> CommandOutput {
        lock.withLock { log.append((command, input)) }
        return answer(command)
    }

    var commands: [[String]] { lock.withLock { log.map(\.command) } }
    var inputs: [String?] { lock.withLock { log.map(\.input) } }
}

/// The kernel data planes through the exact commands they issue.
@Suite struct DataPlaneTests {
    static let vip = ServiceEndpoint(host: "10.0.0.100", port: 80)

    static func table(_ weights: [String: Int], scheduler: String = "wrr", forwarding: ForwardingMethod = .masq) -> BalancerTable {
        BalancerTable(services: [.init(endpoint: vip, proto: .tcp, scheduler: scheduler, destinations: weights.keys.sorted().map {
            .init(endpoint: ServiceEndpoint(host: $0, port: 80), forwarding: forwarding, weight: weights[$0]!, isFallback: false)
        })])
    }

    @Test func ipvsAbsenceIsAClearStartError() async {
        let commands = FakeCommands { _ in CommandOutput(status: 2, stderr: "Can't initialize ipvs: Protocol not available\n") }
        let plane = IPVSDataPlane(runner: commands)
        await #expect(throws: DataPlaneError("IPVS is not available here (ipvsadm -L -n: Can't initialize ipvs: Protocol not available); use --data-plane nftables or userspace")) {
            try await plane.prepare(for: Self.table(["10.0.1.11": 1]))
        }
    }

    @Test func ipvsAppliesDiffsAgainstTheKernelTableAndLeavesOthersAlone() async throws {
        let kernel = """
            -A -t 10.0.0.100:80 -s wrr
            -a -t 10.0.0.100:80 -r 10.0.1.11:80 -m -w 2
            -a -t 10.0.0.100:80 -r 10.0.1.12:80 -m -w 1
            -A -u 10.9.9.9:53 -s rr -p 300
            """
        let commands = FakeCommands { $0 == ["ipvsadm", "-S", "-n"] ? CommandOutput(status: 0, stdout: kernel) : CommandOutput(status: 0) }
        #expect(IPVSDataPlane.parse(kernel).services.map(\.persistenceSeconds) == [nil, 300])
        let plane = IPVSDataPlane(runner: commands)
        try await plane.prepare(for: Self.table([:]))
        try await plane.apply(Self.table(["10.0.1.11": 2, "10.0.1.12": 0, "10.0.1.13": 1]))
        #expect(commands.commands == [
            ["ipvsadm", "-L", "-n"],
            ["ipvsadm", "-S", "-n"],
            ["ipvsadm", "-e", "-t", "10.0.0.100:80", "-r", "10.0.1.12:80", "-m", "-w", "0"],
            ["ipvsadm", "-a", "-t", "10.0.0.100:80", "-r", "10.0.1.13:80", "-m", "-w", "1"],
        ])
        #expect(await plane.verify(Self.table(["10.0.1.11": 2, "10.0.1.12": 0])) == nil)
        try await plane.remove()
        #expect(commands.commands.last == ["ipvsadm", "-D", "-t", "10.0.0.100:80"], "only the director's own service is deleted")
    }

    @Test func ipvsReportsEachFailedCommand() async {
        let commands = FakeCommands { $0.contains("-a") ? CommandOutput(status: 1, stderr: "Memory allocation problem") : CommandOutput(status: 0) }
        let plane = IPVSDataPlane(runner: commands)
        await #expect(throws: DataPlaneError("ipvsadm -a -t 10.0.0.100:80 -r 10.0.1.11:80 -g -w 1: Memory allocation problem")) {
            try await plane.apply(Self.table(["10.0.1.11": 1], forwarding: .gate))
        }
    }

    @Test func nftablesRefusesWhatItCannotExpressAndAppliesOneTransaction() async throws {
        let commands = FakeCommands { _ in CommandOutput(status: 0, stdout: "table ip halyard_director {}") }
        let plane = NFTablesDataPlane(runner: commands)
        await #expect(throws: DataPlaneError.self) { try await plane.prepare(for: Self.table(["10.0.1.11": 1], scheduler: "wlc")) }
        await #expect(throws: DataPlaneError.self) { try await plane.prepare(for: Self.table(["10.0.1.11": 1], forwarding: .gate)) }
        let table = Self.table(["10.0.1.11": 1])
        try await plane.prepare(for: table)
        try await plane.apply(table)
        #expect(commands.commands.last == ["nft", "-f", "-"])
        #expect(commands.inputs.last == NFTablesRuleset.script(for: table))
        #expect(await plane.verify(table) == "tcp 10.0.0.100:80 has no DNAT rule in halyard_director")

        let gone = NFTablesDataPlane(runner: FakeCommands { _ in CommandOutput(status: 1, stderr: "No such file or directory") })
        #expect(await gone.verify(table) == "the nftables table halyard_director is missing")
        #expect(try await gone.current() == BalancerTable())
    }
}
