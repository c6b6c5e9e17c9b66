import Foundation

/// Reads an XML document into an `XMLElementNode` tree.
///
/// A small, strict reader for the XML a CIB uses: elements, attributes, comments, processing
/// instructions, character and predefined entity references. It refuses what a CIB never holds
/// and what makes XML parsers dangerous — DOCTYPE (and so entity expansion), CDATA, text content
/// — as well as malformed documents, non-UTF-8 bytes and nesting deeper than `maximumDepth`.
/// Attributes keep their document order. Errors carry the line they were found on.
public enum XMLReader {
    /// Deeper nesting than this is refused; a CIB is about ten levels deep.
    public static let maximumDepth = 64

    public static func parse(_ data: Data) throws(XMLDocumentError) -> XMLElementNode {
        try scan(data, validatingAll: true) { scanner throws(XMLDocumentError) in try scanner.document() }
    }

    /// The root element's name and attributes only (no children), without reading the rest.
    public static func parseRootStartTag(_ data: Data) throws(XMLDocumentError) -> XMLElementNode {
        try scan(data, validatingAll: false) { scanner throws(XMLDocumentError) in try scanner.rootStartTag() }
    }

    private static func scan(_ data: Data, validatingAll: Bool,
                             _ body: (inout XMLScanner) throws(XMLDocumentError) -> XMLElementNode) throws(XMLDocumentError) -> XMLElementNode {
        let outcome: Result<XMLElementNode, XMLDocumentError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if validatingAll, String(validating: bytes, as: UTF8.self) == nil {
                return .failure(XMLDocumentError("the document is not valid UTF-8 text"))
            }
            var scanner = XMLScanner(bytes: bytes, maximumDepth: maximumDepth)
            do throws(XMLDocumentError) {
                return .success(try body(&scanner))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    public static func parse(_ text: String) throws(XMLDocumentError) -> XMLElementNode {
        try parse(Data(text.utf8))
    }
}
