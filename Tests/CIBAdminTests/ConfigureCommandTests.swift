import Foundation
import HalyardModel
import Testing
@testable import CIBAdmin

/// `configure` end to end on a CIB file: every write validated, epoch-bumped and atomic; every
/// refusal leaves the file exactly as it was.
@Suite struct ConfigureCommandTests {
    let directory = TemporaryDirectory()

    func cibWith(_ crm: String) throws -> String {
        let path = directory.file("cib.xml")
        let source = directory.write("start.crm", crm)
        _ = try ConfigureCommand.on(path).run(["load", "replace", source])
        return path
    }

    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    @Test func loadReplaceCreatesTheFileAndShowReadsItBack() throws {
        let path = try cibWith("primitive d ocf:pacemaker:Dummy op monitor interval=10s\nproperty stonith-enabled=false\n")
        let cib = try CIBFileStore(path: path).load()
        #expect(cib.epoch == 1)
        #expect(cib.configuration.resources.map(\.id) == ["d"])
        let shown = try ConfigureCommand.on(path).run(["show"]).output
        #expect(shown.contains("primitive d ocf:pacemaker:Dummy"))
        let xml = try ConfigureCommand.on(path).run(["show", "xml", "d"]).output
        #expect(xml.contains("<primitive id=\"d\""))
        #expect(!xml.contains("stonith-enabled"))
    }

    @Test func oneShotDefinitionBumpsEpochAndQuotesWords() throws {
        let path = try cibWith("property stonith-enabled=false\n")
        _ = try ConfigureCommand.on(path).run(["primitive", "vip", "ocf:halyard:IPaddr", "params", "ip=10.0.0.10", "description=the web address"])
        let cib = try CIBFileStore(path: path).load()
        #expect(cib.epoch == 2)
        #expect(cib.numUpdates == 0)
        guard case .primitive(let vip)? = cib.configuration.resource(id: "vip") else { Issue.record("vip missing"); return }
        #expect(vip.instanceAttributes.firstValue("ip") == "10.0.0.10")
        #expect(vip.instanceAttributes.firstValue("description") == "the web address")
    }

    @Test func syntaxErrorsPointAtLineAndColumnAndWriteNothing() throws {
        let path = try cibWith("property stonith-enabled=false\n")
        let before = bytes(path)
        let bad = directory.write("bad.crm", "primitive a ocf:pacemaker:Dummy\nlocation l1 a 100 n1\n")
        do {
            _ = try ConfigureCommand.on(path).run(["load", "update", bad])
            Issue.record("a location without a colon was accepted")
        } catch {
            #expect(error.message.contains("line 2"))
            #expect(error.message.contains("^"))
            #expect(error.exitStatus == 1)
        }
        #expect(bytes(path) == before)
    }

    @Test func validationErrorsRefuseTheCommitAndWriteNothing() throws {
        let path = try cibWith("primitive a ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n")
        let before = bytes(path)
        #expect(throws: AdminError.self) {
            try ConfigureCommand.on(path).run(["colocation", "c", "inf:", "a", "ghost"])
        }
        #expect(bytes(path) == before)
    }

    @Test func aStaleCommitIsRefused() throws {
        let path = try cibWith("primitive a ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n")
        let store = CIBFileStore(path: path)
        let base = try store.load()
        _ = try ConfigureCommand.on(path).run(["primitive", "b", "ocf:pacemaker:Dummy"])
        var mine = base.configuration
        mine.resources.removeAll()
        do {
            _ = try CIBCommit.commit(mine, over: base, to: store)
            Issue.record("a commit based on an old epoch was accepted")
        } catch {
            #expect(error.message.contains("changed meanwhile"))
        }
        #expect(try store.load().configuration.resources.map(\.id) == ["a", "b"])
    }

    @Test func aCorruptFileIsNeverLoadedNorOverwritten() throws {
        let path = directory.write("cib.xml", "<cib epoch=\"3\"><configuration><resources>")
        let before = bytes(path)
        #expect(throws: AdminError.self) { try ConfigureCommand.on(path).run(["show"]) }
        #expect(throws: AdminError.self) { try ConfigureCommand.on(path).run(["primitive", "x", "ocf:pacemaker:Dummy"]) }
        #expect(bytes(path) == before)
    }

    @Test func deleteTakesDependentConstraintsAlongAndSaysSo() throws {
        let path = try cibWith("""
            primitive a ocf:pacemaker:Dummy
            primitive b ocf:pacemaker:Dummy
            location a-pref a 100: n1
            colocation b-with-a inf: b a
            property stonith-enabled=false
            """)
        let report = try ConfigureCommand.on(path).run(["delete", "a"])
        #expect(report.messages.first?.contains("a-pref") == true)
        #expect(report.messages.first?.contains("b-with-a") == true)
        let configuration = try CIBFileStore(path: path).load().configuration
        #expect(configuration.resources.map(\.id) == ["b"])
        #expect(configuration.constraints.isEmpty)
        #expect(throws: AdminError.self) { try ConfigureCommand.on(path).run(["delete", "nothing-here"]) }
    }

    @Test func xmlUpdateMergesByID() throws {
        let path = try cibWith("primitive a ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n")
        let update = directory.write("update.xml", """
            <configuration><crm_config><cluster_property_set id="cib-bootstrap-options">
              <nvpair id="x" name="no-quorum-policy" value="ignore"/></cluster_property_set></crm_config>
            <resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
            <primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/></resources></configuration>
            """)
        _ = try ConfigureCommand.on(path).run(["load", "update", update])
        let configuration = try CIBFileStore(path: path).load().configuration
        #expect(configuration.allPrimitives.map(\.agentSpec) == ["ocf:heartbeat:Dummy", "ocf:pacemaker:Dummy"])
        #expect(configuration.clusterProperties.firstValue("stonith-enabled") == "false")
        #expect(configuration.clusterProperties.firstValue("no-quorum-policy") == "ignore")
    }

    @Test func editReoffersAfterAMistakeAndCommitsOnlyValidText() throws {
        let path = try cibWith("primitive a ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n")
        let editor = ScriptedEditor(edits: [
            { $0 + "\nprimitiv typo ocf:pacemaker:Dummy\n" },
            { $0.replacingOccurrences(of: "primitiv typo", with: "primitive fixed") },
        ], retryAnswers: [true])
        _ = try ConfigureCommand.on(path, editor: editor).run(["edit"])
        #expect(editor.problems.count == 1)
        #expect(try CIBFileStore(path: path).load().configuration.resources.map(\.id) == ["a", "fixed"])
    }

    @Test func abandonedEditWritesNothing() throws {
        let path = try cibWith("primitive a ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n")
        let before = bytes(path)
        let editor = ScriptedEditor(edits: [{ $0 + "\ncolocation c inf: a ghost\n" }], retryAnswers: [false])
        #expect(throws: AdminError.self) { try ConfigureCommand.on(path, editor: editor).run(["edit"]) }
        #expect(bytes(path) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func unknownCommandsSuggestTheClosest() {
        do {
            _ = try ConfigureCommand.on(directory.file("cib.xml")).run(["primitve", "x"])
            Issue.record("accepted a misspelt command")
        } catch {
            #expect(error.exitStatus == 2)
            #expect(error.message.contains("primitive"))
        }
    }
}
