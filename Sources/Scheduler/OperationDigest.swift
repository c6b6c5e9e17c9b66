import HalyardModel

/// Pacemaker's digest of the parameters an operation runs with, as its history entries record
/// it (`op-digest`): the resource's instance attributes for the node (its own sets, then its
/// group's and clone's for names not yet set; sets with rules only where the rule holds), the
/// operation's own instance attributes, and for a recurring operation its timeout in
/// milliseconds as `CRM_meta_timeout`; written as one `<parameters …/>` element with the
/// attributes sorted by name, and hashed with MD5 as " " + that text + "\n".
struct OperationDigest {
    let cluster: WorkingSet

    /// Whether the digest `op` recorded differs from that of the current configuration; nil
    /// when the entry records none or the resource has no configuration.
    func changed(_ op: OperationRecord, rsc: Rsc, node: ClusterNode) -> Bool? {
        guard let recorded = op[other: "op-digest"], let primitive = rsc.primitive, !rsc.isOrphan else { return nil }
        let parameters = self.parameters(primitive, rsc: rsc, task: op.operation, interval: op.interval, node: node)
        return Self.digest(parameters) != recorded
    }

    /// MD5 of the `<parameters>` element Pacemaker writes for `parameters`.
    static func digest(_ parameters: [String: String]) -> String {
        var text = " <parameters"
        for name in parameters.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            text += " \(name)=\"\(escaped(parameters[name] ?? ""))\""
        }
        text += "/>\n"
        return MD5.hex(text.utf8)
    }

    private func parameters(_ primitive: Primitive, rsc: Rsc, task: String, interval: Int, node: ClusterNode) -> [String: String] {
        let evaluator = RuleEvaluator(attributes: node.attributes, now: cluster.now)
        var result: [String: String] = [:]
        var sets = [primitive.instanceAttributes]
        var level = rsc.parent
        while let parent = level {
            sets.append(instanceAttributes(ofConfigured: parent.baseID))
            level = parent.parent
        }
        for set in sets {
            for (name, value) in Self.values(set, evaluator) where result[name] == nil { result[name] = value }
        }
        let operation = primitive.operations.first { $0.name == task && Duration.milliseconds($0.interval) == interval }
        if let operation {
            for (name, value) in Self.values(operation.instanceAttributes, evaluator) { result[name] = value }
        }
        for name in result.keys where Self.filtered(name) { result[name] = nil }
        if interval > 0 {
            let timeout = operation?.timeout ?? cluster.configuration.operationDefaults.flattened()["timeout"]
            result["CRM_meta_timeout"] = String(timeout.flatMap(Duration.milliseconds) ?? 20_000)
        }
        return result
    }

    /// The instance attribute sets of the configured group or clone `id`.
    private func instanceAttributes(ofConfigured id: String) -> [AttributeSet] {
        for resource in cluster.configuration.resources {
            switch resource {
            case .group(let g) where g.id == id: return g.instanceAttributes
            case .clone(let c) where c.id == id: return c.instanceAttributes
            case .clone(let c):
                if case .group(let g) = c.child, g.id == id { return g.instanceAttributes }
            default: break
            }
        }
        return []
    }

    /// Name → value over the sets that apply on the node, resolved as the model resolves
    /// rule-less sets (higher set scores first, the first value winning).
    private static func values(_ sets: [AttributeSet], _ evaluator: RuleEvaluator) -> [String: String] {
        sets.compactMap { set -> AttributeSet? in
            guard set.rule.map(evaluator.matches) ?? true else { return nil }
            var applicable = set
            applicable.rule = nil
            return applicable
        }.flattened()
    }

    /// Names never part of the digest: meta-attributes and bookkeeping.
    private static func filtered(_ name: String) -> Bool {
        name.hasPrefix("CRM_meta_")
            || ["id", "crm_feature_set", "op-digest", "on_node", "on_node_uuid", "pcmk_external_ip"].contains(name)
    }

    /// Attribute-value escaping as Pacemaker writes XML: markup characters and control characters.
    private static func escaped(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "&#x\(hex.count < 2 ? "0" + hex : hex);"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
