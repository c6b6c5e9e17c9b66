import CCorosync
import Glibc

/// The quorum service (quorate notifications) plus votequorum (votes and flags), used only on
/// the transport's thread like `CPGConnection`.
final class QuorumConnection {
    private var handle: quorum_handle_t = 0
    private var votequorum: votequorum_handle_t = 0
    private let localNode: UInt32
    private(set) var fd: Int32 = -1
    private var events: [TransportEvent] = []

    init(localNode: UInt32) throws(CorosyncError) {
        self.localNode = localNode
        var model = quorum_model_v1_data_t()
        model.model = QUORUM_MODEL_V1
        model.quorum_notify_fn = { handle, quorate, ring, count, list in
            guard let owner = QuorumConnection.owner(of: handle) else { return }
            let nodes = list.map { Array(UnsafeBufferPointer(start: $0, count: Int(count))) } ?? []
            owner.events.append(.quorum(QuorumState(quorate: quorate != 0, ringSequence: ring.seq, nodes: nodes, votes: owner.votes())))
        }
        var quorumType: UInt32 = 0
        let context = Unmanaged.passUnretained(self).toOpaque()
        let opened = withUnsafeMutablePointer(to: &model) {
            $0.withMemoryRebound(to: quorum_model_data_t.self, capacity: 1) {
                quorum_model_initialize(&handle, QUORUM_MODEL_V1, $0, &quorumType, context)
            }
        }
        try CorosyncError.check("quorum_model_initialize", opened)
        do {
            try CorosyncError.check("quorum_fd_get", quorum_fd_get(handle, &fd))
            try CorosyncError.check("quorum_trackstart", quorum_trackstart(handle, UInt32(CS_TRACK_CURRENT | CS_TRACK_CHANGES)))
            var callbacks = votequorum_callbacks_t()
            try CorosyncError.check("votequorum_initialize", votequorum_initialize(&votequorum, &callbacks))
        } catch {
            quorum_finalize(handle)
            throw error
        }
    }

    /// Runs the notification callback for everything pending and returns what it collected.
    func dispatch() throws(CorosyncError) -> [TransportEvent] {
        let result = quorum_dispatch(handle, CS_DISPATCH_ALL)
        defer { events = [] }
        if result != CS_OK, result != CS_ERR_TRY_AGAIN { throw CorosyncError("quorum_dispatch", result) }
        return events
    }

    func close() {
        votequorum_finalize(votequorum)
        quorum_finalize(handle)
    }

    private func votes() -> QuorumState.Votes? {
        var info = votequorum_info()
        guard votequorum_getinfo(votequorum, localNode, &info) == CS_OK else { return nil }
        return QuorumState.Votes(
            expected: info.node_expected_votes, total: info.total_votes, quorum: info.quorum,
            twoNode: info.flags & UInt32(VOTEQUORUM_INFO_TWONODE) != 0,
            waitForAll: info.flags & UInt32(VOTEQUORUM_INFO_WAIT_FOR_ALL) != 0)
    }

    private static func owner(of handle: quorum_handle_t) -> QuorumConnection? {
        var context: UnsafeRawPointer?
        guard quorum_context_get(handle, &context) == CS_OK, let context else { return nil }
        return Unmanaged<QuorumConnection>.fromOpaque(context).takeUnretainedValue()
    }
}
