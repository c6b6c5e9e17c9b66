import Glibc

/// An epoll(7) set. Swift's Glibc module does not import epoll or accept4 (GNU extensions), so
/// they are bound from the C library at run time, and events are read in the kernel's own
/// layout (packed to 12 bytes on x86_64).
final class Epoll {
    /// The readiness bits this balancer uses.
    static let readable: UInt32 = 0x001, writable: UInt32 = 0x004, error: UInt32 = 0x008, hangUp: UInt32 = 0x010
    /// Wake one waiting set, not all, when a shared listening socket has a connection.
    static let exclusive: UInt32 = 1 << 28

    private typealias Create = @convention(c) (Int32) -> Int32
    private typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias Accept = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    private nonisolated(unsafe) static let create = unsafeBitCast(symbol("epoll_create1"), to: Create.self)
    private nonisolated(unsafe) static let control = unsafeBitCast(symbol("epoll_ctl"), to: Control.self)
    private nonisolated(unsafe) static let wait = unsafeBitCast(symbol("epoll_wait"), to: Wait.self)
    private nonisolated(unsafe) static let accept4 = unsafeBitCast(symbol("accept4"), to: Accept.self)

    #if arch(x86_64)
    private static let eventSize = 12, tokenOffset = 4
    #else
    private static let eventSize = 16, tokenOffset = 8
    #endif
    private static let capacity = 256

    let descriptor: Int32
    private let events = UnsafeMutableRawPointer.allocate(byteCount: eventSize * capacity, alignment: 8)

    init() throws {
        descriptor = Self.create(Int32(O_CLOEXEC))
        guard descriptor >= 0 else { throw DataPlaneError("epoll_create1: \(String(cString: strerror(errno)))") }
    }

    deinit {
        events.deallocate()
        close(descriptor)
    }

    /// Watches `fd` for `mask`; events on it carry `token`.
    func add(_ fd: Int32, _ mask: UInt32, token: UInt64) -> Bool { change(1, fd, mask, token) }
    /// Changes what `fd` is watched for.
    func modify(_ fd: Int32, _ mask: UInt32, token: UInt64) -> Bool { change(3, fd, mask, token) }
    /// Stops watching `fd`.
    func remove(_ fd: Int32) { _ = change(2, fd, 0, 0) }

    private func change(_ operation: Int32, _ fd: Int32, _ mask: UInt32, _ token: UInt64) -> Bool {
        var event: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &event) { bytes in
            bytes.storeBytes(of: mask, toByteOffset: 0, as: UInt32.self)
            bytes.storeBytes(of: token, toByteOffset: Self.tokenOffset, as: UInt64.self)
            return Self.control(descriptor, operation, fd, bytes.baseAddress) == 0
        }
    }

    /// Waits up to `timeoutMilliseconds` (-1: no limit) and calls `body` with each event's bits and token.
    func wait(timeoutMilliseconds: Int32, _ body: (UInt32, UInt64) -> Void) {
        let count = Self.wait(descriptor, events, Int32(Self.capacity), timeoutMilliseconds)
        for index in 0..<max(0, Int(count)) {
            let event = events + index * Self.eventSize
            body(event.loadUnaligned(as: UInt32.self), event.loadUnaligned(fromByteOffset: Self.tokenOffset, as: UInt64.self))
        }
    }

    /// accept4(2) of a non-blocking, close-on-exec connection with its peer's address; nil when none is waiting.
    static func accept(_ listener: Int32) -> (fd: Int32, peer: sockaddr_storage)? {
        var peer = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                accept4(listener, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
            }
        }
        return fd >= 0 ? (fd, peer) : nil
    }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        guard let address = dlsym(nil, name) else { fatalError("the C library has no \(name)") }
        return address
    }
}
