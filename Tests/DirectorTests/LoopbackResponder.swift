import Foundation

/// A tiny server on 127.0.0.1 for check tests: each TCP connection (or UDP datagram) is
/// handed to `handler` on a thread of its own. Closed by `stop()`.
final class LoopbackResponder: @unchecked Sendable {
    let port: Int
    private let socket: Int32

    /// A TCP listener; `handler` talks to one accepted connection, which is closed afterwards.
    init(tcp handler: @escaping @Sendable (LoopbackConnection) -> Void) throws {
        (socket, port) = try Self.bound(type: SOCK_STREAM)
        guard listen(socket, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        let listener = socket
        Thread.detachNewThread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                Thread.detachNewThread {
                    handler(LoopbackConnection(fd: connection))
                    close(connection)
                }
            }
        }
    }

    /// A UDP responder: `handler` maps each datagram to the reply (nil sends nothing).
    init(udp handler: @escaping @Sendable ([UInt8]) -> [UInt8]?) throws {
        (socket, port) = try Self.bound(type: SOCK_DGRAM)
        let fd = socket
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 2048)
            while true {
                var peer = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
                }
                guard count > 0 else { return }
                if let reply = handler(Array(buffer.prefix(count))) {
                    _ = withUnsafePointer(to: &peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, reply, reply.count, 0, $0, length) }
                    }
                }
            }
        }
    }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private static func bound(type: __socket_type) throws -> (Int32, Int) {
        let fd = Glibc.socket(AF_INET, Int32(type.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, status else { throw POSIXError(.EADDRINUSE) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on 127.0.0.1 where nothing listens (bound, then closed).
    static func closedPort() throws -> Int {
        let (fd, port) = try bound(type: SOCK_STREAM)
        close(fd)
        return port
    }
}

/// One accepted connection of a `LoopbackResponder`.
struct LoopbackConnection {
    let fd: Int32

    /// The next line without CR LF, or nil when the peer closed.
    func readLine() -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\r", with: "") }
            line.append(byte)
        }
        return nil
    }

    /// The request head: lines up to the blank one.
    func readHead() -> [String] {
        var lines: [String] = []
        while let line = readLine(), !line.isEmpty { lines.append(line) }
        return lines
    }

    func send(_ text: String) { _ = text.withCString { write(fd, $0, strlen($0)) } }

    /// Waits until the peer closes (for a server that never answers).
    func waitForClose() { while readLine() != nil {} }
}

/// Values that a responder thread records and a test reads.
final class Recorded<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
