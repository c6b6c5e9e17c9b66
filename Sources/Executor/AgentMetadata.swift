import Foundation
import HalyardModel

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
        let root: XMLElementNode
        do {
            root = try XMLReader.parseDocument(Data(bytes))
        } catch {
            throw MetadataError("malformed meta-data XML: \(error)")
        }
        guard root.name == "resource-agent" else { throw MetadataError("the meta-data root is <\(root.name)>, not <resource-agent>") }
        var metadata = AgentMetadata()
        metadata.name = root["name"] ?? ""
        metadata.version = root["version"]
        metadata.shortDescription = root["shortdesc"] ?? ""  // fence agents put it here
        for child in root.children {
            switch child.name {
            case "shortdesc" where isEnglish(child): metadata.shortDescription = collapsed(child.text)
            case "longdesc" where isEnglish(child): metadata.longDescription = collapsed(child.text)
            case "version": metadata.ocfVersion = collapsed(child.text)
            case "parameters": metadata.parameters = child.children.filter { $0.name == "parameter" }.map(parameter)
            case "actions": metadata.actions = child.children.filter { $0.name == "action" }.map(action)
            default: break
            }
        }
        return metadata
    }

    private static func parameter(_ node: XMLElementNode) -> Parameter {
        var parameter = Parameter(name: node["name"] ?? "", required: ["1", "true", "yes"].contains(node["required"] ?? ""))
        for child in node.children {
            switch child.name {
            case "shortdesc" where isEnglish(child): parameter.shortDescription = collapsed(child.text)
            case "longdesc" where isEnglish(child): parameter.longDescription = collapsed(child.text)
            case "content":
                parameter.type = child["type"] ?? "string"
                parameter.defaultValue = child["default"]
            default: break
            }
        }
        return parameter
    }

    private static func action(_ node: XMLElementNode) -> Action {
        Action(name: node["name"] ?? "", timeout: node["timeout"], interval: node["interval"], depth: node["depth"], role: node["role"])
    }

    /// Descriptions are taken in English, or without a language.
    private static func isEnglish(_ node: XMLElementNode) -> Bool {
        (node["lang"] ?? "en").hasPrefix("en")
    }

    /// Text with its runs of white space made single spaces, trimmed.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Why meta-data could not be read.
public struct MetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
