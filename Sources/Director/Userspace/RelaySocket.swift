import Glibc

/// The socket calls of the userspace balancer: non-blocking listeners and outgoing
/// connections to numeric IPv4/IPv6 addresses, with Nagle off.
enum RelaySocket {
    /// A listening socket on `endpoint` (SO_REUSEADDR, backlog 1024).
    static func listen(on endpoint: ServiceEndpoint) throws -> Int32 {
        guard let port = endpoint.port else { throw DataPlaneError("\(endpoint) has no port") }
        let (storage, length) = try socketAddress(endpoint.host, port: port)
        var address = storage
        let fd = socket(Int32(address.ss_family), Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DataPlaneError("cannot listen on \(endpoint): \(lastError())") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, Glibc.listen(fd, 1024) == 0 else {
            let reason = lastError()
            close(fd)
            throw DataPlaneError("cannot listen on \(endpoint): \(reason)")
        }
        return fd
    }

    /// A non-blocking connection to `endpoint` under way (or already made); nil when it failed at once.
    static func connect(to endpoint: ServiceEndpoint) -> Int32? {
        guard let port = endpoint.port, let (storage, length) = try? socketAddress(endpoint.host, port: port) else { return nil }
        var address = storage
        let fd = socket(Int32(address.ss_family), Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        noDelay(fd)
        let started = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) } }
        guard started == 0 || errno == EINPROGRESS else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Whether a connection started by `connect(to:)` succeeded (SO_ERROR is 0).
    static func connected(_ fd: Int32) -> Bool {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0
    }

    static func noDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The text of a peer's IP address ("10.0.0.7"), for source hashing.
    static func host(of peer: sockaddr_storage) -> String {
        var peer = peer
        let family = peer.ss_family
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written: UnsafePointer<CChar>? = withUnsafePointer(to: &peer) { storage in
            if family == sa_family_t(AF_INET6) {
                return storage.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    withUnsafePointer(to: address.pointee.sin6_addr) { inet_ntop(AF_INET6, $0, &text, socklen_t(text.count)) }
                }
            }
            return storage.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                withUnsafePointer(to: address.pointee.sin_addr) { inet_ntop(AF_INET, $0, &text, socklen_t(text.count)) }
            }
        }
        return written == nil ? "" : String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The socket address of a numeric IPv4 or IPv6 `host`.
    static func socketAddress(_ host: String, port: Int) throws -> (sockaddr_storage, socklen_t) {
        var storage = sockaddr_storage()
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let length: socklen_t? = withUnsafeMutablePointer(to: &storage) { pointer in
            if bare.contains(":") {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    address.pointee.sin6_family = sa_family_t(AF_INET6)
                    address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                    return inet_pton(AF_INET6, bare, &address.pointee.sin6_addr) == 1 ? socklen_t(MemoryLayout<sockaddr_in6>.size) : nil
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                address.pointee.sin_family = sa_family_t(AF_INET)
                address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                return inet_pton(AF_INET, bare, &address.pointee.sin_addr) == 1 ? socklen_t(MemoryLayout<sockaddr_in>.size) : nil
            }
        }
        guard let length else { throw DataPlaneError("\(host) is not an IP address") }
        return (storage, length)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
