/// A Pacemaker score: an integer clamped to ±INFINITY (1 000 000), with Pacemaker's saturating
/// arithmetic in which −INFINITY dominates (+INFINITY + −INFINITY = −INFINITY).
public struct Score: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The magnitude Pacemaker calls INFINITY.
    public static let infinityValue = 1_000_000

    public static let infinity = Score(clamping: infinityValue)
    public static let minusInfinity = Score(clamping: -infinityValue)
    public static let zero = Score(clamping: 0)

    /// The clamped integer value, in −1 000 000 … 1 000 000.
    public let value: Int

    public init(clamping value: Int) {
        self.value = min(max(value, -Score.infinityValue), Score.infinityValue)
    }

    /// Parses a score as Pacemaker writes it: an integer, or `INFINITY`, `+INFINITY`, `-INFINITY`
    /// (case-insensitive; crmsh's `inf`, `+inf`, `-inf` too). Returns nil for anything else.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        switch lowered {
        case "infinity", "+infinity", "inf", "+inf": self = .infinity
        case "-infinity", "-inf": self = .minusInfinity
        default:
            var digits = Substring(lowered)
            var negative = false
            if let sign = digits.first, sign == "+" || sign == "-" {
                negative = sign == "-"
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let magnitude = Int(digits) else { return nil }
            self.init(clamping: negative ? -magnitude : magnitude)
        }
    }

    public var isInfinite: Bool { abs(value) == Score.infinityValue }
    public var isPositiveInfinity: Bool { value == Score.infinityValue }
    public var isNegativeInfinity: Bool { value == -Score.infinityValue }

    /// Pacemaker's spelling: `INFINITY`, `-INFINITY` or the integer.
    public var description: String {
        switch value {
        case Score.infinityValue: "INFINITY"
        case -Score.infinityValue: "-INFINITY"
        default: String(value)
        }
    }

    /// Saturating addition: −INFINITY wins over everything, then +INFINITY, else a clamped sum.
    public static func + (lhs: Score, rhs: Score) -> Score {
        if lhs.isNegativeInfinity || rhs.isNegativeInfinity { return .minusInfinity }
        if lhs.isPositiveInfinity || rhs.isPositiveInfinity { return .infinity }
        return Score(clamping: lhs.value + rhs.value)
    }

    public static func += (lhs: inout Score, rhs: Score) { lhs = lhs + rhs }

    public static prefix func - (score: Score) -> Score { Score(clamping: -score.value) }

    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.value < rhs.value }
}
