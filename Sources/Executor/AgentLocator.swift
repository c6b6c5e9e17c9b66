import Foundation

/// Where agents live: OCF roots searched in order (`ROOT/resource.d/PROVIDER/TYPE`), the LSB
/// init-script directory and the fence-agent directories.
public struct AgentLocator: Sendable {
    public var ocfRoots: [String]
    public var lsbDirectory: String
    public var fenceDirectories: [String]

    public init(ocfRoots: [String], lsbDirectory: String = "/etc/init.d", fenceDirectories: [String]) {
        self.ocfRoots = ocfRoots
        self.lsbDirectory = lsbDirectory
        self.fenceDirectories = fenceDirectories
    }

    /// The default search path: `$HALYARD_AGENTS` or the `Agents/` tree of the checkout the
    /// executable was built in, then the system's `/usr/lib/ocf` and `/usr/sbin` fence agents.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> AgentLocator {
        var own: [String] = []
        if let configured = environment["HALYARD_AGENTS"], !configured.isEmpty {
            own = configured.split(separator: ":").map(String.init)
        } else if let tree = bundledAgentsTree() {
            own = [tree]
        }
        return AgentLocator(ocfRoots: own + ["/usr/lib/ocf"],
                            fenceDirectories: own.map { $0 + "/fence" } + ["/usr/sbin"])
    }

    /// The `Agents/` directory above the running executable (a development checkout), if any.
    static func bundledAgentsTree() -> String? {
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        for _ in 0..<6 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Agents").path
            if FileManager.default.fileExists(atPath: candidate + "/resource.d") { return candidate }
        }
        return nil
    }

    /// The agent's executable and, for OCF agents, the OCF_ROOT it was found under.
    public func locate(_ agent: AgentReference) throws(AgentError) -> (path: String, ocfRoot: String?) {
        let candidates: [(path: String, ocfRoot: String?)]
        switch agent {
        case .ocf(let provider, let type):
            candidates = ocfRoots.map { ("\($0)/resource.d/\(provider)/\(type)", $0) }
        case .lsb(let name):
            candidates = [("\(lsbDirectory)/\(name)", nil)]
        case .stonith(let name):
            candidates = fenceDirectories.map { ("\($0)/\(name)", nil) }
        }
        if let found = candidates.first(where: { Self.isExecutableFile($0.path) }) { return found }
        throw .notFound(agent, searched: candidates.map(\.path))
    }

    /// Every agent found, sorted by class then name; an earlier OCF root hides a later one.
    public func list() -> [AgentReference] {
        var found = Set<AgentReference>()
        for root in ocfRoots {
            for provider in Self.entries(root + "/resource.d") {
                for type in Self.entries("\(root)/resource.d/\(provider)")
                where AgentReference.isSafeName(type) && Self.isExecutableFile("\(root)/resource.d/\(provider)/\(type)") {
                    found.insert(.ocf(provider: provider, type: type))
                }
            }
        }
        for name in Self.entries(lsbDirectory) where AgentReference.isSafeName(name) && Self.isExecutableFile("\(lsbDirectory)/\(name)") {
            found.insert(.lsb(name: name))
        }
        for directory in fenceDirectories {
            for name in Self.entries(directory) where name.hasPrefix("fence_") && AgentReference.isSafeName(name) && Self.isExecutableFile("\(directory)/\(name)") {
                found.insert(.stonith(name: name))
            }
        }
        return found.sorted { ($0.standard, $0.description) < ($1.standard, $1.description) }
    }

    private static func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
