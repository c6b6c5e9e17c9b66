import Foundation
import HalyardModel
import Testing

/// `XMLReader.parseDocument`: documents with text content, such as agent meta-data, read by the
/// same scanner as CIBs; `XMLReader.parse` (CIBs) stays as strict as before.
@Suite struct XMLTextDocumentTests {
    static let metadata = """
        <?xml version="1.0"?>
        <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
        <resource-agent name="x">
          <longdesc lang="en">Keeps &lt;this&gt; &amp; that,
            over two lines &#233;</longdesc>
          <shortdesc><![CDATA[raw <b>&amp;</b>]]> text</shortdesc>
          <!-- a comment -->
          <actions><action name="start" timeout="20s"/></actions>
        </resource-agent>
        """

    @Test func textIsKeptWithReferencesDecodedAndCDATAAsWritten() throws {
        let root = try XMLReader.parseDocument(Data(Self.metadata.utf8))
        #expect(root.name == "resource-agent")
        #expect(root.children.map(\.name) == ["longdesc", "shortdesc", "actions"])
        #expect(root.children[0].text == "Keeps <this> & that,\n    over two lines é")
        #expect(root.children[1].text == "raw <b>&amp;</b> text")
        #expect(root.children[2].children[0]["timeout"] == "20s")
    }

    @Test func aDoctypeThatCouldDefineEntitiesIsRefused() {
        let withSubset = "<!DOCTYPE r [<!ENTITY boom \"x\">]><r>&boom;</r>"
        #expect(throws: XMLDocumentError.self) { try XMLReader.parseDocument(Data(withSubset.utf8)) }
        #expect(throws: XMLDocumentError.self) { try XMLReader.parseDocument(Data("<r>&boom;</r>".utf8)) }
    }

    @Test func aDoctypesQuotedIdentifiersMayHoldBracketsAndAngles() throws {
        let quoted = "<!DOCTYPE r PUBLIC \"-//x[1]//EN\" 'a>b.dtd'>\n<r>ok</r>"
        #expect(try XMLReader.parseDocument(Data(quoted.utf8)).text == "ok")
        #expect(Self.refusal("\n<!DOCTYPE r SYSTEM \"r.dtd\n<r/>")?.line == 2)
    }

    @Test func aDoctypeWithoutItsClosingBracketIsRefusedAtItsLine() {
        let refusal = Self.refusal("\n<!DOCTYPE r SYSTEM 'r.dtd'\n<r>text</r>")
        #expect(refusal?.line == 2 && refusal?.message.contains("DOCTYPE") == true, "\(String(describing: refusal))")
    }

    @Test func malformedTextDocumentsAreRefusedWithTheirLine() {
        #expect(throws: XMLDocumentError.self) { try XMLReader.parseDocument(Data("<r><a>text</r>".utf8)) }
        #expect(throws: XMLDocumentError.self) { try XMLReader.parseDocument(Data("<r>unterminated".utf8)) }
        #expect(Self.refusal("<r>\n\n<a></b></r>")?.line == 3)
    }

    @Test func cibReadingStillRefusesTextDoctypeAndCDATA() {
        #expect(throws: XMLDocumentError.self) { try XMLReader.parse(Self.metadata) }
        #expect(throws: XMLDocumentError.self) { try XMLReader.parse("<cib>text</cib>") }
        #expect(throws: XMLDocumentError.self) { try XMLReader.parse("<cib><![CDATA[x]]></cib>") }
        #expect((try? XMLReader.parse("<cib><configuration/></cib>"))?.text == "")
    }

    /// Why `parseDocument` refuses `text`; nil when it accepts it.
    static func refusal(_ text: String) -> XMLDocumentError? {
        do {
            _ = try XMLReader.parseDocument(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }
}
