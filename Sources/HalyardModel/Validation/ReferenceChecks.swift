/// Every name that points elsewhere must land: constraint resources, location nodes, fencing
/// devices and targets, and `id-ref`s (which, as in Pacemaker, must name an element of the
/// same kind).
enum ReferenceChecks: ValidationCheck {
    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        for constraint in configuration.constraints {
            for resource in constraint.referencedResources {
                checkResource(resource, in: constraint, configuration: configuration, index: index, log: &log)
            }
            if case .location(let location) = constraint, let node = location.node, !index.nodeNames.contains(node) {
                log.warning("unknown-node", "constraint '\(constraint.id)' names node '\(node)', which is not a known node"
                            + suggestion(for: node, among: index.nodeNames), objectID: constraint.id)
            }
        }
        for level in configuration.fencingTopology { checkFencingLevel(level, index: index, log: &log) }
        checkIDReferences(index: index, log: &log)
    }

    /// ` (did you mean 'x'?)` when a close spelling exists, else nothing.
    static func suggestion(for name: String, among candidates: Set<String>) -> String {
        guard let best = Spelling.closest(to: name, among: candidates.sorted(), limit: 1).first else { return "" }
        return " (did you mean '\(best)'?)"
    }

    /// A constraint naming a missing resource is an error. One naming a resource inside a clone
    /// is resolved by Pacemaker to the clone itself when the clone is anonymous (a warning here),
    /// and not found at all when it is globally unique, whose instances are named `id:N` (an error).
    static func checkResource(_ resource: String, in constraint: Constraint, configuration: Configuration,
                              index: ConfigurationIndex, log: inout DiagnosticLog) {
        let subject = "constraint '\(constraint.id)'"
        guard index.resourceIDs.contains(resource) else {
            log.error("dangling-reference", "\(subject) refers to resource '\(resource)', which does not exist"
                      + suggestion(for: resource, among: index.resourceIDs), objectID: constraint.id)
            return
        }
        guard let cloneID = index.enclosingClone[resource],
              case .clone(let clone)? = configuration.resource(id: cloneID) else { return }
        if clone.isGloballyUnique {
            log.error("constraint-on-clone-child", "\(subject) refers to '\(resource)' inside the globally-unique clone "
                      + "'\(cloneID)'; Pacemaker finds no resource of that name and ignores the constraint (use the clone id '\(cloneID)')",
                      objectID: constraint.id)
        } else {
            log.warning("constraint-on-clone-child", "\(subject) refers to '\(resource)' inside clone '\(cloneID)'; "
                        + "Pacemaker applies it to the whole clone (use the clone id '\(cloneID)')", objectID: constraint.id)
        }
    }

    static func checkFencingLevel(_ level: FencingLevel, index: ConfigurationIndex, log: inout DiagnosticLog) {
        let subject = "fencing level '\(level.id)'"
        for device in level.devices {
            guard let primitive = index.primitives[device] else {
                log.error("dangling-reference", "\(subject) uses device '\(device)', which does not exist"
                          + suggestion(for: device, among: index.resourceIDs), objectID: level.id)
                continue
            }
            if !primitive.isFencingDevice {
                log.error("not-a-fencing-device", "\(subject) uses '\(device)', which is a \(primitive.agentSpec) resource, "
                          + "not a stonith device", objectID: level.id)
            }
        }
        if let target = level.target, !index.nodeNames.contains(target) {
            log.warning("unknown-node", "\(subject) targets node '\(target)', which is not a known node"
                        + suggestion(for: target, among: index.nodeNames), objectID: level.id)
        }
    }

    static func checkIDReferences(index: ConfigurationIndex, log: inout DiagnosticLog) {
        var targets: Set<String> = []
        for element in index.elements where !element.id.isEmpty { targets.insert(element.name + " " + element.id) }
        for (position, element) in index.elements.enumerated() {
            guard let reference = element.reference, !targets.contains(element.name + " " + reference) else { continue }
            let holder = element.id.isEmpty ? element.ownerID : element.id
            let place = holder.map { " in '\($0)'" } ?? ""
            log.error("dangling-reference", "<\(element.name)>\(place) has id-ref '\(reference)', which matches no <\(element.name)>",
                      objectID: holder, position: position)
        }
    }
}
