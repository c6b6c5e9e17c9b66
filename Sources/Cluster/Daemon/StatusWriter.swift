import CIBAdmin
import Foundation
import Logging
import HalyardModel

/// Writes the CIB after status changes, at most once a second: a transition's results arrive
/// in bursts, and only the newest copy matters on disk (configuration changes are written at
/// once, with history, by `CIBStateDirectory.persist`).
final class StatusWriter: @unchecked Sendable {
    private let state: CIBStateDirectory
    private let log: Logger
    private let queue = DispatchQueue(label: "crmd.status-writer")
    private let lock = NSLock()
    private var pending: CIB?

    init(state: CIBStateDirectory, log: Logger) {
        self.state = state
        self.log = log
    }

    func save(_ cib: CIB) {
        let scheduled = lock.withLock {
            defer { pending = cib }
            return pending != nil
        }
        guard !scheduled else { return }
        queue.asyncAfter(deadline: .now() + .seconds(1)) { [self] in
            guard let cib = lock.withLock({ () -> CIB? in defer { pending = nil }; return pending }) else { return }
            do throws(AdminError) {
                try state.save(cib)
            } catch {
                log.error("CIB \(cib.version) not written: \(error.message)")
            }
        }
    }
}
