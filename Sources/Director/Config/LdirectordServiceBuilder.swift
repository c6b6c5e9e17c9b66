/// Turns one ldirectord `virtual =` block (with the global defaults) into a `VirtualService`.
struct LdirectordServiceBuilder {
    let block: LdirectordDirectives
    let globals: LdirectordDirectives
    let file: String

    static let schedulers: Set<String> = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "mh", "fo", "ovf"]

    /// A per-virtual value, else the global one.
    private func value(_ key: String) -> (value: String, line: Int)? { block[key] ?? globals[key] }

    /// A per-virtual yes/no, else the global one.
    private func flag(_ key: String) throws(DirectorConfigError) -> Bool? {
        if let local = try block.flag(key, file: file) { return local }
        return try globals.flag(key, file: file)
    }

    /// The first of `keys` set per virtual, else the first set globally, in milliseconds.
    private func milliseconds(_ keys: String...) throws(DirectorConfigError) -> Int? {
        for scope in [block, globals] {
            for key in keys {
                if let value = try scope.seconds(key, file: file) { return value }
            }
        }
        return nil
    }

    private func error(_ line: Int, _ message: String) -> DirectorConfigError {
        DirectorConfigError(file: file, line: line, message: message)
    }

    func build() throws(DirectorConfigError) -> VirtualService {
        guard let virtual = block["virtual"] else { throw error(block.line, "virtual block without an address") }
        guard let endpoint = ConfigTokens.endpoint(virtual.value), endpoint.port != nil else {
            throw error(virtual.line, "virtual must be ADDRESS:PORT (firewall marks are not supported), not \"\(virtual.value)\"")
        }
        var service = VirtualService(endpoint: endpoint, line: virtual.line)
        if let proto = block["protocol"] {
            guard let parsed = ServiceProtocol(rawValue: proto.value.lowercased()) else {
                throw error(proto.line, "protocol must be tcp or udp (fwm is not supported), not \"\(proto.value)\"")
            }
            service.proto = parsed
        }
        if let scheduler = block["scheduler"] {
            guard Self.schedulers.contains(scheduler.value) else {
                throw error(scheduler.line, "unknown scheduler \"\(scheduler.value)\" (one of \(Self.schedulers.sorted().joined(separator: ", ")))")
            }
            service.scheduler = scheduler.value
        }
        if let persistent = block["persistent"] {
            guard let seconds = Int(persistent.value), seconds > 0 else { throw error(persistent.line, "persistent must be a number of seconds") }
            service.persistenceSeconds = seconds
        }
        service.persistenceNetmask = block["netmask"]?.value
        service.quiescent = try flag("quiescent") ?? true
        service.alertCommand = value("emailalert")?.value
        let check = try defaultCheck(port: endpoint.port)
        for real in block.all("real") {
            service.realServers.append(try realServer(real.value, line: real.line, check: check, virtualPort: endpoint.port))
        }
        guard !service.realServers.isEmpty else { throw error(virtual.line, "virtual \(virtual.value) has no real servers") }
        if let fallback = value("fallback") {
            var sorry = try realServer(fallback.value, line: fallback.line, check: check, virtualPort: endpoint.port)
            sorry.check.kind = .always(up: true)
            service.fallback = sorry
        }
        return service
    }

    /// The check every real server of the block gets unless its own line says otherwise.
    private func defaultCheck(port: Int?) throws(DirectorConfigError) -> HealthCheck {
        var check = HealthCheck()
        check.intervalMilliseconds = try milliseconds("checkinterval") ?? 10_000
        let connectTimeout = try milliseconds("connecttimeout", "checktimeout") ?? 5000
        let negotiateTimeout = try milliseconds("negotiatetimeout", "checktimeout") ?? 30_000
        if let failures = value("failurecount") {
            guard let count = Int(failures.value), count > 0 else { throw error(failures.line, "failurecount must be a positive number") }
            check.failuresBeforeDown = count
        }
        if let checkPort = block["checkport"] {
            guard let number = Int(checkPort.value), (1...65535).contains(number) else { throw error(checkPort.line, "checkport must be a port number") }
            check.port = number
        }
        check.request = block["request"]?.value
        check.receive = block["receive"]?.value
        check.virtualHost = block["virtualhost"]?.value
        let checkType = block["checktype"] ?? (value: "negotiate", line: block.line)
        check.timeoutMilliseconds = checkType.value == "negotiate" ? negotiateTimeout : connectTimeout
        check.kind = try kind(checkType, port: check.port ?? port)
        return check
    }

    private func kind(_ checkType: (value: String, line: Int), port: Int?) throws(DirectorConfigError) -> HealthCheck.Kind {
        switch checkType.value.lowercased() {
        case "connect": return .connect
        case "ping": return .ping
        case "on": return .always(up: true)
        case "off": return .always(up: false)
        case "external":
            guard let command = block["checkcommand"] else { throw error(checkType.line, "checktype=external needs checkcommand = \"/path/to/script\"") }
            return .external(command: command.value)
        case "negotiate":
            let service = block["service"]
            let kind: ServiceKind?
            if let service {
                if service.value.lowercased() == "none" || service.value.lowercased() == "simpletcp" { return .connect }
                guard let named = ServiceKind(rawValue: service.value.lowercased()) else {
                    throw error(service.line, "service=\(service.value) is not supported (supported: \(ServiceKind.allCases.map(\.rawValue).joined(separator: ", ")), none)")
                }
                kind = named
            } else {
                kind = ConfigTokens.defaultService(forPort: port)
            }
            return kind.map { .negotiate($0) } ?? .connect
        default:
            throw error(checkType.line, "checktype must be negotiate, connect, external, ping, on or off, not \"\(checkType.value)\"")
        }
    }

    /// `real = ADDRESS[:PORT] gate|masq|ipip [WEIGHT] ["request", "receive"]`.
    private func realServer(_ text: String, line: Int, check: HealthCheck, virtualPort: Int?) throws(DirectorConfigError) -> RealServer {
        guard let words = ConfigTokens.words(Substring(String(text.map { $0 == "," ? " " : $0 }))), let first = words.first else {
            throw error(line, "expected ADDRESS[:PORT] gate|masq|ipip [WEIGHT] [\"request\", \"receive\"], found \"\(text)\"")
        }
        guard var endpoint = ConfigTokens.endpoint(first) else { throw error(line, "\"\(first)\" is not ADDRESS[:PORT]") }
        if endpoint.port == nil { endpoint.port = virtualPort }
        var server = RealServer(endpoint: endpoint, check: check, line: line)
        var rest = words.dropFirst()
        if let method = rest.first {
            guard let forwarding = ForwardingMethod(rawValue: method) else {
                throw error(line, "forwarding method must be gate, masq or ipip, not \"\(method)\"")
            }
            server.forwarding = forwarding
            rest = rest.dropFirst()
        }
        if let weightText = rest.first, let weight = Int(weightText) {
            guard weight >= 0 else { throw error(line, "weight must not be negative") }
            server.weight = weight
            rest = rest.dropFirst()
        }
        if let request = rest.first { server.check.request = request; rest = rest.dropFirst() }
        if let receive = rest.first { server.check.receive = receive; rest = rest.dropFirst() }
        guard rest.isEmpty else { throw error(line, "unexpected \"\(rest.joined(separator: " "))\" after the real server") }
        return server
    }
}
