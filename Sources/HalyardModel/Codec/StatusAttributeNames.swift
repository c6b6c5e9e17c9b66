/// The names of the bookkeeping attributes the cluster writes on status elements, made into
/// strings once: the status decoder carries these through on every `lrm_rsc_op` (tens of
/// thousands in a large CIB) and takes the name from here instead of making a string each time.
enum StatusAttributeNames {
    private static let known: [StaticString] = [
        "operation_key", "transition-key", "transition-magic", "exec-time", "queue-time", "op-digest",
        "op-force-restart", "op-restart-digest", "op-secure-params", "op-secure-digest",
        "crm-debug-origin", "crm_feature_set", "last-run", "last-rc-change", "exit-reason", "on_node",
    ]

    /// The known names by length in bytes, each with its string.
    private static let byLength: [[(bytes: StaticString, name: String)]] = {
        var table = Array(repeating: [(bytes: StaticString, name: String)](), count: known.map(\.utf8CodeUnitCount).max()! + 1)
        for name in known { table[name.utf8CodeUnitCount].append((name, name.description)) }
        return table
    }()

    /// The name whose bytes are at `range` in the scanner's document.
    static func name(_ range: Range<Int>, _ scanner: XMLScanner) -> String {
        if range.count < byLength.count {
            for candidate in byLength[range.count] where scanner.bytes(range, equal: candidate.bytes) { return candidate.name }
        }
        return scanner.string(range)
    }
}
