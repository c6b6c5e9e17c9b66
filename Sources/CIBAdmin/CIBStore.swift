import HalyardModel

/// Where crmctl reads and commits the CIB: a file now, the live cluster (through crmd) later.
/// Commits are checked against the version they were based on, so a stale edit is refused.
public protocol CIBStore {
    /// A human name for messages (`cib.xml`, `the live cluster`).
    var name: String { get }
    /// Whether there is a CIB yet (a file store may be pointed at a file still to be created).
    var exists: Bool { get }
    func load() throws(AdminError) -> CIB
    /// Replaces the stored CIB with `cib`, provided the stored copy is still at `base`.
    func commit(_ cib: CIB, basedOn base: CIBVersion) throws(AdminError)
}
