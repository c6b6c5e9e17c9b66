import Foundation

/// A decoded CIB with the document it was read from (`CIBDecoder.decodeSource`). Writing a CIB
/// whose status section is still the one decoded here (`CIBEncoder.encode(_:reusing:into:)`)
/// copies that section's bytes instead of encoding it again: a configuration change to a CIB with
/// a large status then costs little more than the configuration.
public struct CIBSourceDocument: Sendable {
    /// The CIB as decoded.
    public let cib: CIB
    /// The document's bytes.
    let data: Data
    /// Where `<status>…</status>` lies in `data`, when the document has a status section.
    let statusRange: Range<Int>?

    /// The bytes of the status section, when `status` is the one decoded from it.
    func statusBytes(for status: Status) -> Range<Int>? {
        guard let statusRange, status == cib.status else { return nil }
        return statusRange
    }
}
