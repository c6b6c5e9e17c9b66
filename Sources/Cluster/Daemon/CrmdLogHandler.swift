import Foundation
import Logging

/// crmd's swift-log handler: one line per message on stderr (or to `write`, in tests), either
/// text for people — `2025-01-31T12:00:00.123Z crmd[PID] notice: text key=value …` — or one JSON
/// object per line for log shippers (`time`, `pid`, `level`, `message` and the metadata).
public struct CrmdLogHandler: LogHandler {
    /// How lines are written.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let format: Format
    private let write: @Sendable (String) -> Void

    public init(format: Format = .text, write: (@Sendable (String) -> Void)? = nil) {
        self.format = format
        self.write = write ?? { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let time = Self.timestamp(Date())
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\(Self.quotedIfNeeded("\($0.value)"))" }.joined()
            write("\(time) crmd[\(getpid())] \(event.level): \(event.message)\(fields)\n")
        case .json:
            var object: [String: Any] = ["time": time, "pid": Int(getpid()), "level": "\(event.level)", "message": "\(event.message)"]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            write(String(decoding: data, as: UTF8.self) + "\n")
        }
    }

    /// ISO 8601 with milliseconds, UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A value with spaces, quotes or `=` in double quotes, so `key=value` pairs stay parseable.
    static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
