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
        let outcome: Result<XMLElementNode, XMLDocumentError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard String(validating: bytes, as: UTF8.self) != nil else {
                return .failure(XMLDocumentError("the document is not valid UTF-8 text"))
            }
            var scanner = XMLScanner(bytes: bytes, maximumDepth: maximumDepth)
            do throws(XMLDocumentError) {
                return .success(try scanner.document())
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
