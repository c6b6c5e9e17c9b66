import ArgumentParser
import CHeapPreparation
import Foundation
import HalyardModel

/// Reads a CIB file for the scheduler commands, turning failures into usage errors.
enum CIBFileInput {
    /// The heap a scheduler run on a CIB takes, per byte of the file: the model and the
    /// working set come to about eight times the file (29 MB for a 3.5 MB CIB).
    static let heapPerFileByte = 8

    static func load(_ path: String) throws -> CIB {
        let data: Data
        do {
            // Mapped, not copied: a large CIB is read once, by the decoder.
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
        // Grown at once, on huge pages: halves the run's page faults (see CHeapPreparation).
        halyard_prepare_heap(min(max(data.count * heapPerFileByte, 32 << 20), 1 << 30))
        do {
            return try CIBDecoder.decode(data)
        } catch {
            throw ValidationError("\(path): \(error)")
        }
    }
}
