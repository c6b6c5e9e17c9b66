/// Reads one element's attributes and children for the decoder, remembering what it consumed so
/// that anything left over is refused by name instead of being dropped.
struct ElementCursor {
    let node: XMLElementNode
    /// Bit i set = attribute i consumed (elements with more than 64 attributes are refused).
    private var consumed: UInt64 = 0

    init(_ node: XMLElementNode) { self.node = node }

    var name: String { node.name }
    var id: String? { node["id"] }

    func error(_ message: String) -> CIBLoadError {
        CIBLoadError(message, element: node.name, elementID: node["id"], line: node.line)
    }

    mutating func optional(_ attribute: String) -> String? {
        for (index, candidate) in node.attributes.enumerated() where candidate.name.isSameName(as: attribute) {
            if index < 64 { consumed |= 1 << UInt64(index) }
            return candidate.value
        }
        return nil
    }

    private func isConsumed(_ index: Int) -> Bool {
        index < 64 && consumed & (1 << UInt64(index)) != 0
    }

    mutating func required(_ attribute: String) throws(CIBLoadError) -> String {
        guard let value = optional(attribute) else { throw error("missing required attribute \"\(attribute)\"") }
        return value
    }

    mutating func optionalInt(_ attribute: String) throws(CIBLoadError) -> Int? {
        guard let text = optional(attribute) else { return nil }
        guard let value = Int(text) else { throw error("attribute \"\(attribute)\" must be an integer, not \"\(text)\"") }
        return value
    }

    mutating func requiredInt(_ attribute: String) throws(CIBLoadError) -> Int {
        guard let value = try optionalInt(attribute) else { throw error("missing required attribute \"\(attribute)\"") }
        return value
    }

    mutating func optionalScore(_ attribute: String) throws(CIBLoadError) -> Score? {
        guard let text = optional(attribute) else { return nil }
        guard let score = Score(parsing: text) else {
            throw error("attribute \"\(attribute)\" is not a score (an integer or [+-]INFINITY): \"\(text)\"")
        }
        return score
    }

    mutating func optionalBool(_ attribute: String) throws(CIBLoadError) -> Bool? {
        guard let text = optional(attribute) else { return nil }
        guard let value = Boolean.parse(text) else { throw error("attribute \"\(attribute)\" must be true or false, not \"\(text)\"") }
        return value
    }

    mutating func optionalEnum<E: RawRepresentable>(_ attribute: String, _: E.Type) throws(CIBLoadError) -> E? where E.RawValue == String {
        guard let text = optional(attribute) else { return nil }
        guard let value = E(rawValue: text) else { throw error("attribute \"\(attribute)\" has unsupported value \"\(text)\"") }
        return value
    }

    /// The attributes not yet consumed, to carry through unchanged (status elements only).
    mutating func remainingAttributes() -> [PassThroughAttribute] {
        var rest: [PassThroughAttribute] = []
        rest.reserveCapacity(node.attributes.count - min(node.attributes.count, consumed.nonzeroBitCount))
        for (index, attribute) in node.attributes.enumerated() where !isConsumed(index) {
            rest.append(PassThroughAttribute(name: attribute.name, value: attribute.value))
            if index < 64 { consumed |= 1 << UInt64(index) }
        }
        return rest
    }

    /// Refuses any attribute that was not consumed.
    func finish() throws(CIBLoadError) {
        for (index, attribute) in node.attributes.enumerated() where !isConsumed(index) {
            if index >= 64 { throw error("more than 64 attributes on one element") }
            throw error("unsupported attribute \"\(attribute.name)\"")
        }
    }

    /// Refuses unconsumed attributes and any child element: for elements that hold neither.
    func finishLeaf() throws(CIBLoadError) {
        try finish()
        if let child = node.children.first { throw unsupportedChild(child) }
    }

    /// Decodes the children of this element into `value`: attribute-set elements of the kinds in
    /// `sets` are appended through their key paths; any other child goes to `other`, which
    /// returns false when it does not handle it (then the child is refused by name).
    func decodeChildren<T>(into value: inout T, sets: [(AttributeSetKind, WritableKeyPath<T, [AttributeSet]>)],
                           other: (XMLElementNode, inout T) throws(CIBLoadError) -> Bool = { _, _ in false }) throws(CIBLoadError) {
        for child in node.children {
            if let kind = AttributeSetKind(rawValue: child.name), let path = sets.first(where: { $0.0 == kind })?.1 {
                value[keyPath: path].append(try ConfigurationDecoder.attributeSet(child, kind: kind))
            } else if try !other(child, &value) {
                throw unsupportedChild(child)
            }
        }
    }

    /// Refuses a child element the caller does not handle.
    func unsupportedChild(_ child: XMLElementNode) -> CIBLoadError {
        ElementCursor.unsupported(child.name, id: child["id"], line: child.line, inside: node.name)
    }

    /// Refuses the element `name` found inside `parent`.
    static func unsupported(_ name: String, id: String?, line: Int, inside parent: String) -> CIBLoadError {
        let hint = refusalHints[name].map { ": \($0)" } ?? ""
        return CIBLoadError("unsupported element inside <\(parent)>\(hint)", element: name, elementID: id, line: line)
    }

    /// Why some well-known Pacemaker features are refused, so the message helps the operator.
    static let refusalHints: [String: String] = [
        "template": "resource templates are not supported yet; define the primitive in full",
        "bundle": "bundles (container resources) are not supported yet",
        "master": "the deprecated <master> element is not supported; use <clone> with meta promotable=true",
        "tags": "tags are not supported yet",
        "acls": "access control lists are not supported yet",
        "rsc_ticket": "tickets are not supported yet",
        "select": "alert filters (<select>) are not supported yet",
    ]
}
