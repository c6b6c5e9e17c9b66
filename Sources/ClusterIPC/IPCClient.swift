import Foundation
import Glibc

/// One request/response exchange with crmd.
public enum IPCClient {
    /// Connects to `socketPath`, sends `request` and waits (at most `timeoutSeconds`) for the answer.
    public static func call(_ request: IPCRequest, socketPath: String, timeoutSeconds: Int = 60) throws(IPCError) -> IPCResponse {
        let fd = try UnixSocket.make()
        defer { close(fd) }
        let connected = try UnixSocket.withAddress(socketPath) { connect(fd, $0, $1) }
        guard connected == 0 else {
            switch errno {
            case ENOENT, ECONNREFUSED:
                throw IPCError("crmd is not running (nothing listens on \(socketPath)); start crmd, or use -f FILE to work on a CIB file",
                              notRunning: true)
            case EACCES, EPERM:
                throw IPCError("permission denied on \(socketPath): crmd serves root and the \(IPCDefaults.group) group only")
            default:
                throw IPCError("cannot connect to crmd at \(socketPath): \(String(cString: strerror(errno)))")
            }
        }
        UnixSocket.setTimeout(fd, seconds: timeoutSeconds)
        do {
            try IPCFrame.write(request, to: fd)
        } catch {
            // crmd answers a refused client at once and closes: its answer is still there to read.
            if let answer = try? IPCFrame.read(IPCResponse.self, from: fd) { return answer }
            throw error
        }
        return try IPCFrame.read(IPCResponse.self, from: fd)
    }
}
