/// Ids must be unique across the whole configuration (the schema types them as XML IDs), so a
/// primitive "in two groups" or an nvpair copied with its id shows up here. Node ids are text in
/// the schema, so they are only compared with each other, as are node names.
enum IdentifierChecks: ValidationCheck {
    static func run(on configuration: Configuration, index: ConfigurationIndex, log: inout DiagnosticLog) {
        var firstElement: [String: String] = [:]
        var firstNode: [String: String] = [:]
        for (position, element) in index.elements.enumerated() where !element.id.isEmpty {
            let isNode = element.name == "node"
            let seen = isNode ? firstNode[element.id] : firstElement[element.id]
            guard let seen else {
                if isNode { firstNode[element.id] = element.name } else { firstElement[element.id] = element.name }
                continue
            }
            let scope = isNode ? "node ids must be unique" : "ids must be unique across the whole configuration"
            log.error("duplicate-id", "id '\(element.id)' of a <\(element.name)> is already used by a <\(seen)> (\(scope))",
                      objectID: element.id, position: position)
        }
        var unames: Set<String> = []
        for node in configuration.nodes where !unames.insert(node.uname).inserted {
            log.error("duplicate-node-name", "node '\(node.id)' has the name '\(node.uname)', which another node already has",
                      objectID: node.id)
        }
    }
}
