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
    /// The interval in milliseconds, or nil when the text is not a valid interval.
    public static func milliseconds(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 40 else { return nil }
        if trimmed.hasPrefix("P") || trimmed.hasPrefix("p") { return iso8601Milliseconds(trimmed) }
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        let factor: Int
        switch unit {
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
