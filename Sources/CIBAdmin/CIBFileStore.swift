import Foundation
import HalyardModel
import Synchronization

/// A CIB kept in one XML file. Reads refuse a corrupt file; writes are atomic (temporary file in
/// the same directory, fsync, rename, fsync of the directory), so a crash or a refused commit
/// never leaves a partial file behind.
///
/// The store remembers the document it last loaded: a commit whose status section is still the
/// one loaded writes that section back byte for byte instead of encoding it again.
public struct CIBFileStore: CIBStore {
    public let path: String
    private let lastLoaded = LastLoaded()

    public init(path: String) { self.path = path }

    public var name: String { path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws(AdminError) -> CIB {
        guard let data = FileContents.read(path) else {
            throw AdminError("cannot read \(path): no such file or not readable")
        }
        do {
            let source = try CIBDecoder.decodeSource(data)
            lastLoaded.document.withLock { $0 = source }
            return source.cib
        } catch {
            throw AdminError("\(path): \(error)")
        }
    }

    public func commit(_ cib: CIB, basedOn base: CIBVersion) throws(AdminError) {
        if let head = FileContents.read(path, upTo: 1 << 16) {
            let current: CIBVersion
            do {
                // The root tag is at the start; only a file whose head does not hold it is read whole.
                current = try (try? CIBDecoder.version(of: head)) ?? CIBDecoder.version(of: FileContents.read(path) ?? head)
            } catch {
                throw AdminError("\(path): \(error); nothing was written")
            }
            guard current == base else {
                throw AdminError("\(path) changed meanwhile (now at version \(current), the edit was based on \(base)); nothing was written")
            }
        }
        let source = lastLoaded.document.withLock { $0 }
        try AtomicFile.write(to: path) { output in CIBEncoder.encode(cib, reusing: source, into: output) }
    }

    /// The document of the last `load()`, shared by copies of the store.
    private final class LastLoaded: Sendable {
        let document = Mutex<CIBSourceDocument?>(nil)
    }
}

/// Reads files with read(2) straight into one buffer that becomes the `Data`: no zero-filling
/// and no second copy. (Not mmap: a file rewritten in place by another tool would change, or
/// vanish, under a mapping while it is being decoded.)
enum FileContents {
    /// The whole file, or nil when it cannot be opened or is not a regular file.
    static func read(_ path: String) -> Data? {
        read(path, upTo: Int.max)
    }

    /// At most the first `limit` bytes of the file.
    static func read(_ path: String, upTo limit: Int) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var capacity = max(1, min(limit, Int(info.st_size) + 1))
        guard var buffer = malloc(capacity) else { return nil }
        var count = 0
        while count < limit {
            if count == capacity {
                capacity = min(limit, capacity * 2)
                guard let grown = realloc(buffer, capacity) else { free(buffer); return nil }
                buffer = grown
            }
            let got = Foundation.read(fd, buffer + count, capacity - count)
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { free(buffer); return nil }
            if got == 0 { break }
            count += got
        }
        return Data(bytesNoCopy: buffer, count: count, deallocator: .free)
    }
}

/// Atomic replacement of a file's contents.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(AdminError) {
        try write(to: path) { output in data.withUnsafeBytes(output) }
    }

    /// Replaces the file with what `contents` passes to `output`, piece by piece.
    public static func write(to path: String, _ contents: ((UnsafeRawBufferPointer) -> Void) -> Void) throws(AdminError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw AdminError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var failure: String?
        contents { buffer in
            var offset = 0
            while failure == nil, offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw AdminError("cannot write \(path): \(failure); the previous file is unchanged")
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }
}
