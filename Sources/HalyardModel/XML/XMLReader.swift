import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML document into an `XMLElementNode` tree with FoundationXML's streaming parser, refusing
/// malformed input, non-UTF-8 text and nesting deeper than `maximumDepth`.
public enum XMLReader {
    /// Deeper nesting than this is refused; a CIB is at most about ten levels deep.
    public static let maximumDepth = 64

    public static func parse(_ data: Data) throws(XMLDocumentError) -> XMLElementNode {
        guard String(data: data, encoding: .utf8) != nil else {
            throw XMLDocumentError("the document is not valid UTF-8 text")
        }
        let parser = XMLParser(data: data)
        let builder = TreeBuilder(maximumDepth: maximumDepth)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let error = builder.failure { throw error }
        guard ok, let root = builder.root else {
            let reason = parser.parserError.map { describe($0) } ?? "malformed XML"
            throw XMLDocumentError("malformed XML: \(reason)", line: parser.lineNumber > 0 ? parser.lineNumber : nil)
        }
        return root
    }

    public static func parse(_ text: String) throws(XMLDocumentError) -> XMLElementNode {
        try parse(Data(text.utf8))
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !detail.isEmpty { return detail }
        return "parser error \(nsError.code)"
    }
}

/// Builds the element tree from parser callbacks; records the first structural problem it sees.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let maximumDepth: Int
    var stack: [XMLElementNode] = []
    var root: XMLElementNode?
    var failure: XMLDocumentError?

    init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        if stack.count >= maximumDepth {
            fail(parser, XMLDocumentError("elements nested deeper than \(maximumDepth) levels", line: parser.lineNumber))
            return
        }
        if root != nil && stack.isEmpty {
            fail(parser, XMLDocumentError("more than one root element", line: parser.lineNumber))
            return
        }
        // FoundationXML hands attributes over as a dictionary; sort by name for a stable order.
        let attributes = attributeDict.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        stack.append(XMLElementNode(name: elementName, attributes: attributes, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil, let finished = stack.popLast() else { return }
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !stack.isEmpty else { return }
        if string.contains(where: { !$0.isWhitespace }) {
            let element = stack[stack.count - 1]
            fail(parser, XMLDocumentError("unexpected text inside <\(element.name)>", line: parser.lineNumber))
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil, let element = stack.last else { return }
        fail(parser, XMLDocumentError("unexpected CDATA inside <\(element.name)>", line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard failure == nil else { return }
        let nsError = parseError as NSError
        let detail = (nsError.userInfo[NSLocalizedDescriptionKey] as? String).flatMap { $0.isEmpty ? nil : $0 }
        failure = XMLDocumentError("malformed XML: \(detail ?? "parser error \(nsError.code)")", line: parser.lineNumber)
    }

    private func fail(_ parser: XMLParser, _ error: XMLDocumentError) {
        failure = error
        parser.abortParsing()
    }
}
