import Testing
import HalyardModel
@testable import CRMSyntax

/// Bad input gives a `CRMSyntaxError` at the right line and column with an "expected …" message,
/// and nothing crashes.
@Suite struct ParserErrorTests {
    func failure(_ text: String) -> CRMSyntaxError? {
        do {
            _ = try CRMParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("primitiv vip Dummy", 1, 1, "expected a statement"),
        ("location l1 vip 100 n1", 1, 17, "expected '<score>: <node>'"),
        ("primitive a Dummy params x=\"abc", 1, 28, "expected a closing \""),
        ("primitive a Dummy params x=1 opp monitor", 1, 30, "expected <name>=<value>"),
        ("primitive a Dummy \\", 1, 19, "expected a continuation line"),
        ("primitive a Dummy op", 1, 21, "expected an operation name"),
        ("primitive a Dummy op interval=10s", 1, 22, "expected an operation name"),
        ("location l vip abc: n1", 1, 16, "expected a score"),
        ("colocation c inf: onlyone", 1, 26, "expected two resources"),
        ("colocation c onlyone other", 1, 14, "expected '<score>:'"),
        ("colocation c inf: ( a b", 1, 19, "expected ')'"),
        ("colocation c inf: ( a [ b ] )", 1, 23, "expected ')' or ']'"),
        ("colocation c inf: a b:Sleeping c", 1, 21, "expected a role"),
        ("order o Sometimes: a b", 1, 9, "expected Mandatory:"),
        ("order o a:begin b", 1, 9, "expected a action"),
        ("location l vip rule 10: #uname eq n1 and a eq 1 or b eq 2", 1, 49, "expected 'and'"),
        ("location l vip rule 10: #uname equals n1", 1, 32, "expected a comparison"),
        ("location l vip rule 10: date between 1 2", 1, 30, "expected a date operation"),
        ("group g", 1, 8, "expected a member resource id"),
        ("group g a a", 1, 11, "expected each member once"),
        ("node", 1, 5, "expected a node name"),
        ("primitive a Dummy foo", 1, 19, "expected params, meta, utilization, op"),
        ("fencing_topology n1:", 1, 21, "expected a device list"),
        ("fencing_topology ipmi n1: pdu", 1, 23, "expected only device lists"),
        ("order o a b symmetrical=maybe", 1, 13, "expected true or false"),
        ("location l ünïcode 5 n1", 1, 20, "expected '<score>: <node>'"),
    ])
    func reportsPosition(text: String, line: Int, column: Int, expected: String) throws {
        let error = try #require(failure(text), "no error for: \(text)")
        #expect(error.line == line && error.column == column, "\(text): got \(error.line):\(error.column) \(error.message)")
        #expect(error.message.contains(expected), "\(text): \(error.message)")
        #expect(error.sourceLine == text)
    }

    @Test func laterLinesAndContinuations() throws {
        let text = "node n1\n\n# comment\nprimitive a Dummy \\\n    params x=1 \\\n    opp monitor\n"
        let error = try #require(failure(text))
        #expect(error.line == 6 && error.column == 5)
        #expect(error.sourceLine == "    opp monitor")
        #expect(error.description == "line 6, column 5: \(error.message)\n    opp monitor\n    ^")
    }

    @Test func unterminatedQuoteSpanningLinesPointsAtTheQuote() throws {
        let error = try #require(failure("node n1\nprimitive a Dummy params x='abc\nnode n2\n"))
        #expect(error.line == 2 && error.column == 28)
    }

    @Test func megabyteLine() throws {
        let big = String(repeating: "x", count: 1_000_000)
        let statements = try CRMParser.parse("primitive a Dummy params blob=\(big)")
        guard case .primitive(let p) = statements.first else { Issue.record("not a primitive"); return }
        #expect(p.instanceAttributes.first?["blob"]?.count == 1_000_000)
        let error = try #require(failure("location l vip \(big) n1"))
        #expect(error.column == 16)
        #expect(error.message.count < 200)
        #expect(error.description.count < 600)
    }

    @Test func emptyAndBlankInputs() throws {
        #expect(try CRMParser.parse("").isEmpty)
        #expect(try CRMParser.parse("\n  \n# only a comment\n\t\n").isEmpty)
    }

    /// Random mixes of crmsh words and special characters: the parser returns or throws, never traps.
    @Test func randomInputNeverCrashes() {
        let words = ["primitive", "group", "clone", "location", "colocation", "order", "property", "node", "rule", "op",
                     "params", "meta", "fencing_topology", "alert", "to", "a", "b:start", "inf:", "100:", "(", ")", "[", "]",
                     "{", "}", "x=1", "$id=", "$id-ref=r", "@ref", "date", "in", "spec", "hours=1", "and", "or", "eq",
                     "#uname", "\"", "'", "\\", "\n", "_rsc_set_", "é", "=", ":", "sequential=false", "defined"]
        var generator = SplitMix(seed: 42)
        for _ in 0..<3000 {
            let count = Int(generator.next() % 12) + 1
            let text = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            if let statements = try? CRMParser.parse(text) {
                _ = try? CRMAssembler.apply(statements, to: Configuration(), replacing: true)
            }
        }
    }
}

/// A small deterministic random generator for the fuzz test.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
