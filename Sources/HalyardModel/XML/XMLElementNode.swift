/// One XML element as read from a CIB file: its name, attributes in document order, child
/// elements and the line it started on (for error messages). Text content is not kept: the CIB
/// schema has none outside `description` attributes.
public struct XMLElementNode: Equatable, Sendable {
    public var name: String
    public var attributes: [(name: String, value: String)]
    public var children: [XMLElementNode]
    public var line: Int

    public init(name: String, attributes: [(name: String, value: String)] = [], children: [XMLElementNode] = [], line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    public subscript(attribute: String) -> String? {
        attributes.first(where: { $0.name == attribute })?.value
    }

    public static func == (lhs: XMLElementNode, rhs: XMLElementNode) -> Bool {
        lhs.name == rhs.name && lhs.children == rhs.children
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
}

/// An error in an XML document or in what it describes, located at a line when known.
public struct XMLDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
