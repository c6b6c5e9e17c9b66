/// Pacemaker's boolean spellings: true/false, yes/no, on/off, y/n, 1/0 (case-insensitive).
public enum Boolean {
    public static func parse(_ text: String?) -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on", "y", "1": return true
        case "false", "no", "off", "n", "0": return false
        default: return nil
        }
    }
}

/// Pacemaker's time intervals: a number with an optional unit (`ms`, `msec`, `us`, `s`, `sec`,
/// `m`, `min`, `h`, `hr`, `d`) or an ISO 8601 duration (`PT10S`, `P1D`).
public enum Duration {
    /// The interval in milliseconds, or nil when the text is not a valid interval. Read as
    /// UTF-8 bytes (intervals are ASCII; surrounding ASCII white space is ignored): the scheduler
    /// reads every operation's interval.
    public static func milliseconds(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { milliseconds(utf8: $0[...]) }
    }

    private static func milliseconds(utf8 text: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var bytes = text
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        guard let first = bytes.first, bytes.count <= 40 else { return nil }
        if first == UInt8(ascii: "P") || first == UInt8(ascii: "p") { return iso8601Milliseconds(String(decoding: bytes, as: UTF8.self)) }
        var number = 0
        var index = bytes.startIndex
        while index < bytes.endIndex, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, overflow) = number.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            number = times10 + Int(digit)
            index += 1
        }
        guard index > bytes.startIndex else { return nil }
        let factor: Int
        switch String(decoding: bytes[index...], as: UTF8.self).lowercased() {
        case "", "s", "sec", "secs", "second", "seconds": factor = 1000
        case "ms", "msec", "msecs": return number
        case "us", "usec", "usecs": return number / 1000
        case "m", "min", "mins", "minute", "minutes": factor = 60_000
        case "h", "hr", "hrs", "hour", "hours": factor = 3_600_000
        case "d", "day", "days": factor = 86_400_000
        default: return nil
        }
        let (product, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }

    /// ASCII white space, as C's isspace.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func iso8601Milliseconds(_ text: String) -> Int? {
        var total = 0
        var number = ""
        var inTime = false
        var sawUnit = false
        for ch in text.uppercased().dropFirst() {
            if ch == "T" { inTime = true; continue }
            if ch.isNumber { number.append(ch); continue }
            guard let value = Int(number) else { return nil }
            number = ""
            let factor: Int
            switch (ch, inTime) {
            case ("Y", false): factor = 365 * 86_400_000
            case ("M", false): factor = 30 * 86_400_000
            case ("W", false): factor = 7 * 86_400_000
            case ("D", false): factor = 86_400_000
            case ("H", true): factor = 3_600_000
            case ("M", true): factor = 60_000
            case ("S", true): factor = 1000
            default: return nil
            }
            total += value * factor
            sawUnit = true
        }
        return number.isEmpty && sawUnit ? total : nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
