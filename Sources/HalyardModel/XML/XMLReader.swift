import Foundation

/// Reads an XML document into an `XMLElementNode` tree.
///
/// A small, strict reader for the XML a CIB uses: elements, attributes, comments, processing
/// instructions, character and predefined entity references. `parse` refuses what a CIB never
/// holds and what makes XML parsers dangerous — DOCTYPE (and so entity expansion), CDATA, text
/// content — as well as malformed documents, non-UTF-8 bytes and nesting deeper than
/// `maximumDepth`; `parseDocument` (agents' meta-data) also keeps text and CDATA and skips a
/// DOCTYPE, never one that could define an entity. Attributes keep their document order. Errors
/// carry the line they were found on.
public enum XMLReader {
    /// Deeper nesting than this is refused; a CIB is about ten levels deep.
    public static let maximumDepth = 64

    public static func parse(_ data: Data) throws(XMLDocumentError) -> XMLElementNode {
        try scan(data) { scanner throws(XMLDocumentError) in
            try scanner.validateUTF8()
            return try scanner.document()
        }
    }

    /// A document that may hold text content, such as an OCF agent's meta-data: like
    /// `parse`, but each element keeps its text (`XMLElementNode.text`, references decoded,
    /// CDATA as written) and a DOCTYPE declaration without an internal subset is skipped.
    public static func parseDocument(_ data: Data) throws(XMLDocumentError) -> XMLElementNode {
        try scan(data) { scanner throws(XMLDocumentError) in
            try scanner.validateUTF8()
            return try scanner.textDocument()
        }
    }

    /// The root element's name and attributes only (no children), without reading the rest.
    public static func parseRootStartTag(_ data: Data) throws(XMLDocumentError) -> XMLElementNode {
        try scan(data) { scanner throws(XMLDocumentError) in try scanner.rootStartTag() }
    }

    /// Runs `body` with a scanner over `data`'s bytes, for readers that pull elements one by one.
    static func scan<T, Failure: Error>(_ data: Data, _ body: (inout XMLScanner) throws(Failure) -> T) throws(Failure) -> T {
        let outcome: Result<T, Failure> = data.withUnsafeBytes { raw in
            var scanner = XMLScanner(bytes: raw.bindMemory(to: UInt8.self), maximumDepth: maximumDepth)
            do throws(Failure) {
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
