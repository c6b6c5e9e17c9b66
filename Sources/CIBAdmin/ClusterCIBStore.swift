import ClusterIPC
import HalyardModel

/// The live cluster's CIB, through the local crmd's Unix socket. Commits travel through the
/// cluster and are refused there if another change was committed first.
public struct ClusterCIBStore: CIBStore {
    public let socketPath: String
    /// What the command does, kept by the cluster with the edit (reported if a merge loses it).
    public let summary: String

    public init(socketPath: String = IPCDefaults.socketPath, summary: String) {
        self.socketPath = socketPath
        self.summary = summary
    }

    public var name: String { "the live cluster" }

    /// The cluster always has a CIB (possibly empty).
    public var exists: Bool { true }

    public func load() throws(AdminError) -> CIB {
        guard case .cib(let xml) = try call(.load) else { throw AdminError("crmd gave an unexpected answer to load") }
        do {
            return try CIBDecoder.decode(xml)
        } catch {
            throw AdminError("the CIB crmd sent could not be read: \(error)")
        }
    }

    public func commit(_ cib: CIB, basedOn base: CIBVersion) throws(AdminError) {
        let answer = try call(.commit(cibXML: CIBEncoder.encode(cib), basedOn: IPCVersion(base), summary: summary))
        switch answer {
        case .committed: return
        case .unknown(let reason): throw AdminError("the outcome is unknown: \(reason)")
        default: throw AdminError("crmd gave an unexpected answer to commit")
        }
    }

    /// One exchange; refusals and failures become `AdminError`s.
    func call(_ request: IPCRequest) throws(AdminError) -> IPCResponse {
        let answer: IPCResponse
        do {
            answer = try IPCClient.call(request, socketPath: socketPath)
        } catch {
            // Without crmd the command cannot run here at all: a usage error, like a missing -f.
            throw AdminError(error.message, exitStatus: error.notRunning ? 2 : 1)
        }
        switch answer {
        case .refused(let reason): throw AdminError("the cluster refused the change: \(reason)")
        case .denied(let reason): throw AdminError("crmd refused this client: \(reason)")
        case .invalid(let reason): throw AdminError("crmd could not read the request: \(reason)")
        default: return answer
        }
    }
}

extension ClusterCIBStore {
    /// Tells the cluster that `node` is down (powered off by hand), so that its resources can be
    /// recovered when no fence device can confirm it.
    public func acknowledgeFenced(_ node: String) throws(AdminError) {
        let answer = try call(.fenceAck(node: node))
        guard case .committed = answer else { throw AdminError("crmd gave an unexpected answer to fence-ack") }
    }
}

extension ClusterCIBStore {
    /// Asks the cluster to fence `node` (`reboot`, `off` or `on`) with its fence devices; the
    /// fencing runs on another node, and its outcome shows in the status and the logs.
    public func requestFencing(_ node: String, action: String) throws(AdminError) {
        let answer = try call(.fence(node: node, action: action))
        guard case .committed = answer else { throw AdminError("crmd gave an unexpected answer to a fencing request") }
    }
}

extension ClusterCIBStore: CIBHistory {
    public func historyEntries() throws(AdminError) -> [HistoryEntry] {
        guard case .history(let entries) = try call(.history) else { throw AdminError("crmd gave an unexpected answer to history") }
        return entries.map { HistoryEntry(number: $0.number, version: $0.version.version, written: $0.written) }
    }

    public func historicCIB(_ number: Int) throws(AdminError) -> CIB {
        guard case .cib(let xml) = try call(.historyEntry(number: number)) else {
            throw AdminError("crmd gave an unexpected answer to a history request")
        }
        do {
            return try CIBDecoder.decode(xml)
        } catch {
            throw AdminError("history entry \(number) could not be read: \(error)")
        }
    }
}
