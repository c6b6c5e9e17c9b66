import HalyardModel

/// crmsh's id scheme, shared by the parser (to generate ids) and the printer (to decide when an
/// id must be written out): the natural id `base`, or `base-0`, `base-1` … when taken.
/// One allocator covers one statement; every id it sees, written or generated, is recorded in order.
struct IDAllocator {
    private var used: Set<String> = []

    /// The id the parser would generate now for an element whose natural id is `base`.
    func candidate(_ base: String) -> String {
        if !used.contains(base) { return base }
        var counter = 0
        while used.contains("\(base)-\(counter)") { counter += 1 }
        return "\(base)-\(counter)"
    }

    /// Parser side: the written id if any, else the generated one; recorded either way.
    mutating func assign(_ written: String?, base: String) -> String {
        let id = written ?? candidate(base)
        used.insert(id)
        return id
    }

    /// Printer side: whether `actual` must be written out, recording it as the parser will.
    mutating func mustWrite(_ actual: String, base: String) -> Bool {
        let generated = candidate(base)
        used.insert(actual)
        return generated != actual
    }

    mutating func record(_ id: String) { used.insert(id) }
}

/// Ids of the children crmsh derives from their parent's id.
enum DerivedID {
    static func set(_ owner: String, _ kindSuffix: String) -> String { "\(owner)-\(kindSuffix)" }
    static func operation(_ owner: String, _ name: String, _ interval: String) -> String { "\(owner)-\(name)-\(interval)" }
    static func rule(_ owner: String) -> String { "\(owner)-rule" }
    static func expression(_ rule: String) -> String { "\(rule)-expression" }
    static func resourceSet(_ constraint: String) -> String { constraint }
    static func recipient(_ alert: String, _ number: Int) -> String { "\(alert)-recipient-\(number)" }
    static let fencingLevel = "fencing"

    /// nvpair ids are always regenerated: `<set-id>-<name>`, `-0`, `-1` … within the set on repeats.
    static func nvpairs(_ pairs: [NVPair], setID: String) -> [NVPair] {
        var allocator = IDAllocator()
        return pairs.map { pair in
            guard pair.idRef == nil, pair.id.isEmpty else {
                allocator.record(pair.id)
                return pair
            }
            var copy = pair
            copy.id = allocator.assign(nil, base: "\(setID)-\(pair.name)")
            return copy
        }
    }
}

extension AttributeSetKind {
    /// The suffix crmsh appends to the owner's id for a set of this kind.
    var idSuffix: String { rawValue }
}
