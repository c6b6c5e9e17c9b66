import Foundation
import Glibc

/// Length-prefixed frames on a stream socket: a 4-byte big-endian length, then that many bytes
/// of JSON. Reads and writes block; the caller sets socket timeouts.
public enum IPCFrame {
    /// The largest frame accepted (a CIB of a few thousand resources is a few MB).
    public static let maximumLength = 256 << 20

    public static func write<Message: Encodable>(_ message: Message, to fd: Int32) throws(IPCError) {
        let body: Data
        do {
            body = try JSONEncoder().encode(message)
        } catch {
            throw IPCError("cannot encode the message: \(error)")
        }
        guard body.count <= maximumLength else { throw IPCError("the message is too large (\(body.count) bytes)") }
        let length = UInt32(body.count)
        try writeAll(fd, [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) } + Array(body))
    }

    public static func read<Message: Decodable>(_ type: Message.Type, from fd: Int32) throws(IPCError) -> Message {
        let header = try readExactly(fd, 4)
        let length = header.reduce(0) { ($0 << 8) | Int($1) }
        guard length <= maximumLength else { throw IPCError("a frame of \(length) bytes is larger than allowed") }
        let body = try readExactly(fd, length)
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw IPCError("unreadable message (\(length) bytes)")
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(IPCError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw IPCError("cannot send: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    private static func readExactly(_ fd: Int32, _ count: Int) throws(IPCError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + offset, count - offset, 0) }
            if got < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { throw IPCError("no answer in time") }
                throw IPCError("cannot receive: \(String(cString: strerror(errno)))")
            }
            if got == 0 { throw IPCError("the connection was closed") }
            offset += got
        }
        return buffer
    }
}

/// A failure to talk over the crmd socket.
public struct IPCError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Nothing listens on the socket: crmd is not running on this node.
    public var notRunning: Bool

    public init(_ message: String, notRunning: Bool = false) {
        self.message = message
        self.notRunning = notRunning
    }

    public var description: String { message }
}
