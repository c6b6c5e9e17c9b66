import ClusterIPC
import Foundation

/// Answers collected from several threads.
final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [IPCResponse]

    init(count: Int) { values = Array(repeating: .invalid(reason: "no answer"), count: count) }

    func set(_ index: Int, _ value: IPCResponse) { lock.withLock { values[index] = value } }

    var all: [IPCResponse] { lock.withLock { values } }
}
