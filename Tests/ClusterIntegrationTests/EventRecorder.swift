import Cluster
import Foundation

/// Collects one transport's events from its thread; tests read them and wait (with a deadline)
/// for the event they expect.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [TransportEvent] = []

    func record(_ event: TransportEvent) { lock.withLock { events.append(event) } }

    var views: [MembershipView] {
        lock.withLock { events.compactMap { if case .view(let view) = $0 { view } else { nil } } }
    }

    var payloads: [String] {
        lock.withLock { events.compactMap { if case .delivered(_, let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { nil } } }
    }

    var quorum: [QuorumState] {
        lock.withLock { events.compactMap { if case .quorum(let state) = $0 { state } else { nil } } }
    }

    var connections: Int {
        lock.withLock { events.filter { if case .connected = $0 { true } else { false } }.count }
    }

    var disconnections: [String] {
        lock.withLock { events.compactMap { if case .disconnected(let reason, _) = $0 { reason } else { nil } } }
    }

    /// Waits until `condition` holds, for at most `seconds`; returns whether it did.
    func wait(seconds: Double, until condition: (EventRecorder) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(20_000)
        }
        return condition(self)
    }
}
