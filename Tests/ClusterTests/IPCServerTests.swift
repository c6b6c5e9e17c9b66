import ClusterIPC
import Foundation
import Glibc
import Testing
@testable import Cluster

/// crmd's socket in one process: framing, one request per connection, peer credentials passed to
/// the handler, a stale socket file replaced, a live one not stolen, clear errors without crmd.
@Suite(.serialized) struct IPCServerTests {
    let path = NSTemporaryDirectory() + "crmd-ipc-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"

    func echoServer() throws -> IPCServer {
        let server = try IPCServer(path: path, access: .group(named: "haclient")) { request, peer in
            switch request {
            case .load: .cib(xml: "<cib uid=\"\(peer.uid)\" pid=\"\(peer.pid)\"/>")
            case .commit(_, let base, let summary): .refused(reason: "\(summary) at \(base.epoch)")
            case .fenceAck(let node): .refused(reason: "not acknowledging \(node)")
            case .fence(let node, _): .refused(reason: "not fencing \(node)")
            case .history, .historyEntry: .history(entries: [])
            }
        }
        server.start()
        return server
    }

    @Test func requestsAndAnswersRoundTripWithThePeersCredentials() throws {
        let server = try echoServer()
        defer { server.stop() }
        #expect(try IPCClient.call(.load, socketPath: path) == .cib(xml: "<cib uid=\"\(getuid())\" pid=\"\(getpid())\"/>"))
        let commit = IPCRequest.commit(cibXML: "<cib/>", basedOn: IPCVersion(.init(adminEpoch: 0, epoch: 7, numUpdates: 0)), summary: "edit")
        #expect(try IPCClient.call(commit, socketPath: path) == .refused(reason: "edit at 7"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o660)
    }

    @Test func anUnreadableRequestIsAnsweredAsInvalid() throws {
        let server = try echoServer()
        defer { server.stop() }
        let fd = try UnixSocket.make()
        defer { close(fd) }
        #expect(try UnixSocket.withAddress(path) { connect(fd, $0, $1) } == 0)
        let garbage: [UInt8] = [0, 0, 0, 3] + Array("{x}".utf8)
        #expect(garbage.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } == garbage.count)
        guard case .invalid = try IPCFrame.read(IPCResponse.self, from: fd) else {
            Issue.record("expected an invalid-request answer")
            return
        }
    }

    @Test func aLiveSocketIsNotTakenOverAndAStaleOneIsReplaced() throws {
        let server = try echoServer()
        #expect(throws: IPCError.self) { try IPCServer(path: path, access: .group(named: "haclient")) { _, _ in .invalid(reason: "") } }
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
        // A socket file nobody listens on (a crmd that was killed) is replaced.
        let stale = try UnixSocket.make()
        #expect(try UnixSocket.withAddress(path) { bind(stale, $0, $1) } == 0)
        close(stale)
        let again = try echoServer()
        defer { again.stop() }
        #expect(try IPCClient.call(.load, socketPath: path) != .invalid(reason: ""))
    }

    @Test func withoutCrmdTheClientSaysSo() {
        #expect {
            try IPCClient.call(.load, socketPath: path)
        } throws: { error in
            (error as? IPCError)?.notRunning == true && (error as? IPCError)?.message.contains("crmd is not running") == true
        }
    }
}
