import Foundation
import Testing
@testable import HalyardModel

/// A large status section is read on several threads and written back from its source bytes:
/// the results are those of reading on one thread and encoding, whatever the document holds.
@Suite struct LargeStatusTests {
    /// A CIB whose status section is over `StatusSplit.minimumSize`: `nodes` node_states with
    /// `resources` histories each; `extra` goes inside every lrm_resource, and `lastOperation`
    /// into one more history at the end.
    static func document(nodes: Int = 4, resources: Int = 1_200, extra: String = "", lastOperation: String? = nil) -> String {
        var text = """
            <cib admin_epoch="0" epoch="3" num_updates="1">
              <configuration><crm_config/><nodes/><resources/><constraints/></configuration>
              <status>\n
            """
        for node in 1...nodes {
            text += "    <node_state id=\"\(node)\" uname=\"n\(node)\" in_ccm=\"true\" crmd=\"online\">\n"
            text += "      <lrm id=\"\(node)\"><lrm_resources>\n"
            for resource in 0..<resources {
                text += "        <lrm_resource id=\"r\(resource)\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\(extra)\n"
                text += "          <lrm_rsc_op id=\"r\(resource)_last_0\" operation=\"monitor\" call-id=\"\(node * 10_000 + resource)\" "
                text += "rc-code=\"7\" op-status=\"0\" interval=\"0\" transition-magic=\"0:7;3:1:7:x\" op-digest=\"0123456789abcdef0123\"/>\n"
                text += "        </lrm_resource>\n"
            }
            if node == nodes, let lastOperation {
                text += "        <lrm_resource id=\"last\" class=\"ocf\" type=\"Dummy\">\n\(lastOperation)\n        </lrm_resource>\n"
            }
            text += "      </lrm_resources></lrm>\n    </node_state>\n"
        }
        return text + "  </status>\n</cib>\n"
    }

    static func sequential(_ text: String) throws(CIBLoadError) -> CIB {
        try CIBDecoder.decodeSource(Data(text.utf8), statusThreads: 1).cib
    }

    @Test func severalThreadsReadWhatOneReads() throws {
        let text = Self.document()
        #expect(text.utf8.count > StatusSplit.minimumSize)
        let parallel = try CIBDecoder.decodeSource(Data(text.utf8), statusThreads: 3).cib
        let same = try parallel == Self.sequential(text)
        #expect(same)
        #expect(parallel.status.nodes.map(\.uname) == ["n1", "n2", "n3", "n4"])
        #expect(parallel.status.nodes.allSatisfy { $0.resources.count == 1_200 })
    }

    @Test func aCutInsideACommentIsCaughtAndReadOnOneThread() throws {
        // Every history holds a commented-out node_state, so the cut in the middle of the
        // second of three node_states finds one inside a comment.
        let text = Self.document(nodes: 3, extra: "<!-- <node_state id=\"decoy\"/> -->")
        let parallelRefused = (try? CIBDecoder.decodeSource(Data(text.utf8), statusThreads: 2)) == nil
        #expect(parallelRefused)
        let cib = try CIBDecoder.decode(text)
        let same = try cib == Self.sequential(text)
        #expect(same)
        #expect(!cib.status.nodes.contains { $0.id == "decoy" })
    }

    @Test func theStatusFoundAheadIsReadWhileTheConfigurationIs() throws {
        let text = Self.document()
        let split = try #require(Self.splitAhead(text))
        let status = try #require(text.range(of: "<status>"))
        #expect(split.statusOffset == text.utf8.distance(from: text.startIndex, to: status.lowerBound))
        let parallel = try CIBDecoder.decodeSource(Data(text.utf8), statusThreads: 2)
        #expect(try parallel.cib == Self.sequential(text))
        #expect(parallel.statusRange == (try CIBDecoder.decodeSource(Data(text.utf8), statusThreads: 1)).statusRange)
    }

    @Test func aStatusTagInAConfigurationCommentIsNotTakenForTheSection() throws {
        let decoy = Self.document().replacingOccurrences(of: "<crm_config/>", with: "<!-- <status> --><crm_config/>")
        #expect(Self.splitAhead(decoy) != nil)
        #expect((try? CIBDecoder.decodeSource(Data(decoy.utf8), statusThreads: 2)) == nil)
        #expect(try CIBDecoder.decode(decoy) == Self.sequential(decoy))
    }

    @Test(arguments: [1, 4]) func invalidUTF8IsRefusedWhateverTheSize(nodes: Int) {
        var bytes = Array(Self.document(nodes: nodes, resources: nodes == 1 ? 3 : 1_200).utf8)
        bytes[bytes.lastIndex(of: UInt8(ascii: "D"))!] = 0xFF  // in the last history's "Dummy"
        #expect(bytes.count > StatusSplit.minimumSize || nodes == 1)
        #expect(throws: CIBLoadError(XMLScanner.notUTF8)) { try CIBDecoder.decode(Data(bytes)) }
    }

    /// The split `CIBDecoder` looks ahead for when it reaches the configuration of `text`.
    static func splitAhead(_ text: String) -> StatusSplit? {
        XMLReader.scan(Data(text.utf8)) { scanner in
            guard let root = try? scanner.rootTag(), (try? scanner.nextTag(in: root.tag)) != nil else { return nil }
            return StatusSplit(ahead: scanner, in: root.tag, parts: 2)
        }
    }

    @Test func anErrorLateInTheStatusKeepsItsLine() {
        let bad = "          <lrm_rsc_op id=\"bad\" operation=\"start\" call-id=\"x\" rc-code=\"0\" op-status=\"0\" interval=\"0\"/>"
        let text = Self.document(lastOperation: bad)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("id=\"bad\"") }! + 1
        #expect(throws: CIBLoadError("attribute \"call-id\" must be an integer, not \"x\"", element: "lrm_rsc_op", elementID: "bad", line: line)) {
            try CIBDecoder.decode(text)
        }
    }

    @Test(arguments: ["0", "+5", "-0", "-17", "9223372036854775807", "-9223372036854775808", "&#49;2", "9223372036854775808", "", "1 ", "1_0", "- 1"])
    func integersReadAsIntReadsThem(value: String) throws {
        let operation = "<lrm_rsc_op id=\"o\" operation=\"start\" call-id=\"\(value)\" rc-code=\"0\" op-status=\"0\" interval=\"0\"/>"
        let text = Self.document(nodes: 1, resources: 1, lastOperation: operation)
        let decoded = try? XMLReader.parse(text).children[1].children[0].children[0].children[0].children[1].children[0]["call-id"]
        if let expected = decoded.flatMap({ $0 }).flatMap({ Int($0) }) {
            let cib = try CIBDecoder.decode(text)
            #expect(cib.status.nodes[0].resources[1].operations[0].callID == expected)
        } else {
            #expect(throws: CIBLoadError.self) { try CIBDecoder.decode(text) }
        }
    }

    /// Everything `output` received, joined.
    static func encoded(_ cib: CIB, reusing source: CIBSourceDocument?) -> String {
        var bytes: [UInt8] = []
        CIBEncoder.encode(cib, reusing: source) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func anUnchangedStatusIsWrittenAsItWasRead() throws {
        // Single quotes and a comment: the encoder itself never writes either.
        let status = "<status>\n<node_state id='1' uname='n1'><!-- kept --></node_state>\n  </status>"
        let text = "<cib epoch=\"4\"><configuration><crm_config/><nodes/><resources/><constraints/></configuration>\n  \(status)\n</cib>"
        let source = try CIBDecoder.decodeSource(Data(text.utf8))
        var edited = source.cib
        edited.epoch = 5
        edited.configuration.nodes.append(Node(id: "1", uname: "n1"))
        let written = Self.encoded(edited, reusing: source)
        #expect(written.contains("\n  \(status)\n</cib>\n"))
        #expect(try CIBDecoder.decode(written) == edited)
        #expect(try CIBDecoder.decode(written).epoch == 5)
    }

    @Test func aChangedStatusIsEncodedAgain() throws {
        let text = Self.document(nodes: 2, resources: 3)
        let source = try CIBDecoder.decodeSource(Data(text.utf8))
        var edited = source.cib
        edited.status.nodes[1].lrm?.resources.removeLast()
        #expect(Self.encoded(edited, reusing: source) == CIBEncoder.encode(edited))
        #expect(Self.encoded(source.cib, reusing: nil) == CIBEncoder.encode(source.cib))
        #expect(try CIBDecoder.decode(Self.encoded(source.cib, reusing: source)) == source.cib)
    }
}
