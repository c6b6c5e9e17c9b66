/// nftables DNAT for kernels without IPVS: every table is one atomic `nft -f -` transaction
/// of `NFTablesRuleset.script` (established connections keep their conntrack NAT mapping).
/// Services it cannot express (schedulers needing connection counts, direct routing,
/// IPv6) are refused by `prepare` with the reason.
public actor NFTablesDataPlane: DataPlane {
    private let runner: any CommandRunning
    private var applied = BalancerTable()

    public init(runner: any CommandRunning = SystemCommandRunner()) { self.runner = runner }

    public func prepare(for table: BalancerTable) async throws {
        let reasons = table.services.compactMap(NFTablesRuleset.unsupportedReason)
        guard reasons.isEmpty else { throw DataPlaneError(reasons.joined(separator: "; ")) }
        let probe = await runner.run(["nft", "list", "tables"], input: nil)
        guard probe.status == 0 else { throw DataPlaneError("nftables is not usable here (nft list tables: \(probe.reason))") }
    }

    public func apply(_ table: BalancerTable) async throws {
        let output = await runner.run(["nft", "-f", "-"], input: NFTablesRuleset.script(for: table))
        guard output.status == 0 else { throw DataPlaneError("nft -f -: \(output.reason)") }
        applied = table
    }

    /// The table last applied, or an empty one when Halyard's nftables table is gone.
    public func current() async throws -> BalancerTable {
        await listing() == nil ? BalancerTable() : applied
    }

    public func verify(_ expected: BalancerTable) async -> String? {
        guard let listed = await listing() else { return "the nftables table \(NFTablesRuleset.tableName) is missing" }
        for service in expected.services where service.destinations.contains(where: { $0.weight > 0 }) {
            guard let port = service.endpoint.port,
                  listed.contains("ip daddr \(service.endpoint.host) \(service.proto.rawValue) dport \(port) dnat") else {
                return "\(service.key) has no DNAT rule in \(NFTablesRuleset.tableName)"
            }
        }
        return nil
    }

    public func remove() async throws {
        try await apply(BalancerTable())
    }

    private func listing() async -> String? {
        let output = await runner.run(["nft", "list", "table", "ip", NFTablesRuleset.tableName], input: nil)
        return output.status == 0 ? output.stdout : nil
    }
}
