import Foundation
import Testing
@testable import Director

/// The userspace balancer: the schedulers (pure), then real connections on 127.0.0.1.
@Suite struct UserspaceBalancerTests {
    static func destinations(_ weights: [(String, Int)]) -> [BalancerTable.Destination] {
        weights.map { .init(endpoint: ServiceEndpoint(host: "10.0.1.\($0.0)", port: 80), forwarding: .masq, weight: $0.1, isFallback: false) }
    }

    @Test func weightedRoundRobinIsSmoothAndSkipsWeightZero() {
        var pool = BackendPool(scheduler: "wrr")
        pool.update(Self.destinations([("1", 2), ("2", 1), ("3", 0)]))
        let hosts = (0..<6).compactMap { _ in pool.pick(clientHash: 0)?.host }
        #expect(hosts == ["10.0.1.1", "10.0.1.2", "10.0.1.1", "10.0.1.1", "10.0.1.2", "10.0.1.1"])
    }

    @Test func leastConnectionsCountsPerWeight() {
        var pool = BackendPool(scheduler: "wlc")
        pool.update(Self.destinations([("1", 3), ("2", 1)]))
        let hosts = (0..<4).compactMap { _ in pool.pick(clientHash: 0)?.host }
        #expect(hosts.filter { $0 == "10.0.1.1" }.count == 3)
        var plain = BackendPool(scheduler: "lc")
        plain.update(Self.destinations([("1", 1), ("2", 1)]))
        let first = plain.pick(clientHash: 0)!
        #expect(plain.pick(clientHash: 0) != first)
        plain.release(first)
        #expect(plain.pick(clientHash: 0) == first)
    }

    @Test func sourceHashingKeepsAClientOnItsServer() {
        var pool = BackendPool(scheduler: "sh")
        pool.update(Self.destinations([("1", 1), ("2", 1), ("3", 1)]))
        let client = UserspaceDataPlane.hash("10.0.5.7")
        let first = pool.pick(clientHash: client)
        #expect((0..<5).allSatisfy { _ in pool.pick(clientHash: client) == first })
    }

    @Test func serversLeavingTheTableAreCountedUntilTheirConnectionsEnd() {
        var pool = BackendPool(scheduler: "rr")
        pool.update(Self.destinations([("1", 1)]))
        let server = pool.pick(clientHash: 0)!
        pool.update(Self.destinations([("2", 1)]))
        #expect(pool.activeConnections == 1)
        #expect(pool.pick(clientHash: 0)?.host == "10.0.1.2")
        pool.release(server)
        #expect(pool.backends.map(\.endpoint.host) == ["10.0.1.2"])
        pool.update([])
        #expect(pool.pick(clientHash: 0) == nil)
    }

    /// A backend answering each line with its name.
    static func namedBackend(_ name: String) throws -> LoopbackResponder {
        try LoopbackResponder { connection in
            while let line = connection.readLine() { connection.send("\(name) \(line)\n") }
        }
    }

    @Test func balancesKeepsEstablishedConnectionsAtWeightZeroAndDrains() async throws {
        let a = try Self.namedBackend("A"), b = try Self.namedBackend("B")
        defer { a.stop(); b.stop() }
        let vip = ServiceEndpoint(host: "127.0.0.1", port: try LoopbackResponder.closedPort())
        func table(_ weightA: Int, _ weightB: Int) -> BalancerTable {
            BalancerTable(services: [.init(endpoint: vip, proto: .tcp, scheduler: "rr", destinations: [
                .init(endpoint: ServiceEndpoint(host: "127.0.0.1", port: a.port), forwarding: .masq, weight: weightA, isFallback: false),
                .init(endpoint: ServiceEndpoint(host: "127.0.0.1", port: b.port), forwarding: .masq, weight: weightB, isFallback: false),
            ])])
        }
        let plane = UserspaceDataPlane(drainMilliseconds: 20_000)
        try await plane.prepare(for: table(1, 1))
        try await plane.apply(table(1, 1))
        #expect(await plane.verify(table(1, 1)) == nil)

        let clients = try (0..<4).map { _ in try LoopbackClient(port: vip.port!) }
        let names = clients.map { $0.ask("hello") }
        #expect(names.sorted() == ["A hello", "A hello", "B hello", "B hello"])

        try await plane.apply(table(0, 1))
        let toA = clients[names.firstIndex(of: "A hello")!]
        #expect(toA.ask("still there?") == "A still there?", "an established connection to a weight-0 server continues")
        let fresh = try (0..<3).map { _ in try LoopbackClient(port: vip.port!) }
        #expect(fresh.map { $0.ask("new") } == ["B new", "B new", "B new"])

        let drained = Recorded(false)
        let stopping = Task {
            try await plane.remove()
            drained.value = true
        }
        try await waitUntil { await plane.verify(table(0, 1)) != nil }
        #expect(toA.ask("draining") == "A draining", "open connections keep working while the balancer drains")
        #expect(drained.value == false, "stopping waits for open connections")
        for client in clients + fresh { client.close() }
        try await stopping.value
        #expect(plane.openConnections == 0)
    }

    @Test func refusesWhatItCannotServe() async {
        let udp = BalancerTable(services: [.init(endpoint: ServiceEndpoint(host: "127.0.0.1", port: 53), proto: .udp, scheduler: "rr", destinations: [])])
        await #expect(throws: DataPlaneError("udp 127.0.0.1:53: the userspace data plane balances TCP only")) {
            try await UserspaceDataPlane().prepare(for: udp)
        }
    }
}

/// A blocking TCP client on 127.0.0.1 for line-based conversations.
final class LoopbackClient: @unchecked Sendable {
    private let connection: LoopbackConnection

    init(port: Int, host: String = "127.0.0.1") throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        connection = LoopbackConnection(fd: fd)
    }

    /// Sends a line and returns the answer line ("" when the connection ended).
    func ask(_ line: String) -> String {
        connection.send(line + "\n")
        return connection.readLine() ?? ""
    }

    /// Writes all of `bytes` (blocking).
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(connection.fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Sends FIN: no more bytes from this side.
    func shutdownWrite() { shutdown(connection.fd, Int32(SHUT_WR)) }

    /// Everything until the peer closes.
    func readToEnd() -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(connection.fd, &chunk, chunk.count)
            guard count > 0 else { return received }
            received += chunk.prefix(count)
        }
    }

    func close() { Glibc.close(connection.fd) }
}
