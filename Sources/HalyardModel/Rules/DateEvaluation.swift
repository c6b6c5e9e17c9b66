/// Whether a date expression holds at a given moment (seconds since the epoch, UTC), as
/// Pacemaker's rule engine decides: `lt` before `end`, `gt` after `start`, `in_range` between
/// `start` and `end` (or `start` + `duration`), `date_spec` when every given field matches.
/// Pure: the moment is an argument.
extension DateExpression {
    public func isSatisfied(at now: Int) -> Bool {
        let start = self.start.flatMap(ISODate.epochSeconds(parsing:))
        let end = self.end.flatMap(ISODate.epochSeconds(parsing:))
        switch operation {
        case .lt:
            guard let end else { return false }
            return now < end
        case .gt:
            guard let start else { return false }
            return now > start
        case .inRange:
            if self.start != nil && start == nil { return false }
            if let start, now < start { return false }
            if let end { return now <= end }
            if let duration, let start { return now <= duration.adding(to: start) }
            return start != nil
        case .dateSpec:
            return dateSpec?.matches(ISODate.components(epochSeconds: now)) ?? false
        }
    }
}

extension DateFields {
    /// `start` plus this duration (`years`, `months`, `weeks`, `days`, `hours`, `minutes`, `seconds`).
    public func adding(to start: Int) -> Int {
        func value(_ name: String) -> Int { fields.first(where: { $0.name == name }).flatMap { Int($0.value) } ?? 0 }
        let parts = ISODate.components(epochSeconds: start)
        let secondOfDay = parts.hour * 3600 + parts.minute * 60 + parts.second
        let calendar = ISODate.epochSeconds(year: parts.year + value("years"), month: parts.month + value("months"),
                                            day: parts.day, secondOfDay: secondOfDay)
        return calendar + (value("weeks") * 7 + value("days")) * 86_400 + value("hours") * 3600 + value("minutes") * 60 + value("seconds")
    }

    /// Whether every field (a number or an inclusive range `a-b`) matches the moment.
    public func matches(_ moment: ISODate.Components) -> Bool {
        fields.allSatisfy { field in
            let actual: Int
            switch field.name {
            case "seconds": actual = moment.second
            case "minutes": actual = moment.minute
            case "hours": actual = moment.hour
            case "monthdays": actual = moment.day
            case "weekdays": actual = moment.weekday
            case "yeardays", "yearsdays": actual = moment.yearday
            case "months": actual = moment.month
            case "years", "weekyears": actual = moment.year
            default: return false  // weeks and moon phases are not evaluated
            }
            return DateFields.range(field.value)?.contains(actual) ?? false
        }
    }

    static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", maxSplits: 1).map { Int($0.trimmingSpaces()) }
        switch bounds.count {
        case 1: return bounds[0].map { $0...$0 }
        case 2:
            guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
            return low...high
        default: return nil
        }
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
