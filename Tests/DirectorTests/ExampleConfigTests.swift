import Foundation
import Testing
@testable import Director

/// The director configurations shipped in Examples/director load, and say what the deployments need.
@Suite struct ExampleConfigTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/director").standardized.path

    @Test func theLBPairChecksHTTPAndMail() throws {
        let configuration = try DirectorConfigLoader.load(path: "\(Self.directory)/lb-pair.cf")
        #expect(configuration.services.map(\.endpoint.description) == ["10.0.0.100:80", "10.0.0.100:25"])
        #expect(configuration.services[0].realServers[0].check.kind == .negotiate(.http))
        #expect(configuration.services[0].fallback?.endpoint.host == "10.0.1.99")
        #expect(configuration.services[1].quiescent)
        #expect(configuration.services.allSatisfy { NFTablesRuleset.unsupportedReason(BalancerTable(configuration: .init(services: [$0]), health: HealthTracker()).services[0]) == nil })
    }

    @Test func theMySQLReadersUseKeepalivedChecks() throws {
        let configuration = try DirectorConfigLoader.load(path: "\(Self.directory)/mysql-readers.conf")
        #expect(configuration.services[0].scheduler == "wlc")
        #expect(configuration.services[0].realServers.map(\.check.kind) == [.connect, .external(command: "/etc/halyard/check-replication-lag")])
    }

    @Test func smtpFallsBackToTheSorryServer() throws {
        let configuration = try DirectorConfigLoader.load(path: "\(Self.directory)/smtp-sorry.cf")
        #expect(configuration.services[0].realServers[0].check.kind == .negotiate(.smtp))
        #expect(configuration.services[0].fallback?.endpoint == ServiceEndpoint(host: "10.0.3.22", port: 25))
    }
}
