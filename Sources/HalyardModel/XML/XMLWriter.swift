/// Writes XML text with two-space indentation, as `cibadmin -Q` does, escaping attribute values.
public struct XMLWriter {
    public private(set) var text = ""
    private var depth = 0

    public init(declaration: Bool = false) {
        if declaration { text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
    }

    /// Writes `<name attrs>` then the children written by `body`, then `</name>`; an element
    /// whose body writes nothing is closed as `<name attrs/>`.
    public mutating func element(_ name: String, _ attributes: [(String, String?)] = [], body: (inout XMLWriter) -> Void = { _ in }) {
        indent()
        text += "<" + name
        for case let (key, value?) in attributes {
            text += " " + key + "=\"" + XMLWriter.escape(value) + "\""
        }
        text += ">\n"
        depth += 1
        let lengthBeforeBody = text.utf8.count
        body(&self)
        depth -= 1
        if text.utf8.count == lengthBeforeBody {
            text.removeLast(2)
            text += "/>\n"
        } else {
            indent()
            text += "</" + name + ">\n"
        }
    }

    private mutating func indent() {
        text += String(repeating: "  ", count: depth)
    }

    /// Escapes the five XML special characters and control characters that attributes cannot hold raw.
    public static func escape(_ value: String) -> String {
        guard value.contains(where: { "<>&\"'\n\r\t".contains($0) }) else { return value }
        var out = ""
        out.reserveCapacity(value.count + 8)
        for ch in value {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.append(ch)
            }
        }
        return out
    }
}
