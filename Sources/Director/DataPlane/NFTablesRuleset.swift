/// The nftables ruleset that implements a balancer table with DNAT, for kernels without IPVS:
/// `numgen` spreads new connections by weight (rr, wrr), `jhash` of the client address keeps a
/// client on one server (sh, and persistent services). Weight-0 servers get no new
/// connections; established ones keep their NAT mapping in conntrack. The whole table is
/// replaced atomically in one `nft -f` transaction.
public enum NFTablesRuleset {
    public static let tableName = "halyard_director"

    /// The schedulers this data plane can honour.
    public static let supportedSchedulers: Set<String> = ["rr", "wrr", "sh"]

    /// Why a service cannot be expressed with nftables DNAT, or nil when it can.
    public static func unsupportedReason(_ service: BalancerTable.Service) -> String? {
        if service.endpoint.host.contains(":") {
            return "\(service.key): the nftables data plane balances IPv4 services only"
        }
        if !supportedSchedulers.contains(service.scheduler) {
            return "\(service.key): scheduler \(service.scheduler) needs connection counts; use the IPVS or userspace data plane (nftables supports rr, wrr, sh)"
        }
        if let direct = service.destinations.first(where: { $0.forwarding != .masq }) {
            return "\(service.key): \(direct.endpoint) uses \(direct.forwarding.rawValue); the nftables data plane only does NAT (masq)"
        }
        return nil
    }

    /// The `nft -f` script replacing Halyard's table with `table` (an empty table removes it).
    public static func script(for table: BalancerTable) -> String {
        var lines = [
            "table ip \(tableName) {}",
            "delete table ip \(tableName)",
        ]
        guard !table.services.isEmpty else { return lines.joined(separator: "\n") + "\n" }
        let rules = table.services.compactMap(rule)
        lines.append("table ip \(tableName) {")
        for (hook, priority) in [("prerouting", "dstnat"), ("output", "-100")] {
            lines.append("  chain \(hook) {")
            lines.append("    type nat hook \(hook) priority \(priority); policy accept;")
            lines += rules.map { "    " + $0 }
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The DNAT rule of one service, or nil when no destination takes new connections.
    static func rule(_ service: BalancerTable.Service) -> String? {
        let active = service.destinations.filter { $0.weight > 0 }
        guard let port = service.endpoint.port, !active.isEmpty else { return nil }
        var entries: [String] = []
        var next = 0
        for destination in active {
            let slots = service.scheduler == "rr" ? 1 : destination.weight
            let range = slots == 1 ? "\(next)" : "\(next)-\(next + slots - 1)"
            entries.append("\(range) : \(destination.endpoint.host) . \(destination.endpoint.port ?? port)")
            next += slots
        }
        let affinity = service.scheduler == "sh" || service.persistenceSeconds != nil
        let selector = affinity ? "jhash ip saddr mod \(next)" : "numgen inc mod \(next)"
        return "ip daddr \(service.endpoint.host) \(service.proto.rawValue) dport \(port) dnat ip to \(selector) map { \(entries.joined(separator: ", ")) }"
    }
}
