import Dispatch

/// A value computed on another thread while the caller goes on; `wait()` returns it once ready.
public final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before `ready` is signalled, read only after waiting for it.
    private var value: Value?
    private let ready = DispatchSemaphore(value: 0)

    /// Computes the value on `queue`: by default any free thread; a serial queue runs its
    /// values one after another on one thread.
    public init(on queue: DispatchQueue = .global(), _ compute: @escaping @Sendable () -> Value) {
        queue.async {
            self.value = compute()
            self.ready.signal()
        }
    }

    /// The value, waiting for it if the worker has not finished. Call it once.
    public func wait() -> Value {
        ready.wait()
        guard let value else { preconditionFailure("signalled before the value was set") }
        return value
    }
}
