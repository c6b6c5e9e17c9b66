/// Meta-attributes Pacemaker reads with a type: on resources and in `rsc_defaults`, and on
/// operations (their `meta_attributes`) and in `op_defaults`. Unknown names pass untouched, as
/// they do in Pacemaker (agents and tools keep their own meta-attributes).
enum MetaAttributeChecks: ValidationCheck {
    static let resourceMeta: [String: ExpectedValue] = [
        "target-role": .role, "is-managed": .boolean, "maintenance": .boolean, "priority": .integer,
        "resource-stickiness": .score, "migration-threshold": .score, "failure-timeout": .duration,
        "allow-migrate": .boolean, "critical": .boolean,
        "multiple-active": .type(.choice(["block", "stop_only", "stop_start", "stop_unexpected"])),
        "requires": .type(.choice(["nothing", "quorum", "fencing", "unfencing"])),
        "clone-max": .nonNegativeInteger, "clone-node-max": .nonNegativeInteger, "clone-min": .nonNegativeInteger,
        "promoted-max": .nonNegativeInteger, "promoted-node-max": .nonNegativeInteger,
        "master-max": .nonNegativeInteger, "master-node-max": .nonNegativeInteger,
        "globally-unique": .boolean, "interleave": .boolean, "notify": .boolean, "promotable": .boolean,
        "ordered": .boolean,
    ]

    static let operationMeta: [String: ExpectedValue] = [
        "timeout": .duration, "interval": .duration, "start-delay": .duration, "role": .role,
        "enabled": .boolean, "record-pending": .boolean,
        "on-fail": .type(.choice(OperationChecks.failureResponses)),
    ]

    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for resource in configuration.resources { check(resource, index: index, log: &log) }
        for set in configuration.resourceDefaults {
            check([set], subject: "rsc_defaults '\(set.id)'", objectID: set.id, types: resourceMeta, index: index, log: &log)
        }
        for set in configuration.operationDefaults {
            check([set], subject: "op_defaults '\(set.id)'", objectID: set.id, types: operationMeta, index: index, log: &log)
        }
    }

    static func check(_ resource: Resource, index: ConfigurationIndex, log: inout DiagnosticLog) {
        check(resource.metaAttributes, subject: "resource '\(resource.id)'", objectID: resource.id,
              types: resourceMeta, index: index, log: &log)
        switch resource {
        case .primitive(let primitive):
            for operation in primitive.operations {
                check(operation.metaAttributes, subject: "operation '\(operation.id)' of '\(primitive.id)'",
                      objectID: operation.id, types: operationMeta, index: index, log: &log)
            }
        case .group(let group):
            for member in group.members { check(.primitive(member), index: index, log: &log) }
        case .clone(let clone):
            switch clone.child {
            case .primitive(let primitive): check(.primitive(primitive), index: index, log: &log)
            case .group(let group): check(.group(group), index: index, log: &log)
            }
        }
    }

    static func check(_ sets: [AttributeSet], subject: String, objectID: String, types: [String: ExpectedValue],
                      index: ConfigurationIndex, log: inout DiagnosticLog) {
        for set in sets {
            for pair in set.pairs {
                guard let value = pair.value, let expected = types[pair.name] else { continue }
                guard value.lowercased() != "#default" else {
                    log.warning("deprecated-default-value", "\(subject): meta attribute '\(pair.name)' is '#default', "
                                + "which Pacemaker treats as unset (deprecated); remove the nvpair '\(pair.id)'",
                                objectID: objectID, position: index.position(of: pair.id))
                    continue
                }
                ValueRules.check(value, expected, subject: "\(subject): meta attribute '\(pair.name)'",
                                 code: "invalid-meta-value", objectID: objectID,
                                 position: index.position(of: pair.id), log: &log)
            }
        }
    }
}
