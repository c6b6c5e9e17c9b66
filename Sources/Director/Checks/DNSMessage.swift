/// The DNS wire format a health check needs: one A query, and the addresses of the answer.
enum DNSMessage {
    /// A recursive query for the A records of `name`.
    static func query(id: UInt16, name: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xff), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in name.split(separator: ".") {
            let utf8 = Array(label.utf8.prefix(63))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes += [0, 0, 1, 0, 1]
        return bytes
    }

    /// A parsed answer: its response code and the A record addresses in its answer section.
    struct Answer: Equatable {
        var responseCode: Int
        var addresses: [String]
    }

    /// Parses a response to the query `id`; nil when it is not one (wrong id, not a response, truncated).
    static func answer(_ bytes: [UInt8], id: UInt16) -> Answer? {
        guard bytes.count >= 12, UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == id, bytes[2] & 0x80 != 0 else { return nil }
        let questions = Int(bytes[4]) << 8 | Int(bytes[5])
        let answers = Int(bytes[6]) << 8 | Int(bytes[7])
        var offset = 12
        for _ in 0..<questions {
            guard let end = skipName(bytes, at: offset), end + 4 <= bytes.count else { return nil }
            offset = end + 4
        }
        var addresses: [String] = []
        for _ in 0..<answers {
            guard let end = skipName(bytes, at: offset), end + 10 <= bytes.count else { return nil }
            let type = Int(bytes[end]) << 8 | Int(bytes[end + 1])
            let length = Int(bytes[end + 8]) << 8 | Int(bytes[end + 9])
            let data = end + 10
            guard data + length <= bytes.count else { return nil }
            if type == 1, length == 4 { addresses.append(bytes[data..<data + 4].map(String.init).joined(separator: ".")) }
            offset = data + length
        }
        return Answer(responseCode: Int(bytes[3] & 0x0f), addresses: addresses)
    }

    /// The offset after a (possibly compressed) name.
    private static func skipName(_ bytes: [UInt8], at start: Int) -> Int? {
        var offset = start
        while offset < bytes.count {
            let length = Int(bytes[offset])
            if length == 0 { return offset + 1 }
            if length & 0xc0 == 0xc0 { return offset + 2 <= bytes.count ? offset + 2 : nil }
            offset += length + 1
        }
        return nil
    }
}
