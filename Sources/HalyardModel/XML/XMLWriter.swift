import Foundation

/// Writes XML text with two-space indentation, as `cibadmin -Q` does, escaping attribute values.
/// Builds UTF-8 bytes directly: a large CIB is written in a single pass without intermediate strings.
public struct XMLWriter {
    private var bytes: [UInt8] = []
    private var depth = 0

    /// `expectedSize` (bytes) avoids regrowing the buffer while a large document is written.
    public init(declaration: Bool = false, expectedSize: Int = 1 << 16) {
        bytes.reserveCapacity(expectedSize)
        if declaration { append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
    }

    /// The document written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The document written so far, as UTF-8 bytes (no copy through a String).
    public var data: Data { Data(bytes) }

    /// Calls `body` with the document written so far, as UTF-8 bytes (no copy).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    /// Writes an empty line at the current depth for an element the caller writes itself, and
    /// returns the byte offset where that element goes: after the indentation, before the line break.
    public mutating func reserveLine() -> Int {
        indent()
        let offset = bytes.count
        bytes.append(UInt8(ascii: "\n"))
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
        bytes.append(UInt8(ascii: "<"))
        append(name)
        attributes(&self)
        bytes.append(UInt8(ascii: ">"))
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        let lengthBeforeBody = bytes.count
        body(&self)
        depth -= 1
        if bytes.count == lengthBeforeBody {
            bytes.removeLast(2)
            append("/>\n")
        } else {
            indent()
            append("</")
            append(name)
            append(">\n")
        }
    }

    /// Writes ` name="value"` (escaped) into the start tag being written; nothing when `value`
    /// is nil. Only for the `attributes` closure of `element(_:attributes:body:)`.
    public mutating func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        openAttribute(name)
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes ` name="value"` with an integer value in decimal; nothing when `value` is nil.
    public mutating func attribute(_ name: String, _ value: Int?) {
        guard let value else { return }
        openAttribute(name)
        appendDecimal(value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func openAttribute(_ name: String) {
        bytes.append(UInt8(ascii: " "))
        append(name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
    }

    /// `String(value)`'s digits, without making the String.
    private mutating func appendDecimal(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    private mutating func indent() {
        for _ in 0..<depth {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    private mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            guard utf8.contains(where: XMLWriter.needsEscaping) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "\""): append("&quot;")
                case UInt8(ascii: "'"): append("&apos;")
                case UInt8(ascii: "\n"): append("&#10;")
                case UInt8(ascii: "\r"): append("&#13;")
                case UInt8(ascii: "\t"): append("&#9;")
                default: bytes.append(byte)
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
