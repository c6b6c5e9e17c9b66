/// One attribute of an XML element, as written.
public struct XMLAttribute: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One XML element as read from a CIB file: its name, attributes in document order, child
/// elements and the line it started on (for error messages). A CIB holds no text content (its
/// schema has none outside `description` attributes); documents read with
/// `XMLReader.parseDocument` (agent meta-data) keep each element's text.
public struct XMLElementNode: Hashable, Sendable {
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [XMLElementNode]
    public var line: Int
    /// The element's own text content (not its children's), empty in a CIB.
    public var text = ""

    public init(name: String, attributes: [XMLAttribute] = [], children: [XMLElementNode] = [], line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    public subscript(attribute: String) -> String? {
        attributes.first(where: { $0.name.isSameName(as: attribute) })?.value
    }
}

extension String {
    /// `==` for markup names, cheaper when they differ: a length and first-byte check rules out
    /// most pairs before `==`, which takes its slow Unicode path for every unequal pair.
    @inline(__always)
    func isSameName(as other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.first == other.utf8.first && self == other
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
