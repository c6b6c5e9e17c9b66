import Foundation

/// The director's log: timestamped lines on standard error, and in the configured `logfile`.
public struct DirectorLog: Sendable {
    private let file: String?

    public init(file: String?) { self.file = file }

    public func info(_ message: String) { write("info", message) }
    public func error(_ message: String) { write("error", message) }

    private func write(_ level: String, _ message: String) {
        let line = "\(Date().formatted(.iso8601)) ldirector[\(getpid())] \(level): \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
        guard let file, let handle = FileHandle(forWritingAtPath: file) ?? create(file) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try? handle.close()
    }

    private func create(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }
}
