import Foundation
import Testing

/// crmctl as an operator runs it: exit statuses, messages, and files left untouched on refusal.
@Suite(.enabled(if: CrmctlRunner.executable != nil, "crmctl is not built next to the tests"))
struct CrmctlTests {
    let scratch = Scratch()

    func newCIB(_ crm: String = "primitive d ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n") throws -> String {
        let source = scratch.write("start.crm", crm)
        let cib = scratch.path + "/cib.xml"
        let outcome = try CrmctlRunner.run(["-f", cib, "configure", "load", "replace", source])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return cib
    }

    @Test func showPrintsCrmshSyntaxAndXML() throws {
        let cib = try newCIB()
        let crm = try CrmctlRunner.run(["-f", cib, "configure", "show"])
        #expect(crm.status == 0)
        #expect(crm.stdout.contains("primitive d ocf:pacemaker:Dummy"))
        let xml = try CrmctlRunner.run(["configure", "show", "xml"], environment: ["CIB_file": cib])
        #expect(xml.status == 0)
        #expect(xml.stdout.hasPrefix("<configuration>"))
    }

    @Test func oneShotEditThroughTheShell() throws {
        let cib = try newCIB()
        let outcome = try CrmctlRunner.run(["-f", cib, "configure", "primitive", "vip", "ocf:halyard:IPaddr", "params", "ip=10.0.0.10"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let shown = try CrmctlRunner.run(["-f", cib, "configure", "show", "vip"])
        #expect(shown.stdout.contains("ip=10.0.0.10"))
    }

    @Test func verifyExitStatusSeparatesWarningsFromErrors() throws {
        let clean = try newCIB()
        #expect(try CrmctlRunner.run(["-f", clean, "verify"]).status == 0)

        let warned = scratch.write("warned.xml", """
            <cib epoch="1"><configuration><crm_config><cluster_property_set id="o">
            <nvpair id="o1" name="stonith-enabled" value="false"/><nvpair id="o2" name="no-quorum-polcy" value="stop"/>
            </cluster_property_set></crm_config><nodes/><resources/><constraints/></configuration></cib>
            """)
        let warning = try CrmctlRunner.run(["-f", warned, "verify"])
        #expect(warning.status == 1)
        #expect(warning.stdout.contains("no-quorum-policy"), "a did-you-mean suggestion")

        let broken = scratch.write("broken.xml", """
            <cib epoch="1"><configuration><crm_config/><nodes/><resources/><constraints>
            <rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="b"/></constraints></configuration></cib>
            """)
        #expect(try CrmctlRunner.run(["-f", broken, "verify"]).status == 2)
    }

    @Test(arguments: [
        Data("<cib epoch=\"1\"><configuration><resources>".utf8),
        Data([0x3C, 0x63, 0x69, 0x62, 0xFF, 0xFE, 0x3E]),
        Data("<cib><configuration><crm_config/><nodes/><resources><bundle id=\"b\"/></resources><constraints/></configuration></cib>".utf8),
        Data((String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)).utf8),
    ])
    func hostileCIBFilesAreRefusedAndLeftAlone(content: Data) throws {
        let cib = scratch.write("cib.xml", content)
        let show = try CrmctlRunner.run(["-f", cib, "configure", "show"])
        #expect(show.status == 1)
        #expect(show.stderr.hasPrefix("crmctl: "))
        #expect(!show.stderr.contains("Fatal error"))
        let edit = try CrmctlRunner.run(["-f", cib, "configure", "property", "maintenance-mode=true"])
        #expect(edit.status == 1)
        #expect(scratch.read("cib.xml") == content)
        #expect(try CrmctlRunner.run(["-f", cib, "verify"]).status == 2)
    }

    @Test(arguments: [
        "primitiv x ocf:pacemaker:Dummy\n",
        "primitive x ocf:pacemaker:Dummy params ip=\"unterminated\n",
        "location l x 100 n1\n",
        "colocation c inf: onlyone\n",
        "primitive x ocf:pacemaker:Dummy \\",
        String(repeating: "x", count: 1_000_000) + "\n",
    ])
    func crmshTyposAreLocatedAndWriteNothing(text: String) throws {
        let cib = try newCIB()
        let before = scratch.read("cib.xml")
        let source = scratch.write("typo.crm", text)
        let outcome = try CrmctlRunner.run(["-f", cib, "configure", "load", "update", source])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 1"), "\(outcome.stderr.prefix(300))")
        #expect(scratch.read("cib.xml") == before)
    }

    @Test func nonUTF8InputIsRefused() throws {
        let cib = try newCIB()
        let source = scratch.write("latin1.crm", Data([0x70, 0x72, 0x69, 0x6D, 0xE9, 0x0A]))
        let outcome = try CrmctlRunner.run(["-f", cib, "configure", "load", "update", source])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("UTF-8"))
    }

    @Test func misuseExitsTwo() throws {
        #expect(try CrmctlRunner.run(["configure", "show"]).status == 2, "no CIB file given")
        let cib = try newCIB()
        #expect(try CrmctlRunner.run(["-f", cib, "configure"]).status == 2)
        #expect(try CrmctlRunner.run(["-f", cib, "configure", "load", "sideways", "x"]).status == 2)
    }

    @Test func editWithARealEditorCommand() throws {
        let cib = try newCIB()
        let editor = scratch.write("editor.sh", "#!/bin/sh\nprintf 'primitive added ocf:pacemaker:Dummy\\n' >> \"$1\"\n")
        chmod(editor, 0o755)
        let outcome = try CrmctlRunner.run(["-f", cib, "configure", "edit"], environment: ["EDITOR": editor])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let shown = try CrmctlRunner.run(["-f", cib, "configure", "show", "added"])
        #expect(shown.stdout.contains("primitive added"))
    }

    @Test func editThatStaysBrokenIsAbandonedWhenTheOperatorSaysNo() throws {
        let cib = try newCIB()
        let before = scratch.read("cib.xml")
        let editor = scratch.write("editor.sh", "#!/bin/sh\nprintf 'colocation broken inf: d\\n' >> \"$1\"\n")
        chmod(editor, 0o755)
        let outcome = try CrmctlRunner.run(["-f", cib, "configure", "edit"], stdin: "n\n", environment: ["EDITOR": editor])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("Edit again?"))
        #expect(scratch.read("cib.xml") == before)
    }
}

/// `crmctl cluster init` writes corosync.conf and a key, and refuses bad input and overwrites.
@Suite(.enabled(if: CrmctlRunner.executable != nil, "crmctl is not built next to the tests"))
struct ClusterInitTests {
    let scratch = Scratch()

    @Test func writesAnEncryptedKnetConfigurationAndAKey() throws {
        let outcome = try CrmctlRunner.run(["cluster", "init", "--nodes", "n1=10.0.0.1,n2=10.0.0.2", "--output", scratch.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let conf = try String(contentsOfFile: scratch.path + "/corosync.conf", encoding: .utf8)
        for line in ["transport: knet", "crypto_cipher: aes256", "two_node: 1", "name: n2", "nodeid: 2", "ring0_addr: 10.0.0.2"] {
            #expect(conf.contains(line), "\(line)")
        }
        let key = try FileManager.default.attributesOfItem(atPath: scratch.path + "/authkey")
        #expect(key[.size] as? Int == 256)
        #expect((key[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o400)
        let again = try CrmctlRunner.run(["cluster", "init", "--nodes", "n1=10.0.0.1", "--output", scratch.path])
        #expect(again.status == 2 && again.stderr.contains("exists"), "\(again.stderr)")
    }

    @Test(arguments: ["n1=10.0.0.300", "n1", "n1=10.0.0.1,n1=10.0.0.2", "n1=10.0.0.1,n2=10.0.0.1", ""])
    func refusesBadNodeLists(_ nodes: String) throws {
        let outcome = try CrmctlRunner.run(["cluster", "init", "--nodes", nodes, "--output", scratch.path])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/corosync.conf"))
    }
}
