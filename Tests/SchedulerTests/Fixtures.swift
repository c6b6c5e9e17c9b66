import Testing
import HalyardModel
import Scheduler

/// Builds small CIBs as XML for the scheduler's unit tests: online nodes, fencing off unless
/// asked, and optional status entries.
struct Fixture {
    var nodes: [String] = ["n1", "n2", "n3"]
    var properties: [String: String] = ["stonith-enabled": "false"]
    var resources = ""
    var constraints = ""
    var rscDefaults = ""
    /// Extra XML inside each node's `node_state` (keyed by node name).
    var nodeStatus: [String: String] = [:]
    /// Transient attributes per node.
    var transient: [String: [String: String]] = [:]
    var standby: Set<String> = []
    var offline: Set<String> = []
    /// Nodes that left while expected up (offline and `expected="member"`): unclean, fenced
    /// when fencing is enabled.
    var unclean: Set<String> = []

    static func primitive(_ id: String, meta: [String: String] = [:]) -> String {
        "<primitive id=\"\(id)\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\(metaXML(id, meta))</primitive>"
    }

    static func metaXML(_ id: String, _ meta: [String: String]) -> String {
        guard !meta.isEmpty else { return "" }
        let pairs = meta.sorted(by: { $0.key < $1.key }).map {
            "<nvpair id=\"\(id)-m-\($0.key)\" name=\"\($0.key)\" value=\"\($0.value)\"/>"
        }.joined()
        return "<meta_attributes id=\"\(id)-meta\">\(pairs)</meta_attributes>"
    }

    /// History saying `rsc` was started on `node` (and is still running).
    static func running(_ rsc: String, callID: Int = 2) -> String {
        """
        <lrm_resource id="\(rsc)" class="ocf" provider="heartbeat" type="Dummy">\
        <lrm_rsc_op id="\(rsc)_start_0" operation="start" call-id="\(callID)" rc-code="0" op-status="0" interval="0" transition-key="1:1:0:x"/>\
        </lrm_resource>
        """
    }

    var xml: String {
        let props = properties.sorted(by: { $0.key < $1.key }).map {
            "<nvpair id=\"p-\($0.key)\" name=\"\($0.key)\" value=\"\($0.value)\"/>"
        }.joined()
        let nodeXML = nodes.map { n in
            let attrs = standby.contains(n)
                ? "<instance_attributes id=\"\(n)-ia\"><nvpair id=\"\(n)-sb\" name=\"standby\" value=\"on\"/></instance_attributes>" : ""
            return "<node id=\"\(n)\" uname=\"\(n)\">\(attrs)</node>"
        }.joined()
        let states = nodes.map { n -> String in
            let up = !offline.contains(n) && !unclean.contains(n)
            let t = (transient[n] ?? [:]).sorted(by: { $0.key < $1.key }).map {
                "<nvpair id=\"\(n)-t-\($0.key)\" name=\"\($0.key)\" value=\"\($0.value)\"/>"
            }.joined()
            let transientXML = t.isEmpty ? "" :
                "<transient_attributes id=\"\(n)\"><instance_attributes id=\"\(n)-status\">\(t)</instance_attributes></transient_attributes>"
            return """
            <node_state id="\(n)" uname="\(n)" in_ccm="\(up)" crmd="\(up ? "online" : "offline")" join="\(up ? "member" : "down")" expected="\(up || unclean.contains(n) ? "member" : "down")">\
            \(transientXML)<lrm id="\(n)"><lrm_resources>\(nodeStatus[n] ?? "")</lrm_resources></lrm></node_state>
            """
        }.joined()
        let defaults = rscDefaults.isEmpty ? "" : "<rsc_defaults><meta_attributes id=\"rd\">\(rscDefaults)</meta_attributes></rsc_defaults>"
        return """
        <cib crm_feature_set="3.16.2" admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.0" have-quorum="1">\
        <configuration><crm_config><cluster_property_set id="cps">\(props)</cluster_property_set></crm_config>\
        <nodes>\(nodeXML)</nodes><resources>\(resources)</resources><constraints>\(constraints)</constraints>\(defaults)\
        </configuration><status>\(states)</status></cib>
        """
    }

    func schedule() throws -> SchedulerResult {
        Scheduler.schedule(SchedulerInput(cib: try CIBDecoder.decode(xml), now: 1_700_000_000))
    }

    /// The nodes where `id` ends up.
    func finalNodes(_ id: String) throws -> [String] {
        try #require(try schedule().placement(of: id)).finalNodes
    }
}

