import Scheduler
import Testing

/// The scheduler against Pacemaker on every shared conformance case: the number of cases whose
/// placement, and whose transition (summary and executed actions), equal Pacemaker's never
/// drops below the committed floors.
@Suite struct ConformanceTests {
    /// Raise these as the scheduler improves; CI then catches regressions.
    static let placementFloor = 279
    static let actionsFloor = 281

    @Test func placementMatchesPacemaker() {
        let run = ConformanceRun(expectedSuffix: "placement") { PlacementFormat.lines(Scheduler.schedule($0)) }
        guard run.ran else { return }
        print("conformance (placement): \(run.summary)")
        #expect(run.passed >= Self.placementFloor)
    }

    @Test func actionsMatchPacemaker() {
        let run = ConformanceRun(expectedSuffix: "actions") { ActionsFormat.lines(Scheduler.plan($0)) }
        guard run.ran else { return }
        print("conformance (actions): \(run.summary)")
        #expect(run.passed >= Self.actionsFloor)
    }
}
