import Foundation
import HalyardModel

/// `resource move|ban|clear`: the `cli-prefer-*` and `cli-ban-*` location constraints Pacemaker's
/// tools create, with an expiry. Unlike Pacemaker, a lifetime is the default (one hour), so a
/// forgotten move does not pin a resource forever; `forever` is an explicit choice. Pure: the
/// current time is an argument.
public enum ResourcePlacementConstraints {
    /// How long a move or ban lasts.
    public enum Lifetime: Equatable, Sendable {
        case forever
        case seconds(Int)

        public static let defaultLifetime = Lifetime.seconds(3600)

        /// `forever`, an ISO 8601 duration (`PT30M`) or a Pacemaker interval (`30min`, `2h`).
        public init?(parsing text: String) {
            if text == "forever" { self = .forever; return }
            guard let milliseconds = Duration.milliseconds(text), milliseconds >= 1000 else { return nil }
            self = .seconds(milliseconds / 1000)
        }
    }

    public static func preferID(_ resource: String) -> String { "cli-prefer-\(resource)" }
    public static func banID(_ resource: String, node: String) -> String { "cli-ban-\(resource)-on-\(node)" }

    /// Prefers `node` for `resource` with INFINITY (replacing an earlier move of it).
    public static func move(_ resource: String, to node: String, lifetime: Lifetime, now: Int,
                            in configuration: Configuration) throws(AdminError) -> Configuration {
        try constrain(resource, id: preferID(resource), node: node, score: .infinity, lifetime: lifetime, now: now, in: configuration)
    }

    /// Bans `resource` from `node` with −INFINITY.
    public static func ban(_ resource: String, from node: String, lifetime: Lifetime, now: Int,
                           in configuration: Configuration) throws(AdminError) -> Configuration {
        try constrain(resource, id: banID(resource, node: node), node: node, score: .minusInfinity, lifetime: lifetime, now: now, in: configuration)
    }

    /// Removes every move and ban of `resource`; returns the new configuration and the removed ids.
    public static func clear(_ resource: String, in configuration: Configuration) -> (Configuration, [String]) {
        var result = configuration
        let removed = configuration.constraints.map(\.id).filter { isCommandLineConstraint($0, of: resource) }
        result.constraints.removeAll { removed.contains($0.id) }
        return (result, removed)
    }

    /// Whether `id` is a move or ban of `resource` made by these commands (or Pacemaker's).
    static func isCommandLineConstraint(_ id: String, of resource: String) -> Bool {
        id == preferID(resource) || id.hasPrefix("cli-ban-\(resource)-on-")
    }

    private static func constrain(_ resource: String, id: String, node: String, score: Score, lifetime: Lifetime,
                                  now: Int, in configuration: Configuration) throws(AdminError) -> Configuration {
        guard configuration.resource(id: resource) != nil else { throw ResourceMeta.unknownResource(resource, in: configuration) }
        var location = LocationConstraint(id: id, resource: resource, role: "Started")
        switch lifetime {
        case .forever:
            location.node = node
            location.score = score
        case .seconds(let seconds):
            location.rules = [Rule(id: "\(id)-rule", score: score, booleanOp: .and, conditions: [
                .attribute(AttributeExpression(id: "\(id)-expr", attribute: "#uname", operation: .eq, value: node, type: .string)),
                .date(DateExpression(id: "\(id)-lifetime-end", operation: .lt, end: ISODate.string(fromEpochSeconds: now + seconds))),
            ])]
        }
        var result = configuration
        result.constraints.removeAll { $0.id == id }
        result.constraints.append(.location(location))
        return result
    }
}
