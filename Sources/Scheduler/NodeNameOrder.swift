/// The order Pacemaker lists nodes in: by name, ignoring case, with runs of digits compared as
/// numbers (`node2` before `node10`).
enum NodeNameOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        compare(Array(a.utf8), Array(b.utf8)) < 0
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                let (endA, endB) = (digitRunEnd(a, i), digitRunEnd(b, j))
                let order = compareNumbers(a[i..<endA], b[j..<endB])
                if order != 0 { return order }
                (i, j) = (endA, endB)
                continue
            }
            let (x, y) = (lowercased(a[i]), lowercased(b[j]))
            if x != y { return Int(x) - Int(y) }
            i += 1
            j += 1
        }
        return (a.count - i) - (b.count - j)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }

    private static func digitRunEnd(_ bytes: [UInt8], _ start: Int) -> Int {
        var end = start
        while end < bytes.count && isDigit(bytes[end]) { end += 1 }
        return end
    }

    /// Compares two digit runs by value: leading zeros dropped, then the longer is larger,
    /// then digit by digit.
    private static func compareNumbers(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        let x = a.drop { $0 == 0x30 }, y = b.drop { $0 == 0x30 }
        if x.count != y.count { return x.count - y.count }
        for (p, q) in zip(x, y) where p != q { return Int(p) - Int(q) }
        return 0
    }
}
