import ArgumentParser
import Foundation
import HalyardModel

/// Reads a CIB file for the scheduler commands, turning failures into usage errors.
enum CIBFileInput {
    static func load(_ path: String) throws -> CIB {
        let data: Data
        do {
            // Mapped, not copied: a large CIB is read once, by the decoder.
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try CIBDecoder.decode(data)
        } catch {
            throw ValidationError("\(path): \(error)")
        }
    }
}
