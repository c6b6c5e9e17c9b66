import Foundation
import Testing
@testable import HalyardModel

/// Hostile and malformed XML: each is refused with a located message, never a crash.
@Suite struct XMLReaderTests {
    @Test func readsElementsAttributesInOrderAndEntities() throws {
        let root = try XMLReader.parse("""
            <?xml version="1.0"?>
            <!-- a comment -->
            <a z="1" y='two' x="&lt;&amp;&gt;&quot;&apos;&#65;&#x42;">
              <b/>
              <c k="line&#10;break"></c>
            </a>
            """)
        #expect(root.name == "a")
        #expect(root.attributes.map(\.name) == ["z", "y", "x"])
        #expect(root["x"] == "<&>\"'AB")
        #expect(root.children.map(\.name) == ["b", "c"])
        #expect(root.children[1]["k"] == "line\nbreak")
        #expect(root.children[1].line == 5)
    }

    @Test(arguments: [
        ("<a><b></a>", "does not close"),
        ("<a>", "ends before"),
        ("<a b=\"1></a>", "not allowed in an attribute value"),
        ("<a b=\"1", "ends inside an attribute value"),
        ("<a b=1/>", "quoted value"),
        ("<a b=\"1\" b=\"2\"/>", "appears twice"),
        ("<a>text</a>", "unexpected text"),
        ("<a><![CDATA[x]]></a>", "CDATA"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "DOCTYPE"),
        ("<a b=\"&bogus;\"/>", "unknown entity"),
        ("<a/><b/>", "after the root"),
        ("", "empty"),
        ("   ", "empty"),
        ("<a b=\"<\"/>", "not allowed"),
        ("<a", "ends inside"),
        ("<1a/>", "element name"),
        ("<a><!-- never closed </a>", "unterminated comment"),
        ("<a><!ELEMENT b ANY></a>", "declarations are not accepted inside elements"),
        ("<a><?pi never closed</a>", "unterminated processing instruction"),
        ("<a><", "element name"),
        ("<a b=\"1\" op-status=\"0\" op-digest=\"x\" op-status=\"1\"/>", "\"op-status\" appears twice"),
    ])
    func refusesMalformed(input: String, expected: String) {
        do {
            _ = try XMLReader.parse(input)
            Issue.record("accepted malformed input \(input)")
        } catch {
            #expect(error.message.contains(expected), "\(input): got \(error.message)")
            #expect(error.line != nil)
        }
    }

    @Test func refusesNonUTF8() {
        let bytes: [UInt8] = Array("<a b=\"".utf8) + [0xFF, 0xFE] + Array("\"/>".utf8)
        #expect(throws: XMLDocumentError.self) { try XMLReader.parse(Data(bytes)) }
    }

    @Test func refusesDeepNesting() {
        let depth = XMLReader.maximumDepth + 1
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        do {
            _ = try XMLReader.parse(text)
            Issue.record("accepted nesting \(depth) deep")
        } catch {
            #expect(error.message.contains("nested deeper"))
        }
        let ok = String(repeating: "<a>", count: depth - 1) + String(repeating: "</a>", count: depth - 1)
        #expect(throws: Never.self) { try XMLReader.parse(ok) }
    }

    @Test func keepsHugeAttributeValues() throws {
        let huge = String(repeating: "x", count: 4_000_000)
        let root = try XMLReader.parse("<a v=\"\(huge)\"/>")
        #expect(root["v"]?.count == huge.count)
    }

    @Test func writerEscapesWhatTheReaderDecodes() throws {
        var writer = XMLWriter()
        let tricky = "a<b>&\"c'\nd\te"
        writer.element("x", [("v", tricky), ("absent", nil)])
        #expect(!writer.text.contains("absent"))
        #expect(try XMLReader.parse(writer.text)["v"] == tricky)
    }
}
