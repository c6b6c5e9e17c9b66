import Foundation
import HalyardModel

/// A fence device to run against one node: a `stonith:` resource's agent, its options, and the
/// port (plug) that names the node to the device.
public struct FenceDevice: Hashable, Sendable {
    public var id: String
    /// The fence agent (`fence_ipmilan`, `fence_lab`).
    public var agent: String
    /// The device's options, without Pacemaker's own `pcmk_*` settings.
    public var parameters: [String: String]
    /// What the device calls the node (`pcmk_host_map`), else the node name.
    public var port: String
    /// `pcmk_delay_base` and `pcmk_delay_max` in milliseconds: a fixed plus a random wait before
    /// fencing, so two nodes of a split two-node cluster do not shoot each other at once.
    public var delayBaseMilliseconds: Int
    public var delayMaxMilliseconds: Int
}

/// An order to fence a node — the DC's, for a transition (`key`), or a requested one (an
/// administrator's: no key): the levels to try in turn; all devices of a level must succeed.
public struct FenceOrder: Hashable, Sendable {
    public var key: TransitionKey?
    public var node: String
    /// `reboot` or `off`.
    public var action: String
    public var levels: [[FenceDevice]]
    /// The group's members when the fencing was ordered: a member of `node` that is not among
    /// them when it completes is the node's next incarnation, back from the reboot.
    public var membersAtOrder: [MemberAddress] = []
}

/// Which devices can fence a node: its `fencing-topology` levels when it has any, else every
/// `stonith:` resource whose `pcmk_host_list`/`pcmk_host_map` names it (or that names no hosts,
/// or has `pcmk_host_check=none`), each as a level of its own, in configuration order.
enum FencingDevices {
    static func levels(for node: String, in configuration: Configuration) -> [[FenceDevice]] {
        let devices = configuration.allPrimitives.filter(\.isFencingDevice)
        let topology = configuration.fencingTopology.filter { targets($0, node) }.sorted { $0.index < $1.index }
        if !topology.isEmpty {
            return topology.map { level in
                level.devices.compactMap { id in devices.first { $0.id == id }.map { device($0, for: node) } }
            }.filter { !$0.isEmpty }
        }
        return devices.filter { canFence($0, node) }.map { [device($0, for: node)] }
    }

    private static func targets(_ level: FencingLevel, _ node: String) -> Bool {
        if let target = level.target { return target == node }
        if let pattern = level.targetPattern {
            return node.range(of: "^(?:\(pattern))$", options: .regularExpression) != nil
        }
        return false
    }

    private static func canFence(_ primitive: Primitive, _ node: String) -> Bool {
        let options = primitive.instanceAttributes.flattened()
        if options["pcmk_host_check"] == "none" { return true }
        let map = hostMap(options["pcmk_host_map"])
        let list = words(options["pcmk_host_list"])
        if map.isEmpty && list.isEmpty { return true }
        return map[node] != nil || list.contains(node)
    }

    private static func device(_ primitive: Primitive, for node: String) -> FenceDevice {
        let options = primitive.instanceAttributes.flattened()
        return FenceDevice(
            id: primitive.id, agent: primitive.type,
            parameters: options.filter { !$0.key.hasPrefix("pcmk_") },
            port: hostMap(options["pcmk_host_map"])[node] ?? node,
            delayBaseMilliseconds: options["pcmk_delay_base"].flatMap(Duration.milliseconds) ?? 0,
            delayMaxMilliseconds: options["pcmk_delay_max"].flatMap(Duration.milliseconds) ?? 0)
    }

    /// `n1:port1;n2:port2` (also `=` for `:`, and commas or spaces between entries).
    private static func hostMap(_ text: String?) -> [String: String] {
        var map: [String: String] = [:]
        for entry in words(text) {
            guard let separator = entry.firstIndex(where: { $0 == ":" || $0 == "=" }) else { continue }
            map[String(entry[..<separator])] = String(entry[entry.index(after: separator)...])
        }
        return map
    }

    private static func words(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { " ,;\t".contains($0) }).map(String.init)
    }
}
