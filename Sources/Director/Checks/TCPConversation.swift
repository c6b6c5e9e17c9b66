import Foundation
import NIOCore
import NIOPosix

/// A TCP connection for a health check, bounded by one deadline: the connect and every read
/// and write after it end when the deadline passes (the channel is closed at that instant),
/// so a silent server costs exactly the timeout and nothing more.
struct TCPConversation {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var buffer = ByteBuffer()
    private let deadline: NIODeadline

    /// Connects to `host:port` and runs `body`; returns its detail or throws `CheckFailure`.
    static func run(host: String, port: Int, timeoutMilliseconds: Int,
                    _ body: (inout TCPConversation) async throws -> String) async throws -> String {
        let timeout = TimeAmount.milliseconds(Int64(timeoutMilliseconds))
        let deadline = NIODeadline.now() + timeout
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw CheckFailure(NIODeadline.now() >= deadline ? "connect timed out after \(timeoutMilliseconds) ms" : "connect failed: \(reason(error))")
        }
        let closer = channel.channel.eventLoop.scheduleTask(deadline: deadline) { channel.channel.close(promise: nil) }
        defer { closer.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var conversation = TCPConversation(inbound: inbound.makeAsyncIterator(), outbound: outbound, deadline: deadline)
                return try await body(&conversation)
            }
        } catch let failure as CheckFailure {
            throw failure
        } catch {
            throw CheckFailure(NIODeadline.now() >= deadline ? "timed out after \(timeoutMilliseconds) ms" : "connection failed: \(error)")
        }
    }

    /// The system's words for a failed connect ("Connection refused"), not NIO's wrapping.
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as? NIOConnectionError)?.connectionErrors.first?.error ?? error
        guard let io = underlying as? IOError else { return "\(underlying)" }
        return String(cString: strerror(io.errnoCode))
    }

    private init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
                 outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, deadline: NIODeadline) {
        self.inbound = inbound
        self.outbound = outbound
        self.deadline = deadline
    }

    mutating func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Reads more bytes into the buffer; false at the end of the stream.
    private mutating func fill() async throws -> Bool {
        guard var chunk = try await inbound.next() else {
            if NIODeadline.now() >= deadline { throw CheckFailure("timed out waiting for the server") }
            return false
        }
        buffer.writeBuffer(&chunk)
        return true
    }

    /// The next line without its CR LF; a stream that ends first is a failure.
    mutating func readLine() async throws -> String {
        while true {
            if let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - buffer.readerIndex
                var line = buffer.readString(length: length) ?? ""
                buffer.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                return line
            }
            guard try await fill() else { throw CheckFailure("the server closed the connection") }
        }
    }

    /// Everything until the server closes, at most `limit` bytes.
    mutating func readToEnd(limit: Int) async throws -> [UInt8] {
        while buffer.readableBytes < limit, try await fill() {}
        return Array(buffer.readableBytesView.prefix(limit))
    }
}
