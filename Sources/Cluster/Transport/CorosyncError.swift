import CCorosync

/// A corosync library call that did not return `CS_OK`.
public struct CorosyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The library function, e.g. `cpg_join`.
    public var operation: String
    /// The raw `cs_error_t`.
    public var code: UInt32

    init(_ operation: String, _ code: cs_error_t) {
        self.operation = operation
        self.code = code.rawValue
    }

    public var description: String {
        let names: [UInt32: String] = [
            2: "CS_ERR_LIBRARY", 3: "CS_ERR_VERSION", 4: "CS_ERR_INIT", 5: "CS_ERR_TIMEOUT", 6: "CS_ERR_TRY_AGAIN",
            7: "CS_ERR_INVALID_PARAM", 8: "CS_ERR_NO_MEMORY", 9: "CS_ERR_BAD_HANDLE", 10: "CS_ERR_BUSY",
            11: "CS_ERR_ACCESS", 12: "CS_ERR_NOT_EXIST", 14: "CS_ERR_EXIST", 18: "CS_ERR_NO_RESOURCES",
            23: "CS_ERR_QUEUE_FULL", 26: "CS_ERR_TOO_BIG", 100: "CS_ERR_SECURITY",
        ]
        return "\(operation): \(names[code] ?? "cs_error_t \(code)")"
    }

    /// Throws unless `result` is `CS_OK`.
    static func check(_ operation: String, _ result: cs_error_t) throws(CorosyncError) {
        guard result == CS_OK else { throw CorosyncError(operation, result) }
    }
}
