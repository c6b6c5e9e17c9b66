/// Decodes `primitive`, `group` and `clone` elements.
enum ResourceDecoder {
    static func resource(_ node: XMLElementNode, parent: ElementCursor) throws(CIBLoadError) -> Resource {
        switch node.name {
        case "primitive": return .primitive(try primitive(node))
        case "group": return .group(try group(node))
        case "clone": return .clone(try clone(node))
        default: throw parent.unsupportedChild(node)
        }
    }

    static func primitive(_ node: XMLElementNode) throws(CIBLoadError) -> Primitive {
        var cursor = ElementCursor(node)
        let id = try cursor.required("id")
        if cursor.optional("template") != nil {
            throw cursor.error("primitives built from a resource template are not supported yet; define the primitive in full")
        }
        var primitive = Primitive(id: id, standard: try cursor.required("class"), type: try cursor.required("type"))
        primitive.provider = cursor.optional("provider")
        primitive.description = cursor.optional("description")
        try cursor.finish()
        if primitive.standard == "ocf" && primitive.provider == nil {
            throw cursor.error("an ocf primitive needs a provider (class=\"ocf\" provider=\"…\" type=\"…\")")
        }
        try cursor.decodeChildren(into: &primitive, sets: [
            (.instance, \.instanceAttributes), (.meta, \.metaAttributes), (.utilization, \.utilization),
        ]) { child, primitive throws(CIBLoadError) in
            guard child.name == "operations" else { return false }
            var opsCursor = ElementCursor(child)
            primitive.operationsID = opsCursor.optional("id")
            if opsCursor.optional("id-ref") != nil {
                throw opsCursor.error("references to shared operation lists (id-ref) are not supported yet")
            }
            try opsCursor.finish()
            for opNode in child.children {
                guard opNode.name == "op" else { throw opsCursor.unsupportedChild(opNode) }
                primitive.operations.append(try operation(opNode))
            }
            return true
        }
        return primitive
    }

    static func operation(_ node: XMLElementNode) throws(CIBLoadError) -> Operation {
        var cursor = ElementCursor(node)
        var op = Operation(id: try cursor.required("id"), name: try cursor.required("name"), interval: try cursor.required("interval"))
        for setting in Operation.knownSettings {
            if let value = cursor.optional(setting) { op.settings.append((name: setting, value: value)) }
        }
        try cursor.finish()
        try cursor.decodeChildren(into: &op, sets: [(.instance, \.instanceAttributes), (.meta, \.metaAttributes)])
        return op
    }

    static func group(_ node: XMLElementNode) throws(CIBLoadError) -> Group {
        var cursor = ElementCursor(node)
        var group = Group(id: try cursor.required("id"))
        group.description = cursor.optional("description")
        try cursor.finish()
        try cursor.decodeChildren(into: &group, sets: [(.instance, \.instanceAttributes), (.meta, \.metaAttributes)]) { child, group throws(CIBLoadError) in
            guard child.name == "primitive" else { return false }
            group.members.append(try primitive(child))
            return true
        }
        return group
    }

    static func clone(_ node: XMLElementNode) throws(CIBLoadError) -> Clone {
        var cursor = ElementCursor(node)
        let id = try cursor.required("id")
        let description = cursor.optional("description")
        try cursor.finish()
        var instance: [AttributeSet] = [], meta: [AttributeSet] = []
        var child: Clone.Child?
        for element in node.children {
            switch element.name {
            case "instance_attributes": instance.append(try ConfigurationDecoder.attributeSet(element, kind: .instance))
            case "meta_attributes": meta.append(try ConfigurationDecoder.attributeSet(element, kind: .meta))
            case "primitive" where child == nil: child = .primitive(try primitive(element))
            case "group" where child == nil: child = .group(try group(element))
            case "primitive", "group": throw cursor.error("a clone holds exactly one primitive or group")
            default: throw cursor.unsupportedChild(element)
            }
        }
        guard let child else { throw cursor.error("a clone must contain a primitive or a group") }
        return Clone(id: id, description: description, instanceAttributes: instance, metaAttributes: meta, child: child)
    }
}
