import Foundation

/// `openssl s_server -WWW` on 127.0.0.1 with a fresh self-signed certificate, serving the files
/// of a scratch directory over TLS: the HTTPS checks' real TLS peer. Stopped by its pid.
final class TLSResponder: @unchecked Sendable {
    static let openssl = ["/usr/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let port: Int
    let directory: URL
    private let server: Process

    /// Starts serving `files` (name → content) without holding a thread of Swift's cooperative
    /// pool while openssl makes the certificate and the server comes up: the pool has one
    /// thread per core, and the other check tests' deadlines depend on it.
    static func start(files: [String: String]) async throws -> TLSResponder {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try TLSResponder(files: files) }) }
        }
    }

    private init(files: [String: String]) throws {
        guard let openssl = Self.openssl else { throw POSIXError(.ENOENT) }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("halyard-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, content) in files { try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let certificate = Process()
        certificate.executableURL = URL(fileURLWithPath: openssl)
        certificate.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=check.lab",
                                 "-keyout", directory.appendingPathComponent("key.pem").path, "-out", directory.appendingPathComponent("cert.pem").path]
        certificate.standardOutput = FileHandle.nullDevice
        certificate.standardError = FileHandle.nullDevice
        try certificate.run()
        certificate.waitUntilExit()
        port = try LoopbackResponder.closedPort()
        server = Process()
        server.executableURL = URL(fileURLWithPath: openssl)
        server.currentDirectoryURL = directory
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "cert.pem", "-key", "key.pem", "-WWW", "-quiet"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        for _ in 0..<100 where (try? LoopbackClient(port: port)).map({ $0.close() }) == nil {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func stop() {
        kill(server.processIdentifier, SIGKILL)  // it may inherit a blocked SIGTERM from the test runner
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
