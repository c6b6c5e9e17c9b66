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
