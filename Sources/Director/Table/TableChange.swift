/// One step from the current data-plane table to the desired one.
public enum TableChange: Hashable, Sendable {
    case addService(BalancerTable.Service)
    case editService(BalancerTable.Service)
    case deleteService(ServiceKey)
    case addDestination(ServiceKey, BalancerTable.Destination)
    case editDestination(ServiceKey, BalancerTable.Destination)
    case deleteDestination(ServiceKey, ServiceEndpoint)
}

/// The minimal changes from one table to another (never a flush and reload): services and
/// destinations are matched by address; only what differs is added, edited or deleted.
/// Deletions of destinations come before additions so a service is never briefly overfull.
public enum TableDiff {
    public static func changes(from current: BalancerTable, to desired: BalancerTable) -> [TableChange] {
        var changes: [TableChange] = []
        let currentByKey = Dictionary(current.services.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredKeys = Set(desired.services.map(\.key))
        for service in current.services where !desiredKeys.contains(service.key) {
            changes.append(.deleteService(service.key))
        }
        for service in desired.services {
            guard let existing = currentByKey[service.key] else {
                changes.append(.addService(service))
                changes += service.destinations.map { .addDestination(service.key, $0) }
                continue
            }
            if existing.scheduler != service.scheduler || existing.persistenceSeconds != service.persistenceSeconds
                || existing.persistenceNetmask != service.persistenceNetmask {
                changes.append(.editService(service))
            }
            changes += destinationChanges(service.key, from: existing.destinations, to: service.destinations)
        }
        return changes
    }

    private static func destinationChanges(_ key: ServiceKey, from current: [BalancerTable.Destination],
                                           to desired: [BalancerTable.Destination]) -> [TableChange] {
        let desiredEndpoints = Set(desired.map(\.endpoint))
        var changes: [TableChange] = current.filter { !desiredEndpoints.contains($0.endpoint) }.map { .deleteDestination(key, $0.endpoint) }
        for destination in desired {
            if let existing = current.first(where: { $0.endpoint == destination.endpoint }) {
                if existing.weight != destination.weight || existing.forwarding != destination.forwarding {
                    changes.append(.editDestination(key, destination))
                }
            } else {
                changes.append(.addDestination(key, destination))
            }
        }
        return changes
    }
}
