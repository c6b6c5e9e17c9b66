import Foundation
import HalyardModel

/// The requests crmctl sends to crmd over its Unix socket (one request per connection, framed by
/// `IPCFrame`, encoded as JSON).
public enum IPCRequest: Hashable, Sendable, Codable {
    /// The CIB as this node holds it.
    case load
    /// Replace the cluster's configuration with the one in `cibXML`, provided the cluster is still
    /// at `basedOn` when the change is delivered. `summary` says what the client was asked to do.
    case commit(cibXML: String, basedOn: IPCVersion, summary: String)
    /// Record `node` as fenced: the administrator vouches that it is down.
    case fenceAck(node: String)
    /// Fence `node` now with its fence devices (`action`: reboot, off or on).
    case fence(node: String, action: String)
    /// The numbered CIB history this node keeps (answered with `history`).
    case history
    /// One history entry's CIB (answered with `cib`).
    case historyEntry(number: Int)
}

/// crmd's answer to an `IPCRequest`.
public enum IPCResponse: Hashable, Sendable, Codable {
    /// The whole `<cib>` document.
    case cib(xml: String)
    /// Applied by every member of the view; the CIB is now at `version`.
    case committed(version: IPCVersion)
    /// Not applied anywhere; `reason` says why (a stale base, a membership change, …).
    case refused(reason: String)
    /// Multicast, but crmd lost corosync before the change came back.
    case unknown(reason: String)
    /// The client may not use crmd (not root, not in the `haclient` group).
    case denied(reason: String)
    /// The request could not be read.
    case invalid(reason: String)
    /// The history entries, oldest first.
    case history(entries: [IPCHistoryEntry])
}

/// One numbered CIB in crmd's history: its version and when it was written.
public struct IPCHistoryEntry: Hashable, Sendable, Codable {
    public var number: Int
    public var version: IPCVersion
    /// Epoch seconds.
    public var written: Int

    public init(number: Int, version: IPCVersion, written: Int) {
        self.number = number
        self.version = version
        self.written = written
    }
}

/// A CIB version `(admin_epoch, epoch, num_updates)` in IPC messages.
public struct IPCVersion: Hashable, Sendable, Codable {
    public var adminEpoch: Int
    public var epoch: Int
    public var numUpdates: Int

    public init(_ version: CIBVersion) {
        adminEpoch = version.adminEpoch
        epoch = version.epoch
        numUpdates = version.numUpdates
    }

    public var version: CIBVersion { CIBVersion(adminEpoch: adminEpoch, epoch: epoch, numUpdates: numUpdates) }
}

/// Where crmd listens and who may talk to it.
public enum IPCDefaults {
    public static let socketPath = "/run/halyard/crmd.sock"
    /// Members of this group (and root) may use the socket.
    public static let group = "haclient"
}
