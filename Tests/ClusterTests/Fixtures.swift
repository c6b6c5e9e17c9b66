import Foundation
import HalyardModel

/// Small configurations for controller tests.
enum Fixtures {
    /// A configuration with one floating IP per name, and optionally `no-quorum-policy`.
    static func configuration(ips: [String], noQuorumPolicy: String? = nil) -> Configuration {
        let properties = noQuorumPolicy.map {
            "<cluster_property_set id=\"options\"><nvpair id=\"options-nqp\" name=\"no-quorum-policy\" value=\"\($0)\"/></cluster_property_set>"
        } ?? ""
        let primitives = ips.enumerated().map { index, name in
            "<primitive id=\"\(name)\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
                + "<instance_attributes id=\"\(name)-ia\"><nvpair id=\"\(name)-ip\" name=\"ip\" value=\"10.9.0.\(index + 1)\"/></instance_attributes>"
                + "</primitive>"
        }.joined()
        let xml = "<configuration><crm_config>\(properties)</crm_config><nodes/><resources>\(primitives)</resources><constraints/></configuration>"
        return try! CIBDecoder.decodeConfiguration(Data(xml.utf8))
    }

    /// A CIB at `epoch` holding `configuration`.
    static func cib(epoch: Int, _ configuration: Configuration) -> CIB {
        CIB(epoch: epoch, configuration: configuration)
    }
}

extension Fixtures {
    /// Dummy services, each preferring one node (score 100) and monitored every 10 s, plus a
    /// fence device that can fence every node when `fencing` is on; `extraDefaults` are more
    /// `rsc_defaults` (migration-threshold, failure-timeout …).
    static func services(_ preferences: [(resource: String, node: String)], fencing: Bool = false,
                         noQuorumPolicy: String = "stop", stickiness: Int = 0, extraDefaults: [String: String] = [:]) -> Configuration {
        let properties = """
            <cluster_property_set id="options">\
            <nvpair id="o-fence" name="stonith-enabled" value="\(fencing)"/>\
            <nvpair id="o-nqp" name="no-quorum-policy" value="\(noQuorumPolicy)"/>\
            </cluster_property_set>
            """
        let device = fencing ? "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_lab\"/>" : ""
        let primitives = preferences.map { resource, _ in
            "<primitive id=\"\(resource)\" class=\"ocf\" provider=\"halyard\" type=\"Dummy\"><operations>"
                + "<op id=\"\(resource)-mon\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/></operations></primitive>"
        }.joined()
        let locations = preferences.map { resource, node in
            "<rsc_location id=\"prefer-\(resource)\" rsc=\"\(resource)\" node=\"\(node)\" score=\"100\"/>"
        }.joined()
        let extra = extraDefaults.sorted { $0.key < $1.key }.map { "<nvpair id=\"rd-\($0.key)\" name=\"\($0.key)\" value=\"\($0.value)\"/>" }.joined()
        let defaults = "<rsc_defaults><meta_attributes id=\"rd\"><nvpair id=\"rd-s\" name=\"resource-stickiness\" value=\"\(stickiness)\"/>\(extra)</meta_attributes></rsc_defaults>"
        let xml = "<configuration><crm_config>\(properties)</crm_config><nodes/><resources>\(device)\(primitives)</resources>"
            + "<constraints>\(locations)</constraints>\(defaults)</configuration>"
        return try! CIBDecoder.decodeConfiguration(Data(xml.utf8))
    }

    /// `configuration` with node `node`'s permanent `standby` attribute set.
    static func standby(_ node: String, in configuration: Configuration) -> Configuration {
        var changed = configuration
        changed.nodes.removeAll { $0.uname == node }
        changed.nodes.append(Node(id: node, uname: node, instanceAttributes: [
            AttributeSet(kind: .instance, id: "\(node)-ia", pairs: [NVPair(id: "\(node)-standby", name: "standby", value: "on")]),
        ]))
        return changed
    }
}
