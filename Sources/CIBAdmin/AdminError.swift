/// A refused administrative request: what went wrong, and the exit status crmctl reports.
///
/// Exit statuses: 1 = the input or the configuration was refused, 2 = the command was misused.
public struct AdminError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var exitStatus: Int32

    public init(_ message: String, exitStatus: Int32 = 1) {
        self.message = message
        self.exitStatus = exitStatus
    }

    public static func usage(_ message: String) -> AdminError { AdminError(message, exitStatus: 2) }

    public var description: String { message }
}
