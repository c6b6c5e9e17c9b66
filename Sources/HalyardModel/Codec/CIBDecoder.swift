import Foundation

/// Reads Pacemaker CIB XML into the model. Strict in the configuration (an unknown element or
/// attribute is refused with its name, id and line), faithful in the status section (bookkeeping
/// attributes are carried through unchanged).
public enum CIBDecoder {
    public static func decode(_ data: Data) throws(CIBLoadError) -> CIB {
        try decodeSource(data).cib
    }

    public static func decode(_ text: String) throws(CIBLoadError) -> CIB {
        try decode(Data(text.utf8))
    }

    /// Decodes `data` and keeps it with the result, so that `CIBEncoder` can write an unchanged
    /// status section back as it was read. A large status section is read on several threads;
    /// the result, and any error, is the same as on one.
    public static func decodeSource(_ data: Data) throws(CIBLoadError) -> CIBSourceDocument {
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        if threads > 1, let document = try? decodeSource(data, statusThreads: threads) {
            return document
        }
        return try decodeSource(data, statusThreads: 1)
    }

    static func decodeSource(_ data: Data, statusThreads: Int) throws(CIBLoadError) -> CIBSourceDocument {
        let (decoded, statusRange) = try XMLScanner.decodeDocument(data, helping: statusThreads > 1) { root, scanner, helper throws(CIBLoadError) -> (CIB, Range<Int>?) in
            guard root.node.name == "cib" else { throw ElementCursor(root.node).error("the root element must be <cib>") }
            let readers = helper.map { StatusSplit.Readers(helper: $0, others: statusThreads - 2) }
            return try cib(root, &scanner, statusReaders: readers)
        }
        return CIBSourceDocument(cib: decoded, data: data, statusRange: statusRange)
    }

    /// The `<cib>` element begun by `root`, and where its status section lies in the document:
    /// the configuration is read as a tree, the status section (most of a large CIB) element
    /// by element.
    private static func cib(_ root: XMLStartTag, _ scanner: inout XMLScanner, statusReaders: StatusSplit.Readers?) throws(CIBLoadError) -> (CIB, Range<Int>?) {
        var cursor = ElementCursor(root.node)
        var cib = CIB(validateWith: nil)
        cib.validateWith = cursor.optional("validate-with")
        cib.adminEpoch = try cursor.optionalInt("admin_epoch") ?? 0
        cib.epoch = try cursor.optionalInt("epoch") ?? 0
        cib.numUpdates = try cursor.optionalInt("num_updates") ?? 0
        cib.haveQuorum = cursor.optional("have-quorum")
        cib.dcUUID = cursor.optional("dc-uuid")
        cib.otherAttributes = cursor.remainingAttributes()
        var sawConfiguration = false
        var statusRange: Range<Int>?
        while let child = try scanner.child(of: root) {
            switch child.node.name {
            case "configuration":
                if let statusReaders, let split = StatusSplit(ahead: scanner, in: root.tag, parts: statusReaders.parts) {
                    (cib.configuration, cib.status, statusRange) = try configurationAndStatus(child, split.startReading(statusReaders), &scanner, root: root.tag)
                } else {
                    cib.configuration = try ConfigurationDecoder.decode(try scanner.tree(child))
                }
                sawConfiguration = true
            case "status":
                cib.status = try StatusDecoder.decode(child, &scanner, readers: statusReaders)
                statusRange = child.offset..<scanner.offset
            default:
                throw cursor.unsupportedChild(child.node)
            }
        }
        guard sawConfiguration else { throw cursor.error("missing <configuration>") }
        return (cib, statusRange)
    }
}

extension CIBDecoder {
    /// Reads the `configuration` element begun by `child` on this thread while the status
    /// section found ahead is read on others (`status`), then joins in reading it; confirms that
    /// the status section is the next child of the root (an error otherwise, so that the caller
    /// reads the document again in order) and leaves `scanner` after it, lines counted as if
    /// read in turn.
    fileprivate static func configurationAndStatus(_ child: XMLStartTag, _ status: StatusSplit.Reading, _ scanner: inout XMLScanner,
                                                   root: XMLTag) throws(CIBLoadError) -> (Configuration, Status, Range<Int>) {
        let configuration: Result<Configuration, CIBLoadError>
        do throws(CIBLoadError) {
            configuration = .success(try ConfigurationDecoder.decode(try scanner.tree(child)))
        } catch {
            configuration = .failure(error)
        }
        // Finished before anything is thrown: the other threads read the document's bytes.
        let statusNodes = Result { () throws(CIBLoadError) in try status.finish() }
        let decodedConfiguration = try configuration.get()
        let (nodes, end) = try statusNodes.get()
        guard let next = try scanner.childTag(in: root), next.offset == status.statusOffset else {
            throw CIBLoadError("the status section was not where it was looked for")
        }
        scanner = end.resumed(at: end.offset, line: next.line + end.currentLine - 1)
        return (decodedConfiguration, Status(nodes: nodes), next.offset..<scanner.offset)
    }
}

/// Decodes the `configuration` section.
enum ConfigurationDecoder {
    static func decode(_ node: XMLElementNode) throws(CIBLoadError) -> Configuration {
        let cursor = ElementCursor(node)
        try cursor.finish()
        var configuration = Configuration()
        for section in node.children {
            let sectionCursor = ElementCursor(section)
            try sectionCursor.finish()
            switch section.name {
            case "crm_config":
                configuration.clusterProperties = try attributeSets(in: section, allowed: [.clusterProperties])
            case "rsc_defaults":
                configuration.resourceDefaults = try attributeSets(in: section, allowed: [.meta])
            case "op_defaults":
                configuration.operationDefaults = try attributeSets(in: section, allowed: [.meta])
            case "nodes":
                for child in section.children {
                    guard child.name == "node" else { throw sectionCursor.unsupportedChild(child) }
                    configuration.nodes.append(try nodeDefinition(child))
                }
            case "resources":
                for child in section.children {
                    configuration.resources.append(try ResourceDecoder.resource(child, parent: sectionCursor))
                }
            case "constraints":
                for child in section.children {
                    configuration.constraints.append(try ConstraintDecoder.constraint(child, parent: sectionCursor))
                }
            case "fencing-topology":
                for child in section.children {
                    guard child.name == "fencing-level" else { throw sectionCursor.unsupportedChild(child) }
                    configuration.fencingTopology.append(try fencingLevel(child))
                }
            case "alerts":
                for child in section.children {
                    guard child.name == "alert" else { throw sectionCursor.unsupportedChild(child) }
                    configuration.alerts.append(try alert(child))
                }
            default:
                throw cursor.unsupportedChild(section)
            }
        }
        return configuration
    }

    /// Reads every child of `parent` as an attribute set of one of the allowed kinds.
    static func attributeSets(in parent: XMLElementNode, allowed: Set<AttributeSetKind>) throws(CIBLoadError) -> [AttributeSet] {
        var sets: [AttributeSet] = []
        for child in parent.children {
            guard let kind = AttributeSetKind(rawValue: child.name), allowed.contains(kind) else {
                throw ElementCursor(parent).unsupportedChild(child)
            }
            sets.append(try attributeSet(child, kind: kind))
        }
        return sets
    }

    static func attributeSet(_ node: XMLElementNode, kind: AttributeSetKind) throws(CIBLoadError) -> AttributeSet {
        var cursor = ElementCursor(node)
        let idRef = cursor.optional("id-ref")
        let id = idRef == nil ? try cursor.required("id") : (cursor.optional("id") ?? "")
        var set = AttributeSet(kind: kind, id: id, idRef: idRef)
        set.score = try cursor.optionalScore("score")
        try cursor.finish()
        for child in node.children {
            switch child.name {
            case "nvpair":
                set.pairs.append(try nvpair(child))
            case "rule" where set.rule == nil:
                set.rule = try RuleDecoder.rule(child)
            default:
                throw cursor.unsupportedChild(child)
            }
        }
        return set
    }

    static func nvpair(_ node: XMLElementNode) throws(CIBLoadError) -> NVPair {
        var cursor = ElementCursor(node)
        let idRef = cursor.optional("id-ref")
        let id = idRef == nil ? try cursor.required("id") : (cursor.optional("id") ?? "")
        let name = idRef == nil ? try cursor.required("name") : (cursor.optional("name") ?? "")
        let pair = NVPair(id: id, name: name, value: cursor.optional("value"), idRef: idRef)
        try cursor.finishLeaf()
        return pair
    }

    static func nodeDefinition(_ node: XMLElementNode) throws(CIBLoadError) -> Node {
        var cursor = ElementCursor(node)
        var result = Node(id: try cursor.required("id"), uname: try cursor.required("uname"))
        result.type = cursor.optional("type")
        result.score = try cursor.optionalScore("score")
        result.description = cursor.optional("description")
        try cursor.finish()
        try cursor.decodeChildren(into: &result, sets: [(.instance, \.instanceAttributes), (.utilization, \.utilization)])
        return result
    }

    static func fencingLevel(_ node: XMLElementNode) throws(CIBLoadError) -> FencingLevel {
        var cursor = ElementCursor(node)
        let id = try cursor.required("id")
        let index = try cursor.requiredInt("index")
        let devices = try cursor.required("devices").split(separator: ",").map { String($0).trimmingSpaces() }
        var level = FencingLevel(id: id, index: index, devices: devices)
        level.target = cursor.optional("target")
        level.targetPattern = cursor.optional("target-pattern")
        level.targetAttribute = cursor.optional("target-attribute")
        level.targetValue = cursor.optional("target-value")
        try cursor.finishLeaf()
        return level
    }

    static func alert(_ node: XMLElementNode) throws(CIBLoadError) -> Alert {
        var cursor = ElementCursor(node)
        var alert = Alert(id: try cursor.required("id"), path: try cursor.required("path"))
        alert.description = cursor.optional("description")
        try cursor.finish()
        try cursor.decodeChildren(into: &alert, sets: [(.instance, \.instanceAttributes), (.meta, \.metaAttributes)]) { child, alert throws(CIBLoadError) in
            guard child.name == "recipient" else { return false }
            alert.recipients.append(try recipient(child))
            return true
        }
        return alert
    }

    static func recipient(_ node: XMLElementNode) throws(CIBLoadError) -> Alert.Recipient {
        var cursor = ElementCursor(node)
        var recipient = Alert.Recipient(id: try cursor.required("id"), value: try cursor.required("value"))
        recipient.description = cursor.optional("description")
        try cursor.finish()
        try cursor.decodeChildren(into: &recipient, sets: [(.instance, \.instanceAttributes), (.meta, \.metaAttributes)])
        return recipient
    }
}

extension CIBDecoder {
    /// The version counters of a CIB document, read from its root element alone.
    public static func version(of data: Data) throws(CIBLoadError) -> CIBVersion {
        let root: XMLElementNode
        do {
            root = try XMLReader.parseRootStartTag(data)
        } catch {
            throw CIBLoadError(error.message, line: error.line)
        }
        var cursor = ElementCursor(root)
        guard root.name == "cib" else { throw cursor.error("the root element must be <cib>") }
        return CIBVersion(adminEpoch: try cursor.optionalInt("admin_epoch") ?? 0, epoch: try cursor.optionalInt("epoch") ?? 0,
                          numUpdates: try cursor.optionalInt("num_updates") ?? 0)
    }

    /// Reads a `<configuration>` element, or the configuration of a whole `<cib>` document:
    /// what `crmctl configure load xml` accepts.
    public static func decodeConfiguration(_ data: Data) throws(CIBLoadError) -> Configuration {
        try XMLScanner.decodeDocument(data) { root, scanner, _ throws(CIBLoadError) in
            switch root.node.name {
            case "cib": return try cib(root, &scanner, statusReaders: nil).0.configuration
            case "configuration": return try ConfigurationDecoder.decode(try scanner.tree(root))
            default: throw CIBLoadError("expected a <cib> or <configuration> document", element: root.node.name, line: root.node.line)
            }
        }
    }
}
