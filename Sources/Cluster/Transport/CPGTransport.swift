import CCorosync
import Foundation
import Glibc

/// Keeps this process joined to a CPG group on the local corosync: one thread of its own polls
/// the CPG and quorum fds, multicasts an ordered outbox in agreed order (retrying under flow
/// control), and reconnects and re-joins when corosync restarts (`CS_ERR_LIBRARY`). Everything
/// it observes is passed to `onEvent`, on that thread, in order.
public final class CPGTransport: @unchecked Sendable {
    /// How to reach corosync.
    public struct Options: Sendable {
        public var group: String
        /// `/run/netns/NAME`: reach the corosync of that network namespace instead (labs, tests).
        public var networkNamespace: String?
        /// Pause between connection attempts while corosync is away.
        public var reconnectMilliseconds: Int32
        /// How often an idle connection checks that the daemon is still there (with socket IPC a
        /// dead daemon does not make the fd readable).
        public var livenessMilliseconds: Int32

        public init(group: String = "halyard", networkNamespace: String? = nil,
                    reconnectMilliseconds: Int32 = 200, livenessMilliseconds: Int32 = 1000) {
            self.group = group
            self.networkNamespace = networkNamespace
            self.reconnectMilliseconds = reconnectMilliseconds
            self.livenessMilliseconds = livenessMilliseconds
        }
    }

    private let options: Options
    private let onEvent: @Sendable (TransportEvent) -> Void
    private let wake: WakePipe
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    // Guarded by `lock`:
    private var outbox: [[UInt8]] = []
    private var connected = false
    private var running = false
    private var stopping = false

    public init(options: Options = Options(), onEvent: @escaping @Sendable (TransportEvent) -> Void) {
        self.options = options
        self.onEvent = onEvent
        wake = WakePipe()
    }

    /// Starts the transport's thread, which connects (and keeps reconnecting) until `stop()`.
    public func start() {
        guard lock.withLock({ () -> Bool in
            defer { running = true }
            return !running
        }) else { return }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "cpg-transport"
        thread.start()
    }

    /// Queues a message for the group. Returns `false` (and drops it) while not connected:
    /// a message is only ever sent on the connection it was queued for.
    @discardableResult
    public func send(_ payload: [UInt8]) -> Bool {
        let queued = lock.withLock { () -> Bool in
            guard connected else { return false }
            outbox.append(payload)
            return true
        }
        if queued { wake.poke() }
        return queued
    }

    /// Leaves the group, closes the connection and waits for the thread to end.
    public func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            stopping = true
            return running
        }
        guard wasRunning else { return }
        wake.poke()
        finished.wait()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func run() {
        if let path = options.networkNamespace, let failure = Self.enterNetworkNamespace(path) {
            return onEvent(.disconnected(reason: failure, dropped: 0))
        }
        var session: Session?
        var lastFailure: String?
        while !isStopping {
            guard let live = session else {
                do {
                    let opened = try Session(group: options.group)
                    session = opened
                    lastFailure = nil
                    lock.withLock { connected = true }
                    onEvent(.connected(local: opened.cpg.local))
                } catch {
                    if error.description != lastFailure { onEvent(.disconnected(reason: error.description, dropped: 0)) }
                    lastFailure = error.description
                    wake.wait(milliseconds: options.reconnectMilliseconds)
                }
                continue
            }
            do {
                try serve(live)
            } catch {
                live.close()
                session = nil
                lastFailure = error.description
                let dropped = lock.withLock { () -> Int in
                    defer { outbox = [] }
                    connected = false
                    return outbox.count
                }
                onEvent(.disconnected(reason: error.description, dropped: dropped))
            }
        }
        session?.close()
    }

    /// One turn: wait for input (or the outbox), dispatch callbacks, send what is queued.
    private func serve(_ session: Session) throws(CorosyncError) {
        let pending = lock.withLock { !outbox.isEmpty }
        var fds = [session.cpg.fd, session.quorum.fd, wake.readEnd].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), pending ? 10 : options.livenessMilliseconds)
        if fds[2].revents != 0 { wake.drain() }
        if fds[0].revents != 0 { try session.cpg.dispatch().forEach(onEvent) }
        if fds[1].revents != 0 { try session.quorum.dispatch().forEach(onEvent) }
        while let next = lock.withLock({ outbox.first }) {
            guard try session.cpg.multicast(next) else { break }  // flow control: next turn
            lock.withLock { _ = outbox.removeFirst() }
        }
        if ready == 0 { try session.cpg.checkAlive() }
    }

    private static func enterNetworkNamespace(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "cannot open network namespace \(path): \(String(cString: strerror(errno)))" }
        defer { Glibc.close(fd) }
        guard halyard_enter_network_namespace(fd) == 0 else {
            return "cannot enter network namespace \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }
}

/// The CPG and quorum connections of one corosync lifetime.
private struct Session {
    let cpg: CPGConnection
    let quorum: QuorumConnection

    init(group: String) throws(CorosyncError) {
        cpg = try CPGConnection(group: group)
        do {
            quorum = try QuorumConnection(localNode: cpg.local.node)
        } catch {
            cpg.close()
            throw error
        }
    }

    func close() {
        quorum.close()
        cpg.close()
    }
}
