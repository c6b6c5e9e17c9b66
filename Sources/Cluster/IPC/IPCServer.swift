import ClusterIPC
import Foundation
import Glibc

/// crmd's Unix socket: binds `path` (mode 0660, owner root, group `haclient` when it exists),
/// accepts on a thread of its own and serves each connection on a thread: checks the peer's
/// credentials, reads one request, passes it to `handler` and writes the answer back.
public final class IPCServer: @unchecked Sendable {
    public typealias Handler = @Sendable (IPCRequest, Peer) -> IPCResponse

    public let path: String
    private let access: PeerAccess
    private let handler: Handler
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false  // guarded by `lock`

    /// Binds and listens (replacing a stale socket file left by a previous crmd).
    public init(path: String, access: PeerAccess, handler: @escaping Handler) throws(IPCError) {
        self.path = path
        self.access = access
        self.handler = handler
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        if (try? IPCClient.call(.load, socketPath: path, timeoutSeconds: 2)) != nil {
            throw IPCError("another crmd already listens on \(path)")
        }
        unlink(path)
        listener = try UnixSocket.make()
        let bound = try UnixSocket.withAddress(path) { bind(listener, $0, $1) }
        guard bound == 0, listen(listener, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw IPCError("cannot listen on \(path): \(reason)")
        }
        chmod(path, 0o660)
        chown(path, 0, access.groupID ?? 0)
    }

    /// Starts accepting connections.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "ipc-accept"
        thread.start()
    }

    /// Stops accepting and removes the socket file. Connections being served finish.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        unlink(path)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                break
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let thread = Thread { [self] in serve(fd) }
            thread.name = "ipc-client"
            thread.start()
        }
        close(listener)
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        UnixSocket.setTimeout(fd, seconds: 120)
        let response: IPCResponse
        if let peer = Peer.of(socket: fd) {
            if let refusal = access.refusal(of: peer) {
                response = .denied(reason: refusal)
            } else {
                do {
                    response = handler(try IPCFrame.read(IPCRequest.self, from: fd), peer)
                } catch {
                    response = .invalid(reason: error.message)
                }
            }
        } else {
            response = .denied(reason: "the peer's credentials are unknown")
        }
        try? IPCFrame.write(response, to: fd)
    }
}
