import Foundation
import Testing

/// The built `ldirector` against real backends in network namespaces (Scripts/lab/director-lab.sh;
/// root only, skipped with a message otherwise), once on the nftables data plane (failed servers
/// leave the table) and once on the userspace one (quiescent: they stay at weight 0). See
/// `LabScenario` for what must hold; one lab serves both runs, about 25 s in all.
@Suite(.serialized) struct DirectorLabTests {
    @Test func realBackendsThroughTheNFTablesAndUserspaceDataPlanes() async throws {
        if let reason = await DirectorLab.unavailableReason() {
            print("skipped: director lab (\(reason))")
            return
        }
        let lab = DirectorLab()
        do {
            try await lab.up()
            for (plane, quiescent) in [("nftables", false), ("userspace", true)] {
                let started = Date()
                try await LabScenario(lab: lab, plane: plane, quiescent: quiescent).run()
                print("director lab (\(plane)): scenario took \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            }
        } catch {
            await lab.down()
            throw error
        }
        await lab.down()
    }
}
