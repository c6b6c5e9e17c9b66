import NIOCore
import NIOPosix

/// DNS check over UDP: an A query for the check's `request` name must be answered without
/// error and with at least one record; with `receive`, one address must match it.
enum DNSCheck {
    static func run(_ target: CheckTarget, port: Int) async throws -> String {
        guard let name = target.check.request, !name.isEmpty else { throw CheckFailure("a DNS check needs request = the name to look up") }
        let id = UInt16.random(in: 1...UInt16.max)
        let remote: SocketAddress
        do { remote = try SocketAddress(ipAddress: target.host, port: port) } catch { throw CheckFailure("\(target.host) is not an IP address") }
        let timeout = target.check.timeoutMilliseconds
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeout))
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: remote.protocol == .inet6 ? "::" : "0.0.0.0", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: channel)
                }
            }
        let closer = channel.channel.eventLoop.scheduleTask(deadline: deadline) { channel.channel.close(promise: nil) }
        defer { closer.cancel() }
        let answer: DNSMessage.Answer? = try? await channel.executeThenClose { inbound, outbound in
            try await outbound.write(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: DNSMessage.query(id: id, name: name))))
            for try await envelope in inbound {
                if let answer = DNSMessage.answer(Array(envelope.data.readableBytesView), id: id) { return answer }
            }
            return nil
        }
        guard let answer else { throw CheckFailure("no DNS answer within \(timeout) ms") }
        guard answer.responseCode == 0 else { throw CheckFailure("DNS rcode \(answer.responseCode) for \(name)") }
        guard !answer.addresses.isEmpty else { throw CheckFailure("no A record for \(name)") }
        if let pattern = target.check.receive {
            let regex = try HTTPCheck.compile(pattern)
            guard answer.addresses.contains(where: { $0.contains(regex) }) else {
                throw CheckFailure("\(name) is \(answer.addresses.joined(separator: ", ")), not matching \"\(pattern)\"")
            }
        }
        return "\(name) is \(answer.addresses.joined(separator: ", "))"
    }
}
