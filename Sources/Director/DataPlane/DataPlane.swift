/// Where the balancer table is programmed: the kernel's IPVS, nftables DNAT, or the
/// userspace proxy. The director computes tables; a data plane only makes one real.
public protocol DataPlane: Sendable {
    /// Refuses, before anything changes, what this data plane cannot do here: a missing
    /// kernel feature or tool, or a service it cannot express (the error says which and why).
    func prepare(for table: BalancerTable) async throws
    /// Makes `table` the programmed table.
    func apply(_ table: BalancerTable) async throws
    /// The table programmed now (as far as this data plane can read it back).
    func current() async throws -> BalancerTable
    /// Why `expected` is not actually programmed, or nil when it is (for `status` and the agent's monitor).
    func verify(_ expected: BalancerTable) async -> String?
    /// Removes everything this data plane programmed (stopping gracefully where it can).
    func remove() async throws
}

/// A data plane that cannot start or apply a table; the message names the reason.
public struct DataPlaneError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
