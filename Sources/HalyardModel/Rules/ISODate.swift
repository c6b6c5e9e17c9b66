/// ISO 8601 date-times as Pacemaker's rules and lifetimes write them (`2026-11-22 04:35:00Z`,
/// `2026-11-22T04:35:00+01:00`, `2026-11-22`), converted to and from seconds since the epoch
/// with calendar arithmetic of our own: no clock, no time-zone database (offsets are explicit;
/// no offset means UTC).
public enum ISODate {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when the text is not a date-time.
    public static func epochSeconds(parsing text: String) -> Int? {
        let characters = Array(text.trimmingSpaces())
        var reader = NumberReader(characters: characters)
        guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
              let day = reader.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = 0
        if reader.skip("T") || reader.skip(" ") {
            guard let hour = reader.digits(2), hour < 24, reader.skip(":"), let minute = reader.digits(2), minute < 60 else { return nil }
            var second = 0
            if reader.skip(":") {
                guard let value = reader.digits(2), value < 61 else { return nil }
                second = value
            }
            seconds = hour * 3600 + minute * 60 + second
        }
        var offset = 0
        if reader.skip("Z") {
            offset = 0
        } else if let sign = reader.peek(), sign == "+" || sign == "-" {
            reader.advance()
            guard let hours = reader.digits(2) else { return nil }
            _ = reader.skip(":")
            let minutes = reader.digits(2) ?? 0
            offset = (sign == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
        }
        guard reader.atEnd else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + seconds - offset
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for the given epoch seconds.
    public static func string(fromEpochSeconds seconds: Int) -> String {
        let parts = components(epochSeconds: seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    /// The UTC calendar fields of a moment.
    public struct Components: Hashable, Sendable {
        public var year, month, day, hour, minute, second: Int
        /// 1 = Monday … 7 = Sunday (ISO 8601).
        public var weekday: Int
        /// 1 … 366.
        public var yearday: Int
    }

    public static func components(epochSeconds seconds: Int) -> Components {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        let weekday = ((days % 7) + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
        let yearday = days - daysFromCivil(year: year, month: 1, day: 1) + 1
        return Components(year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
                          second: secondOfDay % 60, weekday: weekday, yearday: yearday)
    }

    /// Epoch seconds of a calendar date-time (months may overflow: month 14 is February next year).
    public static func epochSeconds(year: Int, month: Int, day: Int, secondOfDay: Int) -> Int {
        let normalizedYear = year + Int((Double(month - 1) / 12).rounded(.down))
        let normalizedMonth = ((month - 1) % 12 + 12) % 12 + 1
        let clampedDay = min(day, daysIn(month: normalizedMonth, year: normalizedYear))
        return daysFromCivil(year: normalizedYear, month: normalizedMonth, day: clampedDay) * 86_400 + secondOfDay
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads fixed-width numbers and separators from a date-time text.
private struct NumberReader {
    let characters: [Character]
    var index = 0

    var atEnd: Bool { index == characters.count }

    func peek() -> Character? { index < characters.count ? characters[index] : nil }

    mutating func advance() { index += 1 }

    mutating func skip(_ character: Character) -> Bool {
        guard peek() == character else { return false }
        index += 1
        return true
    }

    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= characters.count else { return nil }
        let slice = characters[index..<(index + count)]
        guard slice.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(String(slice)) else { return nil }
        index += count
        return value
    }
}
