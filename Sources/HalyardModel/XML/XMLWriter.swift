import Foundation

/// Writes XML text with two-space indentation, as `cibadmin -Q` does, escaping attribute values.
/// Builds UTF-8 bytes directly: a large CIB is written in a single pass without intermediate strings.
public struct XMLWriter {
    private var out: TextBytes
    private var depth = 0

    /// `expectedSize` (bytes) avoids regrowing the buffer while a large document is written.
    public init(declaration: Bool = false, expectedSize: Int = 1 << 16) {
        out = TextBytes(capacity: expectedSize)
        if declaration { out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
    }

    /// The document written so far.
    public var text: String { out.text }

    /// The document written so far, as UTF-8 bytes (no copy through a String).
    public var data: Data { Data(out.bytes) }

    /// Calls `body` with the document written so far, as UTF-8 bytes (no copy).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try out.bytes.withUnsafeBytes(body)
    }

    /// Writes an empty line at the current depth for an element the caller writes itself, and
    /// returns the byte offset where that element goes: after the indentation, before the line break.
    public mutating func reserveLine() -> Int {
        indent()
        let offset = out.count
        out.append(byte: UInt8(ascii: "\n"))
        return offset
    }

    /// Writes `<name attrs>` then the children written by `body`, then `</name>`; an element
    /// whose body writes nothing is closed as `<name attrs/>`. Attributes whose value is nil are left out.
    public mutating func element(_ name: String, _ attributes: [(String, String?)] = [], body: (inout XMLWriter) -> Void = { _ in }) {
        element(name, attributes: { w in
            for (key, value) in attributes { w.attribute(key, value) }
        }, body: body)
    }

    /// Like `element(_:_:body:)`, with the attributes written by `attributes` (through
    /// `attribute(_:_:)`) straight into the document: no array is built for them, which pays
    /// for the many small elements of a large status section.
    public mutating func element(_ name: String, attributes: (inout XMLWriter) -> Void, body: (inout XMLWriter) -> Void) {
        indent()
        out.append(byte: UInt8(ascii: "<"))
        out.append(name)
        attributes(&self)
        out.append(byte: UInt8(ascii: ">"))
        out.append(byte: UInt8(ascii: "\n"))
        depth += 1
        let lengthBeforeBody = out.count
        body(&self)
        depth -= 1
        if out.count == lengthBeforeBody {
            out.removeLast(2)
            out.append("/>\n")
        } else {
            indent()
            out.append("</")
            out.append(name)
            out.append(">\n")
        }
    }

    /// Writes ` name="value"` (escaped) into the start tag being written; nothing when `value`
    /// is nil. Only for the `attributes` closure of `element(_:attributes:body:)`.
    public mutating func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        openAttribute(name)
        appendEscaped(value)
        out.append(byte: UInt8(ascii: "\""))
    }

    /// Writes ` name="value"` with an integer value in decimal; nothing when `value` is nil.
    public mutating func attribute(_ name: String, _ value: Int?) {
        guard let value else { return }
        openAttribute(name)
        out.append(decimal: value)
        out.append(byte: UInt8(ascii: "\""))
    }

    private mutating func openAttribute(_ name: String) {
        out.append(byte: UInt8(ascii: " "))
        out.append(name)
        out.append(byte: UInt8(ascii: "="))
        out.append(byte: UInt8(ascii: "\""))
    }

    private mutating func indent() {
        for _ in 0..<depth {
            out.append(byte: UInt8(ascii: " "))
            out.append(byte: UInt8(ascii: " "))
        }
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            guard utf8.contains(where: XMLWriter.needsEscaping) else {
                out.append(utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "<"): out.append("&lt;")
                case UInt8(ascii: ">"): out.append("&gt;")
                case UInt8(ascii: "&"): out.append("&amp;")
                case UInt8(ascii: "\""): out.append("&quot;")
                case UInt8(ascii: "'"): out.append("&apos;")
                case UInt8(ascii: "\n"): out.append("&#10;")
                case UInt8(ascii: "\r"): out.append("&#13;")
                case UInt8(ascii: "\t"): out.append("&#9;")
                default: out.append(byte: byte)
                }
            }
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"),
             UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
            return true
        default:
            return false
        }
    }
}
