import Foundation
import Testing

/// The built `ldirector` against real apache2, postfix and named in lab nodes
/// (Scripts/lab/director-lab.sh; root only, skipped with a message otherwise): once on the
/// nftables data plane with an ldirectord.cf (failed servers leave the table), once on the
/// userspace one with a keepalived configuration (inhibit_on_failure: they stay at weight 0).
/// See `LabScenario` for what must hold; one lab serves both runs.
@Suite(.serialized) struct DirectorLabTests {
    @Test func realBackendsThroughTheNFTablesAndUserspaceDataPlanes() async throws {
        if let reason = await DirectorLab.unavailableReason() {
            print("skipped: director lab (\(reason))")
            return
        }
        let lab = DirectorLab()
        do {
            try await lab.up()
            for (plane, syntax, quiescent) in [("nftables", LabScenario.Syntax.ldirectord, false), ("userspace", .keepalived, true)] {
                let started = Date()
                try await LabScenario(lab: lab, plane: plane, syntax: syntax, quiescent: quiescent).run()
                print("director lab (\(plane)): scenario took \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            }
        } catch {
            await lab.down()
            throw error
        }
        await lab.down()
    }
}
