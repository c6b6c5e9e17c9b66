import Foundation
import HalyardModel

/// What one crmd multicasts to the others on CPG. CIB content travels as Pacemaker XML so that
/// every node applies exactly the same bytes, the sender included (CPG delivers to it too).
public enum ClusterMessage: Hashable, Sendable, Codable {
    /// A configuration change, to be applied by every node in delivery order.
    case configurationUpdate(ConfigurationUpdate)
    /// A member's whole CIB, sent by every member after a view in which someone joined.
    case cibAnnouncement(CIBAnnouncement)
    /// The DC asks a node to run one action of the current transition.
    case execute(ActionOrder)
    /// A node reports the result of an operation it ran; every node records it in the status.
    case operationResult(OperationReport)
    /// Set (or, with a nil value, remove) a transient node attribute on every node.
    case nodeAttribute(NodeAttributeUpdate)
    /// A node was fenced (or an administrator acknowledged it down): every node records it as
    /// cleanly down with nothing running.
    case nodeFenced(FenceNotice)
    /// Forget a resource's history on a node.
    case forgetResource(HistoryRemoval)
    /// A node finished its shutdown (its resources are stopped): it is expected down from now on.
    case shutdownComplete(node: String)
    /// An administrator asked for a node to be fenced: the lowest member on another node runs it.
    case fenceRequest(FenceRequest)
    /// A requested fencing failed (`by` says why): nobody waits for it any more.
    case fenceFailed(FenceNotice)
}

/// `(admin_epoch, epoch, num_updates)` on the wire.
public struct WireVersion: Hashable, Sendable, Codable {
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

/// A new configuration built on the CIB at `basedOn`; refused wherever the CIB has moved on.
public struct ConfigurationUpdate: Hashable, Sendable, Codable {
    /// The member that took the admin request, and the request's id there.
    public var origin: MemberAddress
    public var request: UInt64
    public var basedOn: WireVersion
    /// The `<configuration>` element.
    public var configurationXML: String
    /// Who asked and what for, as reported if the edit is later lost in a partition merge.
    public var summary: String

    public init(origin: MemberAddress, request: UInt64, basedOn: CIBVersion, configurationXML: String, summary: String) {
        self.origin = origin
        self.request = request
        self.basedOn = WireVersion(basedOn)
        self.configurationXML = configurationXML
        self.summary = summary
    }
}

/// A member's CIB for the synchronisation round of the view whose members are `round`.
public struct CIBAnnouncement: Hashable, Sendable, Codable {
    public var round: [MemberAddress]
    /// The sender's node name (its `uname`): how the others learn which node a member is.
    public var nodeName: String
    /// The whole `<cib>` document. The sender's own `node_state` in it is authoritative: it says
    /// what that node's executor ran.
    public var cibXML: String
    /// The totem ring of the last quorate, synchronised view the sender was in: how fresh its
    /// status of the other nodes is (nil: none since it started).
    public var quorateRing: UInt64?

    public init(round: [MemberAddress], nodeName: String, cibXML: String, quorateRing: UInt64? = nil) {
        self.round = round
        self.nodeName = nodeName
        self.cibXML = cibXML
        self.quorateRing = quorateRing
    }
}

/// The bytes of a `ClusterMessage` on CPG: JSON with a format number, so that a node can tell a
/// message it cannot read from a damaged one.
public enum ClusterWire {
    static let format = 2

    private struct Envelope: Codable {
        var format: Int
        var message: ClusterMessage
    }

    private struct Header: Decodable {
        var format: Int
    }

    public static func encode(_ message: ClusterMessage) -> [UInt8] {
        // Encoding plain strings and integers cannot fail.
        let data = (try? JSONEncoder().encode(Envelope(format: format, message: message))) ?? Data()
        return Array(data)
    }

    /// The message, or a description of why the bytes are not one.
    public static func decode(_ bytes: [UInt8]) -> Result<ClusterMessage, WireError> {
        let data = Data(bytes)
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            return .failure(WireError(message: "not a Halyard message (\(bytes.count) bytes)"))
        }
        guard header.format == format else {
            return .failure(WireError(message: "message format \(header.format); this crmd reads format \(format)"))
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data) else {
            return .failure(WireError(message: "a damaged Halyard message (\(bytes.count) bytes)"))
        }
        return .success(envelope.message)
    }
}

/// Why delivered bytes could not be read as a `ClusterMessage`.
public struct WireError: Error, Hashable, Sendable {
    public var message: String
}
