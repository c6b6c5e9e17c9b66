/// Turns one keepalived `virtual_server` block into a `VirtualService`.
struct KeepalivedServiceBuilder {
    let statement: KeepalivedStatement
    let file: String

    private func error(_ at: KeepalivedStatement, _ message: String) -> DirectorConfigError {
        DirectorConfigError(file: file, line: at.line, message: message)
    }

    private func single(_ at: KeepalivedStatement) throws(DirectorConfigError) -> String {
        guard at.arguments.count == 1, !at.hasBlock else { throw error(at, "\(at.keyword) takes one value") }
        return at.arguments[0]
    }

    private func number(_ at: KeepalivedStatement, minimum: Int = 0) throws(DirectorConfigError) -> Int {
        let text = try single(at)
        guard let value = Int(text), value >= minimum else { throw error(at, "\(at.keyword) must be a number ≥ \(minimum), not \"\(text)\"") }
        return value
    }

    func build(endpoint: ServiceEndpoint) throws(DirectorConfigError) -> VirtualService {
        var service = VirtualService(endpoint: endpoint, line: statement.line)
        var interval = 60_000
        var realStatements: [KeepalivedStatement] = []
        for child in statement.children {
            switch child.keyword {
            case "delay_loop": interval = try number(child, minimum: 1) * 1000
            case "lb_algo", "lvs_sched":
                let scheduler = try single(child)
                guard LdirectordServiceBuilder.schedulers.contains(scheduler) else { throw error(child, "unknown scheduler \"\(scheduler)\"") }
                service.scheduler = scheduler
            case "lb_kind", "lvs_method": continue  // applied to each real server below
            case "protocol":
                guard let proto = ServiceProtocol(rawValue: try single(child).lowercased()) else { throw error(child, "protocol must be TCP or UDP") }
                service.proto = proto
            case "persistence_timeout": service.persistenceSeconds = try number(child, minimum: 1)
            case "persistence_granularity": service.persistenceNetmask = try single(child)
            case "sorry_server":
                var sorry = RealServer(endpoint: try KeepalivedConfigParser.endpoint(child, from: 0, file: file), line: child.line)
                sorry.check.kind = .always(up: true)
                service.fallback = sorry
            case "real_server": realStatements.append(child)
            case "virtualhost", "alpha", "omega", "quorum", "hysteresis", "quorum_up", "quorum_down", "ha_suspend", "ops":
                throw error(child, "\(child.keyword) is not supported by the director")
            default:
                throw error(child, "unsupported directive \"\(child.keyword)\" in virtual_server")
            }
        }
        let forwarding = try forwardingMethod()
        service.fallback?.forwarding = forwarding
        for real in realStatements {
            service.realServers.append(try realServer(real, forwarding: forwarding, interval: interval))
        }
        guard !service.realServers.isEmpty else { throw error(statement, "virtual_server \(endpoint) has no real_server") }
        // keepalived keeps a failed server with weight 0 only when it says inhibit_on_failure.
        service.quiescent = realStatements.contains { $0.children.contains { $0.keyword == "inhibit_on_failure" } }
        return service
    }

    private func forwardingMethod() throws(DirectorConfigError) -> ForwardingMethod {
        guard let kind = statement.children.last(where: { $0.keyword == "lb_kind" || $0.keyword == "lvs_method" }) else { return .masq }
        switch try single(kind).uppercased() {
        case "NAT": return .masq
        case "DR": return .gate
        case "TUN": return .ipip
        default: throw error(kind, "\(kind.keyword) must be NAT, DR or TUN")
        }
    }

    private func realServer(_ real: KeepalivedStatement, forwarding: ForwardingMethod, interval: Int) throws(DirectorConfigError) -> RealServer {
        var server = RealServer(endpoint: try KeepalivedConfigParser.endpoint(real, from: 0, file: file), forwarding: forwarding, line: real.line)
        server.check.intervalMilliseconds = interval
        var sawCheck = false
        for child in real.children {
            switch child.keyword {
            case "weight": server.weight = try number(child)
            case "inhibit_on_failure": continue  // read for the whole service in build(endpoint:)
            case "TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "MISC_CHECK":
                guard !sawCheck else { throw error(child, "one check per real_server is supported") }
                sawCheck = true
                server.check = try KeepalivedCheckBuilder(block: child, file: file).build(interval: interval)
            default:
                throw error(child, "unsupported directive \"\(child.keyword)\" in real_server")
            }
        }
        return server
    }
}
