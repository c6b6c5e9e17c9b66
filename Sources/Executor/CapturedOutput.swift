/// One output stream of an agent, kept up to a limit; what does not fit is counted and dropped.
public struct CapturedOutput: Sendable, Equatable {
    /// The bytes kept (at most `limit`).
    public private(set) var bytes: [UInt8] = []
    /// How many bytes arrived after the limit was reached.
    public private(set) var droppedBytes = 0
    public let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    mutating func append<Bytes: Collection<UInt8>>(_ chunk: Bytes) {
        let room = max(0, limit - bytes.count)
        bytes.append(contentsOf: chunk.prefix(room))
        droppedBytes += max(0, chunk.count - room)
    }

    /// The kept bytes as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text after the last line starting with `prefix`, trimmed; nil when there is none.
    public func lastLine(startingWith prefix: String) -> String? {
        text.split(separator: "\n", omittingEmptySubsequences: true)
            .last { $0.hasPrefix(prefix) }
            .map { $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension Set where Element == Character {
    fileprivate static let whitespacesAndNewlines: Set<Character> = [" ", "\t", "\r", "\n"]
}
