import Testing
@testable import HalyardModel

/// The document check agrees with the standard library's UTF-8 validation on every kind of
/// malformed sequence, wherever it falls relative to the eight-byte ASCII steps.
@Suite struct UTF8ValidationTests {
    static let sequences: [[UInt8]] = [
        [0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xFF], [0xC3], [0xE2, 0x82],
        [0xF0, 0x9F, 0x98], [0xC3, 0x41], [0xE2, 0x41, 0xAC], [0xF0, 0x9F, 0x41, 0x80],
    ]

    static func standard(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    @Test func agreesWithTheStandardLibrary() {
        for sequence in Self.sequences {
            for prefix in 0..<10 {
                for suffix in [0, 1, 9] {
                    let bytes = Array(repeating: UInt8(ascii: "a"), count: prefix) + sequence + Array(repeating: UInt8(ascii: "b"), count: suffix)
                    let valid = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
                    #expect(valid == Self.standard(bytes), "\(bytes)")
                }
            }
        }
    }

    @Test func agreesOnPseudoRandomBytes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var disagreements = 0
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<24 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let byte = UInt8(truncatingIfNeeded: state >> 56)
                bytes.append(byte < 0xA0 ? byte & 0x7F : byte)
            }
            let valid = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
            if valid != Self.standard(bytes) { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }
}
