import Foundation
import Testing
@testable import Director

/// The userspace balancer's relay on 127.0.0.1: bulk data both ways through back-pressure,
/// half-closes passed on, and a real server that refuses.
@Suite struct RelayTests {
    static func table(vip: ServiceEndpoint, server port: Int) -> BalancerTable {
        BalancerTable(services: [.init(endpoint: vip, proto: .tcp, scheduler: "rr", destinations: [
            .init(endpoint: ServiceEndpoint(host: "127.0.0.1", port: port), forwarding: .masq, weight: 1, isFallback: false),
        ])])
    }

    @Test func relaysBulkDataBothWaysAndPassesHalfClosesOn() async throws {
        let reply = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        // Reads until the client's FIN, answers with the count and 4 MiB, then closes.
        let backend = try LoopbackResponder { connection in
            var total = 0
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(connection.fd, &chunk, chunk.count)
                guard count > 0 else { break }
                total += count
            }
            connection.send("\(total)\n")
            var offset = 0
            while offset < reply.count {
                let written = reply.withUnsafeBytes { write(connection.fd, $0.baseAddress! + offset, reply.count - offset) }
                guard written > 0 else { return }
                offset += written
            }
        }
        defer { backend.stop() }
        let vip = ServiceEndpoint(host: "127.0.0.1", port: try LoopbackResponder.closedPort())
        let plane = UserspaceDataPlane(threads: 2, drainMilliseconds: 1000)
        try await plane.apply(Self.table(vip: vip, server: backend.port))

        let client = try LoopbackClient(port: vip.port!)
        client.send([UInt8](repeating: 7, count: 3 << 20))
        client.shutdownWrite()
        // Not reading for a while makes the balancer hold what the client cannot take yet.
        try await Task.sleep(for: .milliseconds(300))
        let received = client.readToEnd()
        client.close()
        let header = "\(3 << 20)\n".utf8
        #expect(received.count == header.count + reply.count)
        let counted = String(decoding: received.prefix(header.count), as: UTF8.self)
        #expect(counted == "\(3 << 20)\n", "the real server saw every byte before the FIN")
        let intact = received.dropFirst(header.count).elementsEqual(reply)
        #expect(intact, "the reply arrives whole and in order")
        try await waitUntil { plane.openConnections == 0 }
        try await plane.remove()
    }

    @Test func aRefusingRealServerClosesTheClientConnection() async throws {
        let vip = ServiceEndpoint(host: "127.0.0.1", port: try LoopbackResponder.closedPort())
        let plane = UserspaceDataPlane(threads: 1, drainMilliseconds: 1000)
        try await plane.apply(Self.table(vip: vip, server: try LoopbackResponder.closedPort()))
        let client = try LoopbackClient(port: vip.port!)
        #expect(client.readToEnd().isEmpty)
        client.close()
        try await waitUntil { plane.openConnections == 0 }
        try await plane.remove()
        #expect(await plane.verify(Self.table(vip: vip, server: 1)) != nil, "nothing listens after remove")
    }
}
