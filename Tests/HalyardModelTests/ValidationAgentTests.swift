import Testing
@testable import HalyardModel

/// Resource agent classes and providers.
@Suite struct ValidationAgentTests {
    typealias F = ValidationFixture

    static func primitive(_ spec: String) -> String {
        #"<primitive id="svc" \#(spec)/>"#
    }

    @Test(arguments: [#"class="lsb" type="apache2""#, #"class="ocf" provider="halyard" type="IPaddr""#])
    func supportedClassesPass(spec: String) throws {
        #expect(try F.validate(resources: Self.primitive(spec)).isEmpty)
    }

    @Test(arguments: ["systemd", "service"])
    func classesTheExecutorCannotRunYet(standard: String) throws {
        let diagnostics = try F.validate(resources: Self.primitive(#"class="\#(standard)" type="nginx""#))
        expectOnly(diagnostics, "unsupported-resource-class", .warning, naming: "svc")
        #expect(diagnostics.first?.message.contains("not supported by Halyard's executor yet") == true)
    }

    @Test func anUnknownClass() throws {
        expectOnly(try F.validate(resources: Self.primitive(#"class="upstart" type="nginx""#)),
                   "unknown-resource-class", .error, naming: "svc")
    }

    @Test func anOCFAgentWithoutProvider() {
        var configuration = Configuration()
        configuration.clusterProperties = [AttributeSet(kind: .clusterProperties, id: "b", pairs: [
            NVPair(id: "f", name: "stonith-enabled", value: "false"),
        ])]
        configuration.resources = [.primitive(Primitive(id: "svc", standard: "ocf", type: "IPaddr"))]
        expectOnly(CIBValidator.validate(configuration), "missing-provider", .error, naming: "svc")
    }
}
