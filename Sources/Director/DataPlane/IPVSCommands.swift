/// The `ipvsadm` command lines that apply table changes to the kernel's IPVS table, one
/// command per change (add/edit/delete), never a flush-and-reload.
public enum IPVSCommands {
    public static func arguments(for change: TableChange) -> [String] {
        switch change {
        case .addService(let service): ["-A"] + serviceArguments(service)
        case .editService(let service): ["-E"] + serviceArguments(service)
        case .deleteService(let key): ["-D"] + serviceAddress(key)
        case .addDestination(let key, let destination): ["-a"] + serviceAddress(key) + destinationArguments(destination)
        case .editDestination(let key, let destination): ["-e"] + serviceAddress(key) + destinationArguments(destination)
        case .deleteDestination(let key, let endpoint): ["-d"] + serviceAddress(key) + ["-r", endpoint.description]
        }
    }

    private static func serviceAddress(_ key: ServiceKey) -> [String] {
        [key.proto == .tcp ? "-t" : "-u", key.endpoint.description]
    }

    private static func serviceArguments(_ service: BalancerTable.Service) -> [String] {
        var arguments = serviceAddress(service.key) + ["-s", service.scheduler]
        if let seconds = service.persistenceSeconds {
            arguments += ["-p", String(seconds)]
            if let mask = service.persistenceNetmask { arguments += ["-M", mask] }
        }
        return arguments
    }

    private static func destinationArguments(_ destination: BalancerTable.Destination) -> [String] {
        let method = switch destination.forwarding {
        case .gate: "-g"
        case .masq: "-m"
        case .ipip: "-i"
        }
        return ["-r", destination.endpoint.description, method, "-w", String(destination.weight)]
    }
}
