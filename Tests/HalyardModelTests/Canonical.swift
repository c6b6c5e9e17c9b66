@testable import HalyardModel

/// A canonical text form of an XML tree for comparing a CIB with its rewrite: attributes sorted,
/// scores and booleans in their normal spelling, and
/// empty optional sections left out, and children grouped by element name (stable, so the order
/// of same-named siblings — which carries meaning — is kept).
enum Canonical {
    static let scoreAttributes: Set<String> = ["score"]
    static let booleanAttributes: Set<String> = ["symmetrical", "require-all", "sequential"]

    static func form(of node: XMLElementNode) -> String {
        var out = ""
        write(node, depth: 0, into: &out)
        return out
    }

    private static func write(_ node: XMLElementNode, depth: Int, into out: inout String) {
        out += String(repeating: " ", count: depth) + node.name
        for attribute in node.attributes.sorted(by: { $0.name < $1.name }) {
            out += " \(attribute.name)=\(normalize(attribute.name, attribute.value))"
        }
        out += "\n"
        var children = node.children
        if node.name == "configuration" {
            children = children.filter { !$0.children.isEmpty || ["crm_config", "nodes", "resources", "constraints"].contains($0.name) }
        }
        children = children.filter { !$0.attributes.isEmpty || !$0.children.isEmpty || node.name == "cib" }
        children = children.enumerated().sorted { lhs, rhs in
            lhs.element.name != rhs.element.name ? lhs.element.name < rhs.element.name : lhs.offset < rhs.offset
        }.map(\.element)
        if node.name == "cib" && !children.contains(where: { $0.name == "status" }) {
            children.append(XMLElementNode(name: "status"))
        }
        for child in children { write(child, depth: depth + 1, into: &out) }
    }

    private static func normalize(_ name: String, _ value: String) -> String {
        if scoreAttributes.contains(name), let score = Score(parsing: value) { return score.description }
        if booleanAttributes.contains(name), let flag = Boolean.parse(value) { return String(flag) }
        return value
    }

    /// The first line where two canonical forms differ, or nil when they are equal.
    static func firstDifference(_ lhs: String, _ rhs: String) -> String? {
        let l = lhs.split(separator: "\n"), r = rhs.split(separator: "\n")
        for index in 0..<max(l.count, r.count) {
            let a = index < l.count ? String(l[index]) : "<end>", b = index < r.count ? String(r[index]) : "<end>"
            if a != b { return "line \(index + 1): input \(a) | written \(b)" }
        }
        return nil
    }
}
