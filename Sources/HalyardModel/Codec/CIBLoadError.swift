/// Why a CIB document was refused: what is wrong, on which element (and its id), at which line.
public struct CIBLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var element: String?
    public var elementID: String?
    public var line: Int?

    public init(_ message: String, element: String? = nil, elementID: String? = nil, line: Int? = nil) {
        self.message = message
        self.element = element
        self.elementID = elementID
        self.line = line
    }

    public var description: String {
        var where_ = ""
        if let line { where_ += "line \(line): " }
        if let element {
            where_ += "<\(element)"
            if let elementID { where_ += " id=\"\(elementID)\"" }
            where_ += ">: "
        }
        return where_ + message
    }

    /// A malformed document, reported at the line the reader stopped on.
    init(_ error: XMLDocumentError) {
        self.init(error.message, line: error.line)
    }
}
