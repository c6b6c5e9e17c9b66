import Foundation

/// A new cluster's `corosync.conf`, as `crmctl cluster init` writes it: knet with encryption and
/// authentication on (the key is written beside it), votequorum with `two_node` for two nodes,
/// one `nodelist` entry per node with ids counting from 1.
public struct CorosyncConfig: Equatable, Sendable {
    /// One node: its name (the crmd node name) and its ring 0 address.
    public struct Member: Equatable, Sendable {
        public var name: String
        public var address: String
    }

    public var clusterName: String
    public var members: [Member]
    /// Totem token timeout in milliseconds (failure detection).
    public var tokenMilliseconds: Int

    /// Parses `n1=10.0.0.1,n2=10.0.0.2`; names and addresses must be unique and addresses valid.
    public init(clusterName: String, nodes: String, tokenMilliseconds: Int = 1000) throws(AdminError) {
        guard !clusterName.isEmpty, clusterName.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw AdminError.usage("invalid cluster name \"\(clusterName)\" (letters, digits, '-', '_', '.')")
        }
        var members: [Member] = []
        for entry in nodes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw AdminError.usage("\"\(entry)\" is not NAME=ADDRESS") }
            guard Self.isAddress(parts[1]) else { throw AdminError.usage("\"\(parts[1])\" (node \(parts[0])) is not an IPv4 or IPv6 address") }
            guard !members.contains(where: { $0.name == parts[0] }) else { throw AdminError.usage("node \(parts[0]) is listed twice") }
            guard !members.contains(where: { $0.address == parts[1] }) else { throw AdminError.usage("address \(parts[1]) is listed twice") }
            members.append(Member(name: parts[0], address: parts[1]))
        }
        guard !members.isEmpty else { throw AdminError.usage("--nodes lists no node (NAME=ADDRESS,…)") }
        guard tokenMilliseconds > 0 else { throw AdminError.usage("the token timeout must be positive") }
        self.clusterName = clusterName
        self.members = members
        self.tokenMilliseconds = tokenMilliseconds
    }

    private static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// The file's text.
    public var text: String {
        var lines = [
            "# Written by crmctl cluster init. Copy it, with authkey, to /etc/corosync on every node.",
            "totem {", "    version: 2", "    cluster_name: \(clusterName)", "    transport: knet",
            "    crypto_cipher: aes256", "    crypto_hash: sha256", "    token: \(tokenMilliseconds)", "}", "",
            "logging {", "    to_syslog: yes", "    timestamp: on", "}", "",
            "quorum {", "    provider: corosync_votequorum",
        ]
        if members.count == 2 { lines.append("    two_node: 1") }
        lines += ["}", "", "nodelist {"]
        for (index, member) in members.enumerated() {
            lines += ["    node {", "        name: \(member.name)", "        nodeid: \(index + 1)", "        ring0_addr: \(member.address)", "    }"]
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
