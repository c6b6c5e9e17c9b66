/// Reads the attributes of the tag the scanner has just read, for the status decoder: like
/// `ElementCursor`, but straight from the document's bytes. Names are compared as bytes,
/// integers parsed from them, and strings made only for the values the model keeps. Every
/// attribute must be read before the scanner reads the next tag.
struct TagCursor {
    let tag: XMLTag
    /// Bit i set = attribute i consumed (attributes past the 64th are never marked).
    private var consumed: UInt64 = 0
    /// Where the next search starts: after the attribute found last. Decoders ask for the
    /// attributes in the order the cluster writes them, so a search usually succeeds at once.
    private var hint = 0

    init(_ tag: XMLTag) { self.tag = tag }

    private mutating func take(_ name: StaticString, _ scanner: XMLScanner) -> XMLRawAttribute? {
        guard let index = scanner.attributeIndex(named: name, from: hint) else { return nil }
        if index < 64 { consumed |= 1 << UInt64(index) }
        hint = index + 1
        return scanner.tagAttributes[index]
    }

    mutating func optional(_ name: StaticString, _ scanner: XMLScanner) throws(CIBLoadError) -> String? {
        guard let attribute = take(name, scanner) else { return nil }
        return try TagCursor.value(attribute, scanner)
    }

    mutating func required(_ name: StaticString, _ scanner: XMLScanner) throws(CIBLoadError) -> String {
        guard let value = try optional(name, scanner) else { throw error("missing required attribute \"\(name)\"", scanner) }
        return value
    }

    mutating func optionalInt(_ name: StaticString, _ scanner: XMLScanner) throws(CIBLoadError) -> Int? {
        guard let attribute = take(name, scanner) else { return nil }
        if let value = scanner.integer(of: attribute) { return value }
        let text = try TagCursor.value(attribute, scanner)
        guard let value = Int(text) else { throw error("attribute \"\(name)\" must be an integer, not \"\(text)\"", scanner) }
        return value
    }

    mutating func requiredInt(_ name: StaticString, _ scanner: XMLScanner) throws(CIBLoadError) -> Int {
        guard let value = try optionalInt(name, scanner) else { throw error("missing required attribute \"\(name)\"", scanner) }
        return value
    }

    /// The attributes not yet consumed, to carry through unchanged.
    mutating func remainingAttributes(_ scanner: XMLScanner) throws(CIBLoadError) -> [PassThroughAttribute] {
        let count = scanner.tagAttributes.count
        var rest: [PassThroughAttribute] = []
        rest.reserveCapacity(count - min(count, consumed.nonzeroBitCount))
        for index in 0..<count where index >= 64 || consumed & (1 << UInt64(index)) == 0 {
            let attribute = scanner.tagAttributes[index]
            rest.append(PassThroughAttribute(name: StatusAttributeNames.name(attribute.name, scanner), value: try TagCursor.value(attribute, scanner)))
            if index < 64 { consumed |= 1 << UInt64(index) }
        }
        return rest
    }

    /// An error about this element, named with its id (the scanner must still be on its tag).
    func error(_ message: String, _ scanner: XMLScanner) -> CIBLoadError {
        CIBLoadError(message, element: scanner.string(tag.name), elementID: TagCursor.id(scanner), line: tag.line)
    }

    /// Refuses `child`, the tag the scanner has just read inside this element.
    func unsupportedChild(_ child: XMLTag, _ scanner: XMLScanner) -> CIBLoadError {
        ElementCursor.unsupported(scanner.string(child.name), id: TagCursor.id(scanner), line: child.line, inside: scanner.string(tag.name))
    }

    /// The `id` of the tag the scanner has just read.
    private static func id(_ scanner: XMLScanner) -> String? {
        scanner.tagAttributes.first { scanner.bytes($0.name, equal: "id") }.flatMap { try? value($0, scanner) }
    }

    private static func value(_ attribute: XMLRawAttribute, _ scanner: XMLScanner) throws(CIBLoadError) -> String {
        do throws(XMLDocumentError) {
            return try scanner.value(of: attribute)
        } catch {
            throw CIBLoadError(error)
        }
    }
}
