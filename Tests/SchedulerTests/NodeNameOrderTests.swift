@testable import Scheduler
import Testing

/// The node order of `crm_simulate -s` listings: case-insensitive, digit runs by value.
@Suite struct NodeNameOrderTests {
    @Test func digitRunsCompareAsNumbers() {
        let names = ["node10", "node2", "node1", "node16", "node9"]
        #expect(names.sorted(by: NodeNameOrder.precedes) == ["node1", "node2", "node9", "node10", "node16"])
    }

    @Test func caseIsIgnoredAndLeadingZerosDoNotCount() {
        #expect(NodeNameOrder.precedes("Alpha", "beta"))
        #expect(NodeNameOrder.precedes("rack1-node02", "rack1-node3"))
        #expect(NodeNameOrder.compare(Array("n007".utf8), Array("N7".utf8)) == 0)
    }

    @Test func aPrefixComesFirst() {
        #expect(NodeNameOrder.precedes("node", "node1"))
        #expect(!NodeNameOrder.precedes("node1", "node"))
        #expect(NodeNameOrder.precedes("web-1", "web-1a"))
    }
}
