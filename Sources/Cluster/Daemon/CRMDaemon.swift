import ClusterIPC
import Executor
import Foundation
import Logging
import HalyardModel

/// The crmd shell: keeps the node in the CPG group through `CPGTransport`, feeds what corosync,
/// the executor, the fence agents, the timers and crmctl report to a `ControllerCore` (with the
/// time), and carries out its effects — multicast, persist to the state directory, run agents,
/// fence, arm timers, reply to the crmctl waiting on the IPC socket — and logs what happens.
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
        /// This node's name in the cluster (`uname`).
        public var nodeName: String = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        /// How long a graceful shutdown may take before crmd leaves anyway.
        public var shutdownSeconds: Int = 300
        /// Where agents are found.
        public var agents = AgentLocator.standard()
        /// Variables added to every agent's environment (e.g. `HA_RSCTMP`).
        public var agentEnvironment: [String: String] = [:]
        /// Called once crmd has left the cluster (graceful shutdown complete).
        public var onLeave: @Sendable () -> Void = {}

        public init() {}
    }

    private let options: Options
    private let log: Logger
    private let state: CIBStateDirectory
    private let lock = NSLock()
    // Guarded by `lock`:
    private var core: ControllerCore?
    private var startupCIB: CIB
    private var nextRequest: UInt64 = 1
    private var waiters: [UInt64: PendingReply] = [:]
    private var transport: CPGTransport?
    private var server: IPCServer?
    private let executor: LocalExecutor
    private var timers: [ControllerTimer: DispatchWorkItem] = [:]
    private let statusWriter: StatusWriter
    private let queue = DispatchQueue(label: "crmd.timers")

    /// Loads the CIB from the state directory (never a corrupt file).
    public init(options: Options, log: Logger) {
        self.options = options
        self.log = log
        state = CIBStateDirectory(path: options.stateDirectory, historyLimit: options.historyLimit)
        let (cib, problems) = state.load()
        problems.forEach { log.warning("\($0)") }
        startupCIB = cib
        executor = LocalExecutor(node: options.nodeName, locator: options.agents, environment: options.agentEnvironment)
        statusWriter = StatusWriter(state: state, log: log)
        log.notice("node \(options.nodeName): starting with CIB \(cib.version) from \(options.stateDirectory)")
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
        log.notice("listening on \(options.socketPath); joining CPG group \(options.transport.group)")
    }

    /// Moves this node's resources away (the DC stops them), then leaves the group and calls
    /// `onLeave`; leaves anyway after `shutdownSeconds`.
    public func shutDown() {
        lock.withLock { feed(.shutdownRequested) }
        queue.asyncAfter(deadline: .now() + .seconds(options.shutdownSeconds)) { [self] in
            log.warning("the graceful shutdown did not finish within \(options.shutdownSeconds) s; leaving anyway")
            leave()
        }
    }

    private func leave() {
        stop()
        options.onLeave()
    }

    /// Closes the socket and leaves the group.
    public func stop() {
        let (server, transport) = lock.withLock { (self.server, self.transport) }
        server?.stop()
        transport?.stop()
        log.notice("stopped")
    }

    // MARK: Corosync

    private func handle(_ event: TransportEvent) {
        lock.withLock {
            switch event {
            case .connected(let local):
                log.notice("connected to corosync as \(local)")
                if core?.local != local { core = ControllerCore(local: local, name: options.nodeName, cib: core?.cib ?? startupCIB) }
            case .view(let view):
                log.info("view: \(view)")
                feed(.viewChanged(view))
            case .delivered(let sender, let payload):
                switch ClusterWire.decode(payload) {
                case .success(let message): feed(.delivered(message, from: sender))
                case .failure(let error): log.warning("message from \(sender) ignored: \(error.message)")
                }
            case .quorum(let quorum):
                log.info("quorum: \(quorum)", metadata: ["quorate": "\(quorum.quorate)", "ring": "\(quorum.ringSequence)"])
                feed(.quorumChanged(quorum))
            case .disconnected(let reason, let dropped):
                log.warning("corosync connection lost or unavailable: \(reason)\(dropped > 0 ? " (\(dropped) messages not sent)" : "")")
                feed(.disconnected)
            }
        }
    }

    /// Passes `event` to the core (with the time) and carries out its effects. Called with `lock` held.
    private func feed(_ event: ControllerEvent) {
        guard let effects = core?.handle(event, at: LocalExecutor.now()) else {
            if event == .shutdownRequested { queue.async { [self] in leave() } }
            return
        }
        for effect in effects {
            switch effect {
            case .send(let message):
                if transport?.send(ClusterWire.encode(message)) != true { log.warning("not connected: a message was not sent") }
            case .persist(let cib):
                do {
                    try state.persist(cib)
                    log.info("CIB \(cib.version) written to \(state.currentPath)")
                } catch {
                    log.error("CIB \(cib.version) not written: \(error.message)")
                }
            case .saveStatus(let cib):
                statusWriter.save(cib)
            case .reply(let id, let reply):
                waiters.removeValue(forKey: id)?.fulfil(reply)
            case .roleChanged(let role):
                log.notice("role: \(role)", metadata: ["role": "\(role)"])
            case .lostEdits(let lost):
                log.warning("this node's CIB lost the merge to \(lost.winner) (CIB \(lost.winnerVersion)); edits discarded:")
                lost.edits.forEach { log.warning("  \($0.version) from \($0.origin): \($0.summary)") }
                do {
                    try state.archive(lost.discarded)
                } catch {
                    log.error("the discarded CIB was not archived: \(error.message)")
                }
            case .ignored(let reason):
                log.warning("\(reason)")
            case .note(let text):
                log.notice("\(text)")
            case .run(let operation):
                log.info("run \(operation.resource) \(operation.action)\(operation.interval > 0 ? " every \(operation.interval) ms" : "")",
                         metadata: ["resource": "\(operation.resource)", "action": "\(operation.action)", "interval-ms": "\(operation.interval)"])
                executor.run(operation) { [self] outcome in lock.withLock { feed(.operationFinished(outcome)) } }
            case .cancelRecurring(let resource, let interval):
                executor.cancelRecurring(resource: resource, interval: interval)
            case .fence(let order):
                log.warning("fencing \(order.node) (\(order.action))", metadata: ["node": "\(order.node)", "fence-action": "\(order.action)"])
                let timeout = ClusterOptions(configuration: core?.cib.configuration ?? Configuration()).fencingTimeoutMilliseconds
                executor.fence(order, timeoutMilliseconds: timeout) { [self] succeeded, detail in
                    log.log(level: succeeded ? .notice : .error, "fencing \(order.node): \(succeeded ? "done by" : "failed:") \(detail)",
                            metadata: ["node": "\(order.node)", "fence-action": "\(order.action)", "succeeded": "\(succeeded)"])
                    lock.withLock { feed(.fenceFinished(order, succeeded: succeeded, detail: detail)) }
                }
            case .armTimer(let timer, let seconds):
                arm(timer, after: seconds)
            case .leave:
                log.notice("shutdown complete: leaving the cluster")
                queue.async { [self] in leave() }
            }
        }
    }

    /// Arms (or re-arms) a timer; when it fires, the core hears `timerFired`. Called with `lock` held.
    private func arm(_ timer: ControllerTimer, after seconds: Int) {
        timers[timer]?.cancel()
        let item = DispatchWorkItem { [self] in lock.withLock { feed(.timerFired(timer)) } }
        timers[timer] = item
        queue.asyncAfter(deadline: .now() + .seconds(seconds), execute: item)
    }

    // MARK: IPC

    private func serve(_ request: IPCRequest, from peer: Peer) -> IPCResponse {
        switch request {
        case .load:
            return .cib(xml: CIBEncoder.encode(lock.withLock { core?.publishedCIB ?? startupCIB }))
        case .history:
            return .history(entries: state.entries().map { IPCHistoryEntry(number: $0.number, version: IPCVersion($0.version), written: $0.written) })
        case .historyEntry(let number):
            guard let cib = state.entry(number) else { return .refused(reason: "no readable history entry \(number) on this node") }
            return .cib(xml: CIBEncoder.encode(cib))
        case .fenceAck(let node):
            return answer(.acknowledgeFenced(node: node, by: "\(peer)"), from: peer, summary: "fence-ack \(node)")
        case .fence(let node, let action):
            return answer(.fence(node: node, action: action, by: "\(peer)"), from: peer, summary: "fence \(node) \(action)")
        case .commit(let xml, let base, let summary):
            let cib: CIB
            do {
                cib = try CIBDecoder.decode(xml)
            } catch {
                return .refused(reason: "the CIB sent could not be read: \(error)")
            }
            if let current = lock.withLock({ core?.cib }), current.configuration == cib.configuration {
                let request = StatusRequest.between(current: current.status, requested: cib.status)
                return answer(.updateStatus(request), from: peer, summary: summary)
            }
            let label = "\(peer): \(summary)"
            return answer(.commit(cib.configuration, basedOn: base.version, summary: label), from: peer, summary: summary)
        }
    }

    /// Hands a request to the core and waits for its reply.
    private func answer(_ request: AdminRequest, from peer: Peer, summary: String) -> IPCResponse {
        guard let pending = submit(request) else { return .refused(reason: "crmd is not connected to corosync; nothing was changed") }
        guard let reply = pending.wait(seconds: options.replySeconds) else {
            return .unknown(reason: "no answer from the cluster within \(options.replySeconds) s; "
                + "check with `crmctl configure show` or `crmctl status` whether it was applied")
        }
        log.notice("request from \(peer) (\(summary)): \(reply)")
        return Self.response(reply)
    }

    /// Hands a request to the core; nil when there is no core yet (never connected).
    private func submit(_ request: AdminRequest) -> PendingReply? {
        lock.withLock {
            guard core != nil else { return nil }
            let id = nextRequest
            nextRequest += 1
            let pending = PendingReply()
            waiters[id] = pending
            feed(.admin(request, id: id))
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
