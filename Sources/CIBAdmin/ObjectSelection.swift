import HalyardModel

/// `configure show ID…`: the part of a configuration holding the named objects.
enum ObjectSelection {
    static func select(_ ids: [String], from configuration: Configuration) throws(AdminError) -> Configuration {
        var selected = Configuration()
        for id in ids {
            if configuration.resources.contains(where: { $0.id == id }) {
                selected.resources += configuration.resources.filter { $0.id == id }
            } else if let resource = configuration.resource(id: id) {
                selected.resources.append(resource)
            } else if let constraint = configuration.constraints.first(where: { $0.id == id }) {
                selected.constraints.append(constraint)
            } else if let node = configuration.nodes.first(where: { $0.id == id || $0.uname == id }) {
                selected.nodes.append(node)
            } else if let set = configuration.clusterProperties.first(where: { $0.id == id }) {
                selected.clusterProperties.append(set)
            } else if let set = configuration.resourceDefaults.first(where: { $0.id == id }) {
                selected.resourceDefaults.append(set)
            } else if let set = configuration.operationDefaults.first(where: { $0.id == id }) {
                selected.operationDefaults.append(set)
            } else if let alert = configuration.alerts.first(where: { $0.id == id }) {
                selected.alerts.append(alert)
            } else {
                throw AdminError("no object with id \"\(id)\"")
            }
        }
        return selected
    }
}
