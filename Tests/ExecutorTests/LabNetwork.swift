import Foundation

/// Two network namespaces joined by a veth pair on 10.(77).(N).0/24, created for one test and
/// deleted (with everything in them) when released. Needs root and `ip`.
final class LabNetwork: @unchecked Sendable {
    /// Why lab tests cannot run here, or nil.
    static let unavailable: String? = {
        guard getuid() == 0 else { return "lab network tests need root" }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") else { return "lab network tests need ip (iproute2)" }
        return nil
    }()

    let left: String
    let right: String
    /// The /24 the pair shares, as "10.77.N".
    let subnet: String

    init() throws {
        let tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        left = "hx-\(tag)-a"
        right = "hx-\(tag)-b"
        subnet = "10.77.\(Int.random(in: 1...254))"
        let steps = [
            ["netns", "add", left], ["netns", "add", right],
            ["link", "add", "hx\(tag)a", "netns", left, "type", "veth", "peer", "name", "hx\(tag)b", "netns", right],
            ["-n", left, "addr", "add", "\(subnet).1/24", "dev", "hx\(tag)a"],
            ["-n", right, "addr", "add", "\(subnet).2/24", "dev", "hx\(tag)b"],
            ["-n", left, "link", "set", "hx\(tag)a", "up"], ["-n", right, "link", "set", "hx\(tag)b", "up"],
            ["-n", left, "link", "set", "lo", "up"], ["-n", right, "link", "set", "lo", "up"],
        ]
        for step in steps {
            let status = try runProcess("/usr/sbin/ip", step).status
            guard status == 0 else {
                deleteNamespaces()
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "ip \(step.joined(separator: " ")) failed"])
            }
        }
    }

    deinit { deleteNamespaces() }

    /// Runs a command inside `namespace`; returns its status and stdout.
    func run(in namespace: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessRun {
        try runProcess("/usr/sbin/ip", ["netns", "exec", namespace] + arguments, environment: environment)
    }

    /// The interface (veth end) in `namespace`.
    func interface(_ namespace: String) -> String {
        namespace == left ? "hx\(left.dropFirst(3).dropLast(2))a" : "hx\(right.dropFirst(3).dropLast(2))b"
    }

    private func deleteNamespaces() {
        for namespace in [left, right] { _ = try? runProcess("/usr/sbin/ip", ["netns", "delete", namespace]) }
    }
}
