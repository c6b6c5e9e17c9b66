/// A line diff of two texts in unified style (`-` removed, `+` added, two lines of context,
/// `@@` between distant changes); empty when they are equal. Common leading and trailing lines
/// are set aside first; what remains is matched by longest common subsequence (a large remainder
/// is shown as removed then added, rather than spending quadratic time on it).
enum LineDiff {
    static let context = 2
    static let matchLimit = 4_000_000

    static func unified(_ old: String, _ new: String, from: String, to: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a != b else { return "" }
        let script = edits(a, b)
        var lines = ["--- \(from)", "+++ \(to)"]
        var lastShown = -1
        for (index, edit) in script.enumerated() where edit.mark != " " {
            let start = max(lastShown + 1, index - context)
            if lastShown >= 0 && start > lastShown + 1 { lines.append("@@") }
            for shown in start...index { lines.append(script[shown].mark + script[shown].line) }
            lastShown = index
            var after = index + 1
            while after < script.count && after <= index + context && script[after].mark == " " {
                lines.append(" " + script[after].line)
                lastShown = after
                after += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Edit {
        var mark: String
        var line: String
    }

    private static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        let middle = x.count * y.count <= matchLimit ? matched(x, y) : x.map { Edit(mark: "-", line: $0) } + y.map { Edit(mark: "+", line: $0) }
        return a[..<prefix].map { Edit(mark: " ", line: $0) } + middle + a[(a.count - suffix)...].map { Edit(mark: " ", line: $0) }
    }

    private static func matched(_ x: [String], _ y: [String]) -> [Edit] {
        var lengths = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lengths[i][j] = x[i] == y[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [Edit] = []
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count && j < y.count && x[i] == y[j] {
                result.append(Edit(mark: " ", line: x[i])); i += 1; j += 1
            } else if j < y.count && (i == x.count || lengths[i][j + 1] >= lengths[i + 1][j]) {
                result.append(Edit(mark: "+", line: y[j])); j += 1
            } else {
                result.append(Edit(mark: "-", line: x[i])); i += 1
            }
        }
        return result
    }
}
