import Cluster
import Foundation
import Testing

/// `CPGTransport` against three real corosync daemons, one per network namespace (root only;
/// skipped with a message otherwise). One lab for the whole scenario keeps it to seconds:
/// the same views in the same order on every member, the same message order on every member,
/// a leave view when a node's corosync is killed, and a reconnect when it comes back.
@Suite(.serialized) struct CPGTransportIntegrationTests {
    /// The views from the first one holding all `count` members on.
    func fromFull(_ views: [MembershipView], count: Int = 3) -> [MembershipView] {
        Array(views.drop { $0.members.count < count })
    }

    func sendRound(_ transports: [CPGTransport], tag: String, count: Int) {
        for index in 0..<count {
            for (node, transport) in transports.enumerated() { transport.send(Array("\(tag)-n\(node + 1)-\(index)".utf8)) }
        }
    }

    @Test func viewsOrderNodeLossAndReconnectOnThreeRealNodes() throws {
        if let reason = CorosyncLab.unavailableReason {
            print("skipped: real-corosync integration test (\(reason))")
            return
        }
        let lab = try CorosyncLab(nodes: 3)
        defer { lab.down() }
        let recorders = (1...3).map { _ in EventRecorder() }
        let transports = (1...3).map { index in
            CPGTransport(options: .init(group: "halyard-test", networkNamespace: lab.namespacePath(index)),
                         onEvent: recorders[index - 1].record)
        }
        defer { transports.forEach { $0.stop() } }
        transports.forEach { $0.start() }

        // Everyone joins and sees the quorate three-node ring.
        for recorder in recorders {
            try #require(recorder.wait(seconds: 15) { $0.views.last?.members.map(\.node) == [1, 2, 3] })
            #expect(recorder.wait(seconds: 5) { $0.quorum.last?.quorate == true })
            #expect(recorder.quorum.last?.votes?.expected == 3)
        }

        // Interleaved multicasts come out in one order everywhere, each sender's in FIFO order.
        sendRound(transports, tag: "a", count: 20)
        for recorder in recorders { #expect(recorder.wait(seconds: 10) { $0.payloads.count >= 60 }) }
        let streams = recorders.map(\.payloads)
        #expect(streams[0].count == 60)
        #expect(streams[1] == streams[0] && streams[2] == streams[0])
        #expect(streams[0].filter { $0.hasPrefix("a-n2-") } == (0..<20).map { "a-n2-\($0)" })

        // Killing node 3's corosync: a node-down leave view on the others, a lost connection on 3.
        let disconnectionsBefore = recorders[2].disconnections.count
        try lab.kill(3)
        for recorder in recorders[0...1] {
            try #require(recorder.wait(seconds: 15) { $0.views.last?.members.map(\.node) == [1, 2] })
            #expect(recorder.views.last?.left.map(\.member.node) == [3])
            #expect(recorder.views.last?.left.first?.reason == .nodeDown)
        }
        #expect(recorders[2].wait(seconds: 5) { $0.disconnections.count > disconnectionsBefore })
        #expect(fromFull(recorders[0].views) == fromFull(recorders[1].views))

        // Restarting it: node 3's transport reconnects and re-joins by itself.
        try lab.start(3)
        for recorder in recorders {
            try #require(recorder.wait(seconds: 20) { $0.views.last?.members.map(\.node) == [1, 2, 3] })
        }
        #expect(recorders[2].connections == 2)
        #expect(fromFull(recorders[0].views) == fromFull(recorders[1].views))
        #expect(fromFull(recorders[0].views).count == 3)  // full, node 3 down, node 3 back

        // And the merged ring delivers in one order again.
        sendRound(transports, tag: "b", count: 5)
        for recorder in recorders { #expect(recorder.wait(seconds: 10) { $0.payloads.filter { $0.hasPrefix("b-") }.count >= 15 }) }
        let merged = recorders.map { $0.payloads.filter { $0.hasPrefix("b-") } }
        #expect(merged[0].count == 15)
        #expect(merged[1] == merged[0] && merged[2] == merged[0])
    }
}
