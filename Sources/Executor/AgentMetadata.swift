import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An agent's meta-data (OCF 1.1 `resource-agent` document; fence agents use the same shape).
public struct AgentMetadata: Sendable, Equatable {
    /// One instance parameter.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var required = false
        public var type = "string"
        public var defaultValue: String?
        public var shortDescription = ""
        public var longDescription = ""
    }

    /// One advertised action with its default timings.
    public struct Action: Sendable, Equatable {
        public var name: String
        public var timeout: String?
        public var interval: String?
        public var depth: String?
        public var role: String?
    }

    public var name = ""
    /// The agent's own version (`resource-agent@version`).
    public var version: String?
    /// The OCF API version the document declares (`<version>`).
    public var ocfVersion: String?
    public var shortDescription = ""
    public var longDescription = ""
    public var parameters: [Parameter] = []
    public var actions: [Action] = []

    /// Parses the document; refuses empty output, malformed XML and a root other than `resource-agent`.
    public static func parse(_ bytes: [UInt8]) throws(MetadataError) -> AgentMetadata {
        guard bytes.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else {
            throw MetadataError("the agent printed no meta-data")
        }
        let collector = MetadataCollector()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse() else {
            throw MetadataError("malformed meta-data XML: \(parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error") (line \(parser.lineNumber))")
        }
        if let problem = collector.problem { throw MetadataError(problem) }
        guard collector.complete else { throw MetadataError("the meta-data XML ends before </resource-agent>") }
        return collector.metadata
    }
}

/// Why meta-data could not be read.
public struct MetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// SAX delegate that fills an `AgentMetadata` (descriptions in English or without a language).
private final class MetadataCollector: NSObject, XMLParserDelegate {
    var metadata = AgentMetadata()
    var problem: String?
    /// Set when the root element has been closed.
    var complete = false
    private var path: [String] = []
    private var text = ""
    private var english = true

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if path.isEmpty && name != "resource-agent" { problem = "the meta-data root is <\(name)>, not <resource-agent>" }
        path.append(name)
        text = ""
        english = (attributes["lang"] ?? "en").hasPrefix("en")
        switch (name, path.dropLast().last) {
        case ("resource-agent", nil):
            metadata.name = attributes["name"] ?? ""
            metadata.version = attributes["version"]
            metadata.shortDescription = attributes["shortdesc"] ?? ""  // fence agents put it here
        case ("parameter", "parameters"?):
            metadata.parameters.append(.init(name: attributes["name"] ?? "", required: ["1", "true", "yes"].contains(attributes["required"] ?? "")))
        case ("content", "parameter"?):
            metadata.parameters[metadata.parameters.count - 1].type = attributes["type"] ?? "string"
            metadata.parameters[metadata.parameters.count - 1].defaultValue = attributes["default"]
        case ("action", "actions"?):
            metadata.actions.append(.init(name: attributes["name"] ?? "", timeout: attributes["timeout"],
                                          interval: attributes["interval"], depth: attributes["depth"], role: attributes["role"]))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.dropLast().last
        let value = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if english {
            switch (name, parent) {
            case ("shortdesc", "resource-agent"?): metadata.shortDescription = value
            case ("longdesc", "resource-agent"?): metadata.longDescription = value
            case ("version", "resource-agent"?): metadata.ocfVersion = value
            case ("shortdesc", "parameter"?): metadata.parameters[metadata.parameters.count - 1].shortDescription = value
            case ("longdesc", "parameter"?): metadata.parameters[metadata.parameters.count - 1].longDescription = value
            default: break
            }
        }
        path.removeLast()
        complete = path.isEmpty
        text = ""
    }
}
