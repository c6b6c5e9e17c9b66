import ArgumentParser
import Director

/// The data plane chosen with `--data-plane`.
enum DataPlaneKind: String, ExpressibleByArgument, CaseIterable {
    case ipvs, nftables, userspace

    func make() -> any DataPlane {
        switch self {
        case .ipvs: IPVSDataPlane()
        case .nftables: NFTablesDataPlane()
        case .userspace: UserspaceDataPlane()
        }
    }
}
