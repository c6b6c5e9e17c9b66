import Testing
@testable import HalyardModel

/// Small CIBs for the validation tests: two nodes, fencing disabled (so only the snippet's own
/// findings show), and the sections each test supplies.
enum ValidationFixture {
    static let fencingOff = #"<nvpair id="opt-fencing" name="stonith-enabled" value="false"/>"#

    /// A primitive of class ocf:heartbeat:Dummy with the given inner XML.
    static func dummy(_ id: String, _ inner: String = "") -> String {
        #"<primitive id="\#(id)" class="ocf" provider="heartbeat" type="Dummy">\#(inner)</primitive>"#
    }

    /// A fencing device.
    static func fenceDevice(_ id: String) -> String {
        #"<primitive id="\#(id)" class="stonith" type="fence_dummy"/>"#
    }

    static func cib(properties: String = fencingOff, resources: String = "", constraints: String = "",
                    other: String = "", status: String = "") throws -> CIB {
        try CIBDecoder.decode("""
            <cib><configuration>
              <crm_config><cluster_property_set id="bootstrap">\(properties)</cluster_property_set></crm_config>
              <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
              <resources>\(resources)</resources>
              <constraints>\(constraints)</constraints>
              \(other)
            </configuration><status>\(status)</status></cib>
            """)
    }

    static func validate(properties: String = fencingOff, resources: String = "", constraints: String = "",
                         other: String = "") throws -> [Diagnostic] {
        CIBValidator.validate(try cib(properties: properties, resources: resources, constraints: constraints, other: other))
    }
}

/// Expects a finding with this code and severity whose message names `id` (in quotes).
func expectFinding(_ diagnostics: [Diagnostic], _ code: String, _ severity: Diagnostic.Severity, naming id: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    let matches = diagnostics.filter { $0.code == code }
    #expect(!matches.isEmpty, "no \(code) in \(diagnostics)", sourceLocation: sourceLocation)
    for diagnostic in matches {
        #expect(diagnostic.severity == severity, "\(diagnostic)", sourceLocation: sourceLocation)
        #expect(diagnostic.message.contains("'\(id)'"), "\(diagnostic) does not name '\(id)'", sourceLocation: sourceLocation)
    }
}

/// Expects exactly one finding, with this code and severity, naming `id`.
func expectOnly(_ diagnostics: [Diagnostic], _ code: String, _ severity: Diagnostic.Severity, naming id: String,
                sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(diagnostics.count == 1, "expected only \(code), got \(diagnostics)", sourceLocation: sourceLocation)
    expectFinding(diagnostics, code, severity, naming: id, sourceLocation: sourceLocation)
}
