/// Which agent runs a resource: `ocf:PROVIDER:TYPE`, `lsb:NAME` or `stonith:NAME`.
public enum AgentReference: Hashable, Sendable, CustomStringConvertible {
    case ocf(provider: String, type: String)
    case lsb(name: String)
    case stonith(name: String)

    /// Parses `class:provider:type` text; systemd, service, nagios and upstart are refused.
    public init(parsing text: String) throws(AgentError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let standard = parts.first?.lowercased(), parts.allSatisfy(Self.isSafeName) else {
            throw .invalidReference(text, "expected CLASS:PROVIDER:TYPE, CLASS:TYPE, with names made of letters, digits, '.', '_', '-', '@'")
        }
        switch (standard, parts.count) {
        case ("ocf", 3): self = .ocf(provider: parts[1], type: parts[2])
        case ("lsb", 2): self = .lsb(name: parts[1])
        case ("stonith", 2): self = .stonith(name: parts[1])
        case ("systemd", _), ("service", _), ("upstart", _), ("nagios", _):
            throw .unsupportedClass(standard)
        case ("ocf", _), ("lsb", _), ("stonith", _):
            throw .invalidReference(text, standard == "ocf" ? "expected ocf:PROVIDER:TYPE" : "expected \(standard):NAME")
        default:
            throw .invalidReference(text, "unknown class '\(parts[0])' (known: ocf, lsb, stonith)")
        }
    }

    /// The resource class as written in the CIB.
    public var standard: String {
        switch self {
        case .ocf: "ocf"
        case .lsb: "lsb"
        case .stonith: "stonith"
        }
    }

    /// The agent's file name.
    public var type: String {
        switch self {
        case .ocf(_, let type): type
        case .lsb(let name), .stonith(let name): name
        }
    }

    public var description: String {
        switch self {
        case .ocf(let provider, let type): "ocf:\(provider):\(type)"
        case .lsb(let name): "lsb:\(name)"
        case .stonith(let name): "stonith:\(name)"
        }
    }

    /// Names never contain '/' and are never '.' or '..', so they cannot leave their directory.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".."
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)) }
    }
}

/// Why an agent could not be found or run.
public enum AgentError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidReference(String, String)
    case unsupportedClass(String)
    case notFound(AgentReference, searched: [String])

    public var description: String {
        switch self {
        case .invalidReference(let text, let detail): "invalid agent '\(text)': \(detail)"
        case .unsupportedClass(let standard):
            "resource class '\(standard)' is not supported by Halyard's executor (use ocf, lsb or stonith)"
        case .notFound(let agent, let searched):
            "agent \(agent) not found (searched \(searched.joined(separator: ", ")))"
        }
    }
}
