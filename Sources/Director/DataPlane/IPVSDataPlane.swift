/// The kernel's IPVS table through `ipvsadm`: each change between the table read back from
/// the kernel (`ipvsadm -S -n`) and the desired one is one `ipvsadm` command (add, edit or
/// delete), never a flush and reload. Services of others in the kernel table are left alone.
public actor IPVSDataPlane: DataPlane {
    private let runner: any CommandRunning
    /// The services this director programmed (so removal and diffs never touch others').
    private var managed: Set<ServiceKey> = []

    public init(runner: any CommandRunning = SystemCommandRunner()) { self.runner = runner }

    public func prepare(for table: BalancerTable) async throws {
        let probe = await runner.run(["ipvsadm", "-L", "-n"], input: nil)
        guard probe.status == 0 else {
            throw DataPlaneError("IPVS is not available here (ipvsadm -L -n: \(probe.reason)); use --data-plane nftables or userspace")
        }
    }

    public func apply(_ table: BalancerTable) async throws {
        let wanted = Set(table.services.map(\.key))
        let kernel = try await current()
        let ours = BalancerTable(services: kernel.services.filter { managed.contains($0.key) || wanted.contains($0.key) })
        var failures: [String] = []
        for change in TableDiff.changes(from: ours, to: table) {
            let arguments = IPVSCommands.arguments(for: change)
            let output = await runner.run(["ipvsadm"] + arguments, input: nil)
            if output.status != 0 { failures.append("ipvsadm \(arguments.joined(separator: " ")): \(output.reason)") }
        }
        managed = wanted
        guard failures.isEmpty else { throw DataPlaneError(failures.joined(separator: "; ")) }
    }

    public func current() async throws -> BalancerTable {
        let saved = await runner.run(["ipvsadm", "-S", "-n"], input: nil)
        guard saved.status == 0 else { throw DataPlaneError("ipvsadm -S -n: \(saved.reason)") }
        return Self.parse(saved.stdout)
    }

    public func verify(_ expected: BalancerTable) async -> String? {
        guard let kernel = try? await current() else { return "the IPVS table cannot be read" }
        for service in expected.services {
            guard let programmed = kernel.services.first(where: { $0.key == service.key }) else { return "\(service.key) is not in the IPVS table" }
            if Set(programmed.destinations.map(\.endpoint)) != Set(service.destinations.map(\.endpoint)) {
                return "\(service.key) has other real servers in the IPVS table than expected"
            }
        }
        return nil
    }

    public func remove() async throws {
        var failures: [String] = []
        for key in managed.sorted(by: { $0.description < $1.description }) {
            let arguments = IPVSCommands.arguments(for: .deleteService(key))
            let output = await runner.run(["ipvsadm"] + arguments, input: nil)
            if output.status != 0 { failures.append("ipvsadm \(arguments.joined(separator: " ")): \(output.reason)") }
        }
        managed = []
        guard failures.isEmpty else { throw DataPlaneError(failures.joined(separator: "; ")) }
    }

    /// Reads `ipvsadm -S -n` (`-A -t VIP:PORT -s SCHED [-p SECS [-M MASK]]` and
    /// `-a -t VIP:PORT -r RIP:PORT -g|-m|-i -w WEIGHT` lines) back into a table.
    static func parse(_ text: String) -> BalancerTable {
        var table = BalancerTable()
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 3, let proto: ServiceProtocol = words[1] == "-t" ? .tcp : words[1] == "-u" ? .udp : nil,
                  let endpoint = ConfigTokens.endpoint(words[2]) else { continue }
            let options = Dictionary(stride(from: 3, to: words.count, by: 1).map { (words[$0], $0 + 1 < words.count ? words[$0 + 1] : "") },
                                     uniquingKeysWith: { first, _ in first })
            if words[0] == "-A" {
                table.services.append(.init(endpoint: endpoint, proto: proto, scheduler: options["-s"] ?? "wlc",
                                            persistenceSeconds: options["-p"].flatMap { Int($0) }, persistenceNetmask: options["-M"],
                                            destinations: []))
            } else if words[0] == "-a", let real = options["-r"].flatMap(ConfigTokens.endpoint),
                      let index = table.services.firstIndex(where: { $0.endpoint == endpoint && $0.proto == proto }) {
                let forwarding: ForwardingMethod = options["-m"] != nil ? .masq : options["-i"] != nil ? .ipip : .gate
                table.services[index].destinations.append(.init(endpoint: real, forwarding: forwarding,
                                                                weight: options["-w"].flatMap { Int($0) } ?? 1, isFallback: false))
            }
        }
        return table
    }
}
