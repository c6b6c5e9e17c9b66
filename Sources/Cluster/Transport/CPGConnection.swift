import CCorosync
import Glibc

/// One libcpg handle joined to a group. Used only on the transport's thread: callbacks run
/// inside `dispatch()` and collect events, which the caller then takes.
final class CPGConnection {
    private var handle: cpg_handle_t = 0
    private var group = cpg_name()
    private(set) var fd: Int32 = -1
    private(set) var local = MemberAddress(node: 0, pid: 0)
    private var events: [TransportEvent] = []

    /// Connects to the local corosync and joins `groupName`.
    init(group groupName: String) throws(CorosyncError) {
        let bytes = Array(groupName.utf8.prefix(Int(CPG_MAX_NAME_LENGTH)))
        group.length = UInt32(bytes.count)
        withUnsafeMutableBytes(of: &group.value) { $0.copyBytes(from: bytes) }
        var model = cpg_model_v1_data_t()
        model.model = CPG_MODEL_V1
        model.cpg_deliver_fn = { handle, _, node, pid, message, length in
            let payload = message.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
            CPGConnection.owner(of: handle)?.events.append(.delivered(from: MemberAddress(node: node, pid: pid), payload: payload))
        }
        model.cpg_confchg_fn = { handle, _, members, memberCount, left, leftCount, joined, joinedCount in
            let view = MembershipView(
                members: CPGConnection.addresses(members, memberCount).map(\.member),
                joined: CPGConnection.addresses(joined, joinedCount),
                left: CPGConnection.addresses(left, leftCount))
            CPGConnection.owner(of: handle)?.events.append(.view(view))
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let opened = withUnsafeMutablePointer(to: &model) {
            $0.withMemoryRebound(to: cpg_model_data_t.self, capacity: 1) {
                cpg_model_initialize(&handle, CPG_MODEL_V1, $0, context)
            }
        }
        try CorosyncError.check("cpg_model_initialize", opened)
        do {
            try CorosyncError.check("cpg_fd_get", cpg_fd_get(handle, &fd))
            var node: UInt32 = 0
            try CorosyncError.check("cpg_local_get", cpg_local_get(handle, &node))
            local = MemberAddress(node: node, pid: UInt32(getpid()))
            try CorosyncError.check("cpg_join", Self.retrying { cpg_join(handle, &group) })
        } catch {
            cpg_finalize(handle)
            throw error
        }
    }

    /// Runs the callbacks for everything pending on the fd and returns what they collected.
    func dispatch() throws(CorosyncError) -> [TransportEvent] {
        let result = cpg_dispatch(handle, CS_DISPATCH_ALL)
        defer { events = [] }
        if result != CS_OK, result != CS_ERR_TRY_AGAIN { throw CorosyncError("cpg_dispatch", result) }
        return events
    }

    /// Multicasts in agreed order. `CS_ERR_TRY_AGAIN` (flow control) comes back as `false`.
    func multicast(_ payload: [UInt8]) throws(CorosyncError) -> Bool {
        let result = payload.withUnsafeBytes { raw in
            var vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count)
            return cpg_mcast_joined(handle, CPG_TYPE_AGREED, &vector, 1)
        }
        if result == CS_ERR_TRY_AGAIN { return false }
        try CorosyncError.check("cpg_mcast_joined", result)
        return true
    }

    /// Asks the daemon something cheap: fails with `CS_ERR_LIBRARY` once it is gone.
    func checkAlive() throws(CorosyncError) {
        var node: UInt32 = 0
        try CorosyncError.check("cpg_local_get", cpg_local_get(handle, &node))
    }

    /// Leaves the group and closes the handle.
    func close() {
        cpg_finalize(handle)
    }

    private static func owner(of handle: cpg_handle_t) -> CPGConnection? {
        var context: UnsafeMutableRawPointer?
        guard cpg_context_get(handle, &context) == CS_OK, let context else { return nil }
        return Unmanaged<CPGConnection>.fromOpaque(context).takeUnretainedValue()
    }

    private static func addresses(_ list: UnsafePointer<cpg_address>?, _ count: Int) -> [MembershipChange] {
        guard let list else { return [] }
        return UnsafeBufferPointer(start: list, count: count).map {
            MembershipChange(MemberAddress(node: $0.nodeid, pid: $0.pid), MembershipReason(rawValue: $0.reason) ?? .undefined)
        }
    }

    /// Retries a call that answers `CS_ERR_TRY_AGAIN` while corosync is busy (a few times, briefly).
    static func retrying(_ call: () -> cs_error_t) -> cs_error_t {
        var result = call()
        for _ in 0..<50 where result == CS_ERR_TRY_AGAIN {
            usleep(20_000)
            result = call()
        }
        return result
    }
}
