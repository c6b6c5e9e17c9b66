import Foundation

/// A start tag as the scanner read it: where its name lies in the document, how deep it is
/// nested and whether children or an end tag follow (false for `<name/>`). Its attributes are
/// the scanner's `tagAttributes` until the next tag is read.
struct XMLTag {
    /// The bytes of the element name.
    var name: Range<Int>
    var depth: Int
    var hasContent: Bool
    /// The byte offset of the tag's `<` in the document.
    var offset: Int
    /// The line the tag starts on.
    var line: Int
}

/// One attribute of the tag just read, as byte ranges in the document.
struct XMLRawAttribute {
    var name: Range<Int>
    /// The value between the quotes, entity references not yet decoded.
    var value: Range<Int>
    /// Whether the value is used as written (no entity reference, tab or line break to decode).
    var plain: Bool
    /// The line the value ends on.
    var line: Int
}

/// A start tag read by `XMLScanner`'s pull interface with its element (without children)
/// built: name and attributes as strings.
struct XMLStartTag {
    var tag: XMLTag
    var node: XMLElementNode

    var depth: Int { tag.depth }
    var hasContent: Bool { tag.hasContent }
    var offset: Int { tag.offset }
}

/// The byte-level scanner behind `XMLReader`: one pass over UTF-8 bytes, tracking the line.
/// Reads a whole document as a tree, or element by element through its pull interface.
struct XMLScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var position = 0
    private var line = 1
    /// The attributes of the last start tag read, reused from tag to tag.
    private(set) var tagAttributes: [XMLRawAttribute] = []
    /// The shapes (`shape(length:first:last:)`) of the last tag's attribute names, one bit each.
    private var tagShapes: UInt64 = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    // MARK: Document structure

    /// Refuses a document that is not entirely valid UTF-8.
    func validateUTF8() throws(XMLDocumentError) {
        guard UTF8Validation.isValid(bytes) else { throw XMLScanner.notUTF8 }
    }

    static let notUTF8 = XMLDocumentError("the document is not valid UTF-8 text")

    /// `validateUTF8()` on `queue`: whether the document is valid UTF-8. The caller must wait
    /// for the answer while the document's bytes still exist.
    func validateUTF8(on queue: DispatchQueue) -> BackgroundValue<Bool> {
        let document = DocumentBytes(bytes: bytes)
        return BackgroundValue(on: queue) { UTF8Validation.isValid(document.bytes) }
    }

    /// The document's bytes, handed to another thread that is waited for before they go.
    private struct DocumentBytes: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }

    mutating func document() throws(XMLDocumentError) -> XMLElementNode {
        let root = try rest(of: try rootTag())
        try endOfDocument()
        return root
    }

    /// Only the root element's name and attributes, without reading further: enough to learn a
    /// CIB's version without loading it.
    mutating func rootStartTag() throws(XMLDocumentError) -> XMLElementNode {
        try rootTag().node
    }

    // MARK: Pull interface

    /// The root element's start tag; read its children with `nextChild(of:)` or `rest(of:)`,
    /// then call `endOfDocument()`.
    mutating func rootTag() throws(XMLDocumentError) -> XMLStartTag {
        try skipToRoot()
        let tag = try readTag(depth: 1)
        return try startTag(tag)
    }

    /// The start tag of the next child of `parent`, or nil once `parent`'s end tag has been read.
    /// Each child returned must be read to its end (`nextChild(of:)` until nil, or `rest(of:)`)
    /// before the next one is asked for.
    mutating func nextChild(of parent: XMLStartTag) throws(XMLDocumentError) -> XMLStartTag? {
        guard let tag = try nextTag(in: parent.tag) else { return nil }
        return try startTag(tag)
    }

    /// Like `nextChild(of:)`, without building the element: its attributes are left in
    /// `tagAttributes` as byte ranges.
    mutating func nextTag(in parent: XMLTag) throws(XMLDocumentError) -> XMLTag? {
        guard parent.hasContent, try atChild(closing: parent) else { return nil }
        return try readTag(depth: parent.depth + 1)
    }

    /// Like `nextTag(in:)`, for a reader that owns the part of `parent`'s children before
    /// `boundary` (a byte offset): nil when the next child starts exactly at `boundary`; an error
    /// when `boundary` is not where a child starts (it lies inside a child or a comment, or
    /// after `parent`'s end tag).
    mutating func nextTag(in parent: XMLTag, before boundary: Int) throws(XMLDocumentError) -> XMLTag? {
        guard parent.hasContent, try atChild(closing: parent) else {
            throw fail("<\(string(parent.name))> ends before byte \(boundary)")
        }
        if position == boundary { return nil }
        guard position < boundary else { throw fail("byte \(boundary) is not where a child of <\(string(parent.name))> starts") }
        return try readTag(depth: parent.depth + 1)
    }

    /// The element whose start tag is `tag`, with all its children read as a tree.
    mutating func rest(of tag: XMLStartTag) throws(XMLDocumentError) -> XMLElementNode {
        var node = tag.node
        if tag.hasContent {
            while try atChild(closing: tag.tag) {
                let child = try readTag(depth: tag.depth + 1)
                node.children.append(try rest(of: try startTag(child)))
            }
        }
        return node
    }

    /// Refuses anything but comments, processing instructions and whitespace after the root element.
    mutating func endOfDocument() throws(XMLDocumentError) {
        try skipMisc()
        guard position >= bytes.count else { throw fail("content after the root element") }
    }

    private mutating func skipToRoot(allowingDoctype: Bool = false) throws(XMLDocumentError) {
        if hasPrefix([0xEF, 0xBB, 0xBF]) { position += 3 }
        try skipMisc(allowingDoctype: allowingDoctype)
        guard position < bytes.count else { throw fail("the document is empty: no root element") }
        guard bytes[position] == UInt8(ascii: "<") else { throw fail("text before the root element") }
    }

    /// Skips whitespace, comments and processing instructions outside the root element (and,
    /// when allowed, a DOCTYPE declaration).
    private mutating func skipMisc(allowingDoctype: Bool = false) throws(XMLDocumentError) {
        while true {
            skipWhitespace()
            if try skippedCommentOrInstruction() {
                continue
            } else if allowingDoctype && hasPrefix("<!DOCTYPE") {
                try skipDoctype()
            } else if hasPrefix("<!") {
                throw fail("DOCTYPE and other declarations are not accepted in a CIB")
            } else {
                return
            }
        }
    }

    /// A start tag, up to and including its `>` or `/>`; its attributes go to `tagAttributes`.
    private mutating func readTag(depth: Int) throws(XMLDocumentError) -> XMLTag {
        guard depth <= maximumDepth else { throw fail("elements nested deeper than \(maximumDepth) levels") }
        let startLine = line
        let offset = position
        position += 1  // "<"
        let name = try self.name(what: "element name")
        tagAttributes.removeAll(keepingCapacity: true)
        // Two equal names have the same shape: the shapes seen so far rule out almost every
        // comparison of the duplicate check (and of `attributeIndex(named:from:)` later).
        tagShapes = 0
        while true {
            let sawSpace = skipWhitespace()
            guard position < bytes.count else { throw fail("the document ends inside <\(string(name))>") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "/") {
                guard hasPrefix("/>") else { throw fail("expected \"/>\" in <\(string(name))>") }
                position += 2
                return XMLTag(name: name, depth: depth, hasContent: false, offset: offset, line: startLine)
            }
            if byte == UInt8(ascii: ">") {
                position += 1
                return XMLTag(name: name, depth: depth, hasContent: true, offset: offset, line: startLine)
            }
            guard sawSpace else { throw fail("expected whitespace, \">\" or \"/>\" in <\(string(name))>") }
            let attribute = try self.attribute(in: name)
            let shape = XMLScanner.shape(length: attribute.name.count, first: bytes[attribute.name.lowerBound],
                                         last: bytes[attribute.name.upperBound - 1])
            if tagShapes & shape != 0, tagAttributes.contains(where: { sameBytes($0.name, attribute.name) }) {
                throw fail("attribute \"\(string(attribute.name))\" appears twice in <\(string(name))>")
            }
            tagShapes |= shape
            tagAttributes.append(attribute)
        }
    }

    /// The element of the tag just read (before any other), its name and attribute values as strings.
    func startTag(_ tag: XMLTag) throws(XMLDocumentError) -> XMLStartTag {
        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(tagAttributes.count)
        for attribute in tagAttributes {
            attributes.append(XMLAttribute(name: string(attribute.name), value: try value(of: attribute)))
        }
        return XMLStartTag(tag: tag, node: XMLElementNode(name: string(tag.name), attributes: attributes, line: tag.line))
    }

    /// Skips comments, processing instructions and whitespace inside the element `parent`: true
    /// when a child element starts here, false once its end tag has been read.
    private mutating func atChild(closing parent: XMLTag) throws(XMLDocumentError) -> Bool {
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw fail("the document ends before </\(string(parent.name))>") }
            guard bytes[position] == UInt8(ascii: "<") else {
                throw fail("unexpected text inside <\(string(parent.name))> (a CIB holds no text content)")
            }
            // The byte after "<" tells a child element (the common case) from the rest at once.
            let next = position + 1 < bytes.count ? bytes[position + 1] : 0
            if next == UInt8(ascii: "/") {
                try endTag(of: parent)
                return false
            }
            if next != UInt8(ascii: "!") && next != UInt8(ascii: "?") { return true }
            if try skippedCommentOrInstruction() { continue }
            throw fail(hasPrefix("<![CDATA[") ? "CDATA sections are not accepted in a CIB" : "declarations are not accepted inside elements")
        }
    }

    /// Skips the comment or processing instruction that starts here; false when none does.
    private mutating func skippedCommentOrInstruction() throws(XMLDocumentError) -> Bool {
        if hasPrefix("<!--") {
            try skipPast("-->", what: "comment")
        } else if hasPrefix("<?") {
            try skipPast("?>", what: "processing instruction")
        } else {
            return false
        }
        return true
    }

    /// Reads the end tag of `parent`, from its `</`.
    private mutating func endTag(of parent: XMLTag) throws(XMLDocumentError) {
        position += 2
        let closing = try self.name(what: "end tag name")
        guard sameBytes(closing, parent.name) else { throw fail("</\(string(closing))> does not close <\(string(parent.name))>") }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw fail("expected \">\" after </\(string(closing))") }
        position += 1
    }

    // MARK: Documents with text

    /// A whole document that may hold text, like an agent's meta-data: text content kept on
    /// each element (references decoded, CDATA sections as written), and a DOCTYPE declaration
    /// before the root skipped — refused if it has an internal subset, so that nothing can
    /// define an entity; nothing is fetched.
    mutating func textDocument() throws(XMLDocumentError) -> XMLElementNode {
        try skipToRoot(allowingDoctype: true)
        // (Two statements: `startTag` must see the attributes `readTag` has just read.)
        let tag = try readTag(depth: 1)
        let root = try restWithText(of: try startTag(tag))
        try endOfDocument()
        return root
    }

    private mutating func restWithText(of tag: XMLStartTag) throws(XMLDocumentError) -> XMLElementNode {
        var node = tag.node
        guard tag.hasContent else { return node }
        var text: [UInt8] = []
        while true {
            let start = position, startLine = line
            while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
                if bytes[position] == UInt8(ascii: "\n") { line += 1 }
                position += 1
            }
            guard position < bytes.count else { throw fail("the document ends before </\(node.name)>") }
            if position > start {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                text += Array(try decodeValue(raw, line: startLine, keepingWhitespace: true).utf8)
            }
            if hasPrefix("</") {
                try endTag(of: tag.tag)
                break
            } else if hasPrefix("<![CDATA[") {
                position += 9
                let content = position
                try skipPast("]]>", what: "CDATA section")
                text += bytes[content..<(position - 3)]
            } else if try skippedCommentOrInstruction() {
                continue
            } else if hasPrefix("<!") {
                throw fail("declarations are not accepted inside elements")
            } else {
                let child = try readTag(depth: tag.depth + 1)
                node.children.append(try restWithText(of: try startTag(child)))
            }
        }
        node.text = String(decoding: text, as: UTF8.self)
        return node
    }

    /// Skips `<!DOCTYPE …>`: names and quoted identifiers only, no internal subset.
    private mutating func skipDoctype() throws(XMLDocumentError) {
        let startLine = line
        position += "<!DOCTYPE".utf8.count
        var quote: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                throw fail("a DOCTYPE with an internal subset is not accepted (it could define entities)")
            } else if byte == UInt8(ascii: "<") {
                throw XMLDocumentError("malformed XML: the DOCTYPE declaration has no \">\"", line: startLine)
            } else if byte == UInt8(ascii: ">") {
                return
            }
        }
        throw XMLDocumentError("unterminated DOCTYPE declaration", line: startLine)
    }

    private mutating func attribute(in element: Range<Int>) throws(XMLDocumentError) -> XMLRawAttribute {
        let name = try self.name(what: "attribute name")
        // (White space around "=" is allowed but rare: looked for only when "=" is not next.)
        if position < bytes.count, bytes[position] != UInt8(ascii: "=") { skipWhitespace() }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw fail("expected \"=\" after attribute \"\(string(name))\" in <\(string(element))>")
        }
        position += 1
        if position < bytes.count, bytes[position] != UInt8(ascii: "\"") { skipWhitespace() }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw fail("expected a quoted value for attribute \"\(string(name))\" in <\(string(element))>")
        }
        let (value, plain) = try quotedValue()
        return XMLRawAttribute(name: name, value: value, plain: plain, line: line)
    }

    // MARK: Positions

    /// The byte offset reached so far.
    var offset: Int { position }

    /// The line reached so far (1 at the start of the document).
    var currentLine: Int { line }

    /// A scanner over the same document that continues at `offset`, counting lines from `line`.
    func resumed(at offset: Int, line: Int) -> XMLScanner {
        var copy = self
        copy.position = offset
        copy.line = line
        return copy
    }

    /// Where `pattern` next occurs in `range`, by plain byte comparison (markup is not parsed).
    func firstOffset(of pattern: StaticString, in range: Range<Int>) -> Int? {
        let count = pattern.utf8CodeUnitCount
        guard let base = bytes.baseAddress, count > 0 else { return nil }
        var index = range.lowerBound
        while index + count <= range.upperBound {
            // memchr finds the candidates: it skips the bytes between them many at a time.
            guard let hit = memchr(base + index, Int32(pattern.utf8Start[0]), range.upperBound - count + 1 - index) else { return nil }
            let candidate = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(pattern, at: candidate) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// Where `pattern` last occurs in `range`, by plain byte comparison.
    func lastOffset(of pattern: StaticString, in range: Range<Int>) -> Int? {
        var index = range.upperBound - pattern.utf8CodeUnitCount
        while index >= range.lowerBound {
            if matches(pattern, at: index) { return index }
            index -= 1
        }
        return nil
    }

    /// The number of bytes in the document.
    var count: Int { bytes.count }

    /// The byte at `offset`, nil past the end.
    func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    // MARK: Tokens

    /// The bytes of a name, read from the current position.
    private mutating func name(what: String) throws(XMLDocumentError) -> Range<Int> {
        // A local index, not `position`: the loop is the hottest in the scanner.
        let start = position
        guard start < bytes.count, XMLScanner.nameByteKinds[Int(bytes[start])] == .nameStart else { throw fail("expected an \(what)") }
        var end = start + 1
        while end < bytes.count {
            let byte = bytes[end]
            // Lower-case letters, the bulk of CIB names, without the table.
            if byte &- UInt8(ascii: "a") < 26 || XMLScanner.nameByteKinds[Int(byte)] != .other {
                end += 1
            } else {
                break
            }
        }
        position = end
        return start..<end
    }

    /// The bytes in `range` as a string (names, and values with nothing to decode).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A name's length, first and last byte folded into one of 64 bits: equal names share it,
    /// and the attribute names of a status entry rarely do.
    private static func shape(length: Int, first: UInt8, last: UInt8) -> UInt64 {
        1 << UInt64((length &* 13 &+ Int(first) &* 5 &+ Int(last) &* 3) & 63)
    }

    /// The index in `tagAttributes` of the attribute called `name`, searched from `hint` on
    /// and then from the start; nil at once when no attribute has the name's shape.
    func attributeIndex(named name: StaticString, from hint: Int) -> Int? {
        let length = name.utf8CodeUnitCount
        guard length > 0, tagShapes & XMLScanner.shape(length: length, first: name.utf8Start[0], last: name.utf8Start[length - 1]) != 0 else {
            return nil
        }
        let count = tagAttributes.count
        for index in min(hint, count)..<count where tagAttributes[index].name.count == length && matches(name, at: tagAttributes[index].name.lowerBound) {
            return index
        }
        for index in 0..<min(hint, count) where tagAttributes[index].name.count == length && matches(name, at: tagAttributes[index].name.lowerBound) {
            return index
        }
        return nil
    }

    /// Whether the bytes in `range` are `text`.
    func bytes(_ range: Range<Int>, equal text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && matches(text, at: range.lowerBound)
    }

    private func sameBytes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count where bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
        return true
    }

    /// What a byte may be in a name: its start, only later, or neither.
    private enum NameByteKind { case nameStart, nameOnly, other }

    /// The kind of every byte value, looked up by `name(what:)`.
    private static let nameByteKinds: [NameByteKind] = (0...255).map { (byte: Int) -> NameByteKind in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return .nameStart
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return .nameOnly
        default:
            return .other
        }
    }

    /// The bytes of a quoted attribute value, and whether they are used as written.
    private mutating func quotedValue() throws(XMLDocumentError) -> (Range<Int>, plain: Bool) {
        let quote = bytes[position]
        let start = position + 1
        var end = start
        var plain = true
        while end < bytes.count {
            let byte = bytes[end]
            if byte == quote { break }
            // Every byte that needs a look is below "A" (0x41); most of a value is not.
            if byte < 0x41 {
                switch byte {
                case UInt8(ascii: "<"):
                    position = end
                    throw fail("\"<\" is not allowed in an attribute value")
                case UInt8(ascii: "&"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): plain = false
                case UInt8(ascii: "\n"): plain = false; line += 1
                default: break
                }
            }
            end += 1
        }
        position = end
        guard end < bytes.count else { throw fail("the document ends inside an attribute value") }
        position = end + 1
        return (start..<end, plain)
    }

    /// An attribute's value with entity references decoded and literal line breaks and tabs
    /// normalized to spaces, as XML requires.
    func value(of attribute: XMLRawAttribute) throws(XMLDocumentError) -> String {
        if attribute.plain { return string(attribute.value) }
        return try decodeValue(UnsafeBufferPointer(rebasing: bytes[attribute.value]), line: attribute.line)
    }

    /// An attribute's value as a decimal integer (`Int(String)`'s syntax), without making a string.
    func integer(of attribute: XMLRawAttribute) -> Int? {
        guard attribute.plain else { return nil }
        var index = attribute.value.lowerBound
        let end = attribute.value.upperBound
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < end else { return nil }
        var magnitude = 0
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times10.subtractingReportingOverflow(Int(digit)) : times10.addingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        return magnitude
    }

    /// Decodes references; tabs and line breaks become spaces unless `keepingWhitespace` (text).
    private func decodeValue(_ raw: UnsafeBufferPointer<UInt8>, line: Int, keepingWhitespace: Bool = false) throws(XMLDocumentError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            switch byte {
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                out.append(keepingWhitespace ? byte : UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "&"):
                guard let end = raw[index...].firstIndex(of: UInt8(ascii: ";")), end - index <= 12 else {
                    throw fail("unterminated entity reference", line: line)
                }
                let entity = String(decoding: UnsafeBufferPointer(rebasing: raw[(index + 1)..<end]), as: UTF8.self)
                guard let scalar = XMLScanner.resolve(entity) else { throw fail("unknown entity \"&\(entity);\"", line: line) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                index = end + 1
            default:
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func resolve(_ entity: String) -> Unicode.Scalar? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let code: UInt32?
            if entity.hasPrefix("#x") {
                code = UInt32(entity.dropFirst(2), radix: 16)
            } else if entity.hasPrefix("#") {
                code = UInt32(entity.dropFirst(), radix: 10)
            } else {
                code = nil
            }
            guard let code, code != 0, let scalar = Unicode.Scalar(code) else { return nil }
            return scalar
        }
    }

    // MARK: Low-level helpers

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte > 0x20 { break }  // nothing above the space is whitespace
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                break
            }
            end += 1
        }
        position = end
        return end > start
    }

    private func hasPrefix(_ text: StaticString) -> Bool {
        matches(text, at: position)
    }

    private func matches(_ text: StaticString, at start: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        let prefix = text.utf8Start
        for offset in 0..<count where bytes[start + offset] != prefix[offset] { return false }
        return true
    }

    private func hasPrefix(_ prefix: [UInt8]) -> Bool {
        guard position + prefix.count <= bytes.count else { return false }
        return prefix.indices.allSatisfy { bytes[position + $0] == prefix[$0] }
    }

    private mutating func skipPast(_ terminator: StaticString, what: String) throws(XMLDocumentError) {
        let startLine = line
        while position < bytes.count {
            if hasPrefix(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
        throw XMLDocumentError("unterminated \(what)", line: startLine)
    }

    private func fail(_ message: String, line: Int? = nil) -> XMLDocumentError {
        XMLDocumentError("malformed XML: \(message)", line: line ?? self.line)
    }
}
