import Foundation
import HalyardModel

/// Pacemaker's integer score arithmetic on plain `Int`s (the hot path of allocation), with
/// ±INFINITY saturation in which −INFINITY dominates.
enum ScoreMath {
    static let infinity = Score.infinityValue

    /// Saturating addition: −INFINITY wins, then +INFINITY, else the clamped sum.
    static func add(_ lhs: Int, _ rhs: Int) -> Int {
        if lhs <= -infinity || rhs <= -infinity { return -infinity }
        if lhs >= infinity || rhs >= infinity { return infinity }
        return min(max(lhs + rhs, -infinity), infinity)
    }

    /// A score as Pacemaker reads one (`INFINITY`, `-INFINITY`, integers); unparsable text is 0.
    static func parse(_ text: String?) -> Int {
        guard let text else { return 0 }
        return Score(parsing: text.trimmingCharacters(in: .whitespaces))?.value ?? 0
    }
}
