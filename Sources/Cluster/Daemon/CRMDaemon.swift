import ClusterIPC
import Foundation
import HalyardModel

/// The crmd shell: keeps the node in the CPG group through `CPGTransport`, feeds what corosync
/// reports to a `ControllerCore` and carries out its effects — multicast, persist to the state
/// directory, reply to the crmctl waiting on the IPC socket — and logs what happens.
public final class CRMDaemon: @unchecked Sendable {
    /// Where crmd keeps its state and how it reaches corosync and its clients.
    public struct Options: Sendable {
        public var stateDirectory: String = "/var/lib/halyard"
        public var historyLimit: Int = 20
        public var socketPath: String = IPCDefaults.socketPath
        public var accessGroup: String = IPCDefaults.group
        public var transport = CPGTransport.Options()
        /// How long a commit waits for its update to come back through the cluster.
        public var replySeconds: Int = 60

        public init() {}
    }

    private let options: Options
    private let log: DaemonLog
    private let state: CIBStateDirectory
    private let lock = NSLock()
    // Guarded by `lock`:
    private var core: ControllerCore?
    private var startupCIB: CIB
    private var nextRequest: UInt64 = 1
    private var waiters: [UInt64: PendingReply] = [:]
    private var transport: CPGTransport?
    private var server: IPCServer?

    /// Loads the CIB from the state directory (never a corrupt file).
    public init(options: Options, log: DaemonLog) {
        self.options = options
        self.log = log
        state = CIBStateDirectory(path: options.stateDirectory, historyLimit: options.historyLimit)
        let (cib, problems) = state.load()
        problems.forEach { log(.warning, $0) }
        startupCIB = cib
        log(.notice, "starting with CIB \(cib.version) from \(options.stateDirectory)")
    }

    /// Opens the IPC socket and joins the CPG group.
    public func start() throws(IPCError) {
        let server = try IPCServer(path: options.socketPath, access: .group(named: options.accessGroup)) { [self] request, peer in
            serve(request, from: peer)
        }
        let transport = CPGTransport(options: options.transport) { [self] event in handle(event) }
        lock.withLock {
            self.server = server
            self.transport = transport
        }
        server.start()
        transport.start()
        log(.notice, "listening on \(options.socketPath); joining CPG group \(options.transport.group)")
    }

    /// Closes the socket and leaves the group.
    public func stop() {
        let (server, transport) = lock.withLock { (self.server, self.transport) }
        server?.stop()
        transport?.stop()
        log(.notice, "stopped")
    }

    // MARK: Corosync

    private func handle(_ event: TransportEvent) {
        lock.withLock {
            switch event {
            case .connected(let local):
                log(.notice, "connected to corosync as \(local)")
                if core?.local != local { core = ControllerCore(local: local, cib: core?.cib ?? startupCIB) }
            case .view(let view):
                log(.info, "view: \(view)")
                feed(.viewChanged(view))
            case .delivered(let sender, let payload):
                switch ClusterWire.decode(payload) {
                case .success(let message): feed(.delivered(message, from: sender))
                case .failure(let error): log(.warning, "message from \(sender) ignored: \(error.message)")
                }
            case .quorum(let quorum):
                log(.info, "quorum: \(quorum)")
                feed(.quorumChanged(quorum))
            case .disconnected(let reason, let dropped):
                log(.warning, "corosync connection lost or unavailable: \(reason)" + (dropped > 0 ? " (\(dropped) messages not sent)" : ""))
                feed(.disconnected)
            }
        }
    }

    /// Passes `event` to the core and carries out its effects. Called with `lock` held.
    private func feed(_ event: ControllerEvent) {
        guard let effects = core?.handle(event) else { return }
        for effect in effects {
            switch effect {
            case .send(let message):
                if transport?.send(ClusterWire.encode(message)) != true { log(.warning, "not connected: a message was not sent") }
            case .persist(let cib):
                do {
                    try state.persist(cib)
                    log(.info, "CIB \(cib.version) written to \(state.currentPath)")
                } catch {
                    log(.error, "CIB \(cib.version) not written: \(error.message)")
                }
            case .reply(let id, let reply):
                waiters.removeValue(forKey: id)?.fulfil(reply)
            case .roleChanged(let role):
                log(.notice, "role: \(role)")
            case .lostEdits(let lost):
                log(.warning, "this node's CIB lost the merge to \(lost.winner) (CIB \(lost.winnerVersion)); edits discarded:")
                lost.edits.forEach { log(.warning, "  \($0.version) from \($0.origin): \($0.summary)") }
                do {
                    try state.archive(lost.discarded)
                } catch {
                    log(.error, "the discarded CIB was not archived: \(error.message)")
                }
            case .ignored(let reason):
                log(.warning, reason)
            }
        }
    }

    // MARK: IPC

    private func serve(_ request: IPCRequest, from peer: Peer) -> IPCResponse {
        switch request {
        case .load:
            return .cib(xml: CIBEncoder.encode(lock.withLock { core?.cib ?? startupCIB }))
        case .commit(let xml, let base, let summary):
            let cib: CIB
            do {
                cib = try CIBDecoder.decode(xml)
            } catch {
                return .refused(reason: "the CIB sent could not be read: \(error)")
            }
            if lock.withLock({ core?.cib.configuration }) == cib.configuration {
                return .refused(reason: "the configuration is unchanged; status changes (transient attributes, cleanup) "
                    + "are not replicated by crmd yet; nothing was changed")
            }
            let label = "uid \(peer.uid) pid \(peer.pid): \(summary)"
            guard let pending = submit(cib.configuration, basedOn: base.version, summary: label) else {
                return .refused(reason: "crmd is not connected to corosync; nothing was changed")
            }
            guard let reply = pending.wait(seconds: options.replySeconds) else {
                return .unknown(reason: "no answer from the cluster within \(options.replySeconds) s; "
                    + "check with `crmctl configure show` whether the change was applied")
            }
            log(.notice, "commit from \(peer) (\(summary)): \(reply)")
            return Self.response(reply)
        }
    }

    /// Hands a commit to the core; nil when there is no core yet (never connected).
    private func submit(_ configuration: Configuration, basedOn base: CIBVersion, summary: String) -> PendingReply? {
        lock.withLock {
            guard core != nil else { return nil }
            let id = nextRequest
            nextRequest += 1
            let pending = PendingReply()
            waiters[id] = pending
            feed(.admin(.commit(configuration, basedOn: base, summary: summary), id: id))
            return pending
        }
    }

    static func response(_ reply: AdminReply) -> IPCResponse {
        switch reply {
        case .committed(let version): .committed(version: IPCVersion(version))
        case .refused(let reason): .refused(reason: reason)
        case .unknown(let reason): .unknown(reason: reason)
        }
    }
}
