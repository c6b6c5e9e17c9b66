import Testing
@testable import Director

/// Health, the table it implies, and the minimal ipvsadm commands that get there.
@Suite struct BalancerTableTests {
    static let config = """
        virtual=10.0.0.100:80
            real=10.0.1.11:80 masq 2
            real=10.0.1.12:80 masq 1
            fallback=10.0.1.99:80 masq
            scheduler=wrr
            checktype=connect
            failurecount=2
        """

    func configuration(quiescent: Bool) throws -> DirectorConfiguration {
        try LdirectordConfigParser.parse(Self.config + "\n    quiescent=\(quiescent ? "yes" : "no")\n", file: "t")
    }

    func key(_ host: String) -> RealServerKey {
        RealServerKey(service: ServiceEndpoint(host: "10.0.0.100", port: 80), proto: .tcp, server: ServiceEndpoint(host: host, port: 80))
    }

    static let ok = CheckResult(passed: true, detail: "connected")
    static let refused = CheckResult(passed: false, detail: "connection refused")

    @Test func serversGoDownOnlyAfterTheConfiguredFailures() {
        var health = HealthTracker()
        #expect(health.record(Self.ok, for: key("10.0.1.11"), failuresBeforeDown: 2)?.isUp == true)
        #expect(health.record(Self.refused, for: key("10.0.1.11"), failuresBeforeDown: 2) == nil)
        #expect(health.isUp(key("10.0.1.11")))
        let down = health.record(Self.refused, for: key("10.0.1.11"), failuresBeforeDown: 2)
        #expect(down?.isUp == false)
        #expect(down?.reason == "connection refused")
        #expect(health.record(Self.refused, for: key("10.0.1.11"), failuresBeforeDown: 2) == nil)
        #expect(health.record(Self.ok, for: key("10.0.1.11"), failuresBeforeDown: 2)?.isUp == true)
        #expect(health.record(Self.refused, for: key("10.0.1.12"), failuresBeforeDown: 2)?.isUp == false, "a first failure decides at once")
    }

    @Test func quiescentKeepsFailedServersAtWeightZero() throws {
        var health = HealthTracker()
        _ = health.record(Self.ok, for: key("10.0.1.11"), failuresBeforeDown: 1)
        _ = health.record(Self.refused, for: key("10.0.1.12"), failuresBeforeDown: 1)
        let quiescent = BalancerTable(configuration: try configuration(quiescent: true), health: health)
        #expect(quiescent.services[0].destinations.map(\.weight) == [2, 0])
        let removing = BalancerTable(configuration: try configuration(quiescent: false), health: health)
        #expect(removing.services[0].destinations.map(\.endpoint.host) == ["10.0.1.11"])
    }

    @Test func theFallbackServesOnlyWhileEveryServerIsDown() throws {
        var health = HealthTracker()
        _ = health.record(Self.refused, for: key("10.0.1.11"), failuresBeforeDown: 1)
        _ = health.record(Self.refused, for: key("10.0.1.12"), failuresBeforeDown: 1)
        let allDown = BalancerTable(configuration: try configuration(quiescent: false), health: health)
        #expect(allDown.services[0].destinations.map(\.endpoint.host) == ["10.0.1.99"])
        #expect(allDown.services[0].destinations[0].isFallback)
        _ = health.record(Self.ok, for: key("10.0.1.12"), failuresBeforeDown: 1)
        let recovered = BalancerTable(configuration: try configuration(quiescent: false), health: health)
        #expect(recovered.services[0].destinations.map(\.endpoint.host) == ["10.0.1.12"])
    }

    @Test func diffsAreMinimalAndBecomeIpvsadmCommands() throws {
        var health = HealthTracker()
        let config = try configuration(quiescent: true)
        let empty = BalancerTable()
        _ = health.record(Self.ok, for: key("10.0.1.11"), failuresBeforeDown: 1)
        _ = health.record(Self.ok, for: key("10.0.1.12"), failuresBeforeDown: 1)
        let healthy = BalancerTable(configuration: config, health: health)
        let initial = TableDiff.changes(from: empty, to: healthy).map(IPVSCommands.arguments)
        #expect(initial == [
            ["-A", "-t", "10.0.0.100:80", "-s", "wrr"],
            ["-a", "-t", "10.0.0.100:80", "-r", "10.0.1.11:80", "-m", "-w", "2"],
            ["-a", "-t", "10.0.0.100:80", "-r", "10.0.1.12:80", "-m", "-w", "1"],
        ])
        #expect(TableDiff.changes(from: healthy, to: healthy).isEmpty)

        _ = health.record(Self.refused, for: key("10.0.1.12"), failuresBeforeDown: 1)
        let degraded = BalancerTable(configuration: config, health: health)
        #expect(TableDiff.changes(from: healthy, to: degraded).map(IPVSCommands.arguments) == [
            ["-e", "-t", "10.0.0.100:80", "-r", "10.0.1.12:80", "-m", "-w", "0"],
        ])

        #expect(TableDiff.changes(from: healthy, to: empty).map(IPVSCommands.arguments) == [["-D", "-t", "10.0.0.100:80"]])
    }

    @Test func removedServersAreDeletedBeforeNewOnesAreAdded() {
        let service = ServiceEndpoint(host: "10.0.0.1", port: 53)
        func table(_ hosts: [String]) -> BalancerTable {
            BalancerTable(services: [.init(endpoint: service, proto: .udp, scheduler: "rr", destinations: hosts.map {
                .init(endpoint: ServiceEndpoint(host: $0, port: 53), forwarding: .gate, weight: 1, isFallback: false)
            })])
        }
        let commands = TableDiff.changes(from: table(["10.0.1.1", "10.0.1.2"]), to: table(["10.0.1.2", "10.0.1.3"])).map(IPVSCommands.arguments)
        #expect(commands == [
            ["-d", "-u", "10.0.0.1:53", "-r", "10.0.1.1:53"],
            ["-a", "-u", "10.0.0.1:53", "-r", "10.0.1.3:53", "-g", "-w", "1"],
        ])
    }
}
