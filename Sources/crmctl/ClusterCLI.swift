import ArgumentParser
import CIBAdmin
import Foundation

/// `crmctl cluster init`: writes a new cluster's corosync.conf and authkey.
struct ClusterCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Set up a new cluster's corosync configuration.",
        subcommands: [Initialise.self]
    )

    struct Initialise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write corosync.conf (knet, encrypted) and a new authkey for the nodes given.",
            discussion: "Copy both files to /etc/corosync on every node, then start corosync and crmd there.")

        @Option(help: "The nodes: NAME=ADDRESS,… (names as crmd knows them, ring 0 addresses).")
        var nodes: String

        @Option(help: "The cluster name.")
        var name = "halyard"

        @Option(help: "Totem token timeout in milliseconds (how fast a lost node is detected).")
        var token = 1000

        @Option(help: "Where to write corosync.conf and authkey.")
        var output = "/etc/corosync"

        @Flag(help: "Replace existing files.")
        var force = false

        func run() throws {
            ReportPrinter.run {
                let config = try CorosyncConfig(clusterName: name, nodes: nodes, tokenMilliseconds: token)
                let confPath = output + "/corosync.conf", keyPath = output + "/authkey"
                for path in [confPath, keyPath] where !force && FileManager.default.fileExists(atPath: path) {
                    throw AdminError.usage("\(path) exists; nothing was written (--force replaces it)")
                }
                try write(Data(config.text.utf8), to: confPath, mode: 0o644)
                try write(randomKey(), to: keyPath, mode: 0o400)
                return AdminReport(output: "wrote \(confPath) (\(config.members.count) nodes, knet, aes256/sha256) and a new \(keyPath)\n"
                    + "copy both to /etc/corosync on every node, then start corosync and crmd there\n")
            }
        }

        /// 256 bytes from the kernel's random source, as corosync-keygen makes them.
        private func randomKey() throws(AdminError) -> Data {
            guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else { throw AdminError("cannot read /dev/urandom") }
            defer { try? handle.close() }
            let key = handle.readData(ofLength: 256)
            guard key.count == 256 else { throw AdminError("short read from /dev/urandom") }
            return key
        }

        private func write(_ data: Data, to path: String, mode: Int) throws(AdminError) {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: path + ".new"), options: .atomic)
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path + ".new")
                guard rename(path + ".new", path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch {
                throw AdminError("cannot write \(path): \(error.localizedDescription)")
            }
        }
    }
}
