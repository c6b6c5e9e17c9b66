import Testing
@testable import HalyardModel

@Suite struct ScoreTests {
    @Test func parsesPacemakerSpellings() {
        #expect(Score(parsing: "INFINITY") == .infinity)
        #expect(Score(parsing: "+INFINITY") == .infinity)
        #expect(Score(parsing: "-infinity") == .minusInfinity)
        #expect(Score(parsing: "inf") == .infinity)
        #expect(Score(parsing: "-inf") == .minusInfinity)
        #expect(Score(parsing: "100")?.value == 100)
        #expect(Score(parsing: "+5")?.value == 5)
        #expect(Score(parsing: "-42")?.value == -42)
    }

    @Test func refusesNonScores() {
        for text in ["", "abc", "1.5", "10s", "--1", "+", "12345678901234567890123"] {
            #expect(Score(parsing: text) == nil, "\(text) should not parse")
        }
    }

    @Test func clampsToInfinity() {
        #expect(Score(parsing: "5000000") == .infinity)
        #expect(Score(parsing: "-5000000") == .minusInfinity)
        #expect(Score(clamping: 1_000_001).value == 1_000_000)
    }

    @Test func additionSaturatesWithMinusInfinityWinning() {
        #expect(Score.infinity + Score.minusInfinity == .minusInfinity)
        #expect(Score.minusInfinity + Score.infinity == .minusInfinity)
        #expect(Score.infinity + Score(clamping: -500) == .infinity)
        #expect(Score(clamping: 999_999) + Score(clamping: 10) == .infinity)
        #expect(Score(clamping: 300) + Score(clamping: -100) == Score(clamping: 200))
    }

    @Test func printsAsPacemakerDoes() {
        #expect(Score.infinity.description == "INFINITY")
        #expect(Score.minusInfinity.description == "-INFINITY")
        #expect(Score(clamping: -7).description == "-7")
    }
}

@Suite struct ValueParsingTests {
    @Test func durations() {
        #expect(Duration.milliseconds("10") == 10_000)
        #expect(Duration.milliseconds("10s") == 10_000)
        #expect(Duration.milliseconds("500ms") == 500)
        #expect(Duration.milliseconds("2m") == 120_000)
        #expect(Duration.milliseconds("15min") == 900_000)
        #expect(Duration.milliseconds("1h") == 3_600_000)
        #expect(Duration.milliseconds("PT30S") == 30_000)
        #expect(Duration.milliseconds("P1DT1H") == 90_000_000)
        #expect(Duration.milliseconds(" 20s\t") == 20_000)
        #expect(Duration.milliseconds("10MS") == 10)
        #expect(Duration.milliseconds("1500us") == 1)
        for bad in ["", "ten", "10x", "-5s", "P", "PT", "1.5s", "10 s", "s", "99999999999999999999", "\u{00A0}10s"] {
            #expect(Duration.milliseconds(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func booleans() {
        #expect(Boolean.parse("true") == true)
        #expect(Boolean.parse("Yes") == true)
        #expect(Boolean.parse("0") == false)
        #expect(Boolean.parse("off") == false)
        #expect(Boolean.parse("maybe") == nil)
        #expect(Boolean.parse(nil) == nil)
    }

    @Test func spellingSuggestions() {
        #expect(PropertyCatalogue.suggestions(for: "stonith-enable").first == "stonith-enabled")
        #expect(PropertyCatalogue.suggestions(for: "no-quorum-polcy").first == "no-quorum-policy")
        #expect(PropertyCatalogue.suggestions(for: "completely-unrelated-words").isEmpty)
    }

    @Test func clusterOptionsDefaultsAndAlias() {
        var configuration = Configuration()
        #expect(ClusterOptions(configuration: configuration).fencingEnabled)
        #expect(ClusterOptions(configuration: configuration).noQuorumPolicy == .stop)
        configuration.clusterProperties = [AttributeSet(kind: .clusterProperties, id: "opts", pairs: [
            NVPair(id: "a", name: "stonith-enabled", value: "true"),
            NVPair(id: "b", name: "fencing-enabled", value: "false"),
            NVPair(id: "c", name: "no-quorum-policy", value: "ignore"),
            NVPair(id: "d", name: "cluster-recheck-interval", value: "2min"),
        ])]
        let options = ClusterOptions(configuration: configuration)
        #expect(options.fencingEnabled == false, "fencing-enabled (the new name) wins over stonith-enabled")
        #expect(options.noQuorumPolicy == .ignore)
        #expect(options.clusterRecheckIntervalMilliseconds == 120_000)
    }
}
