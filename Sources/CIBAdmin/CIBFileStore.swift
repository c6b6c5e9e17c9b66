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
        guard let data = MappedFile.contents(of: path) else {
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
        if let data = MappedFile.contents(of: path) {
            let current: CIBVersion
            do {
                current = try CIBDecoder.version(of: data)
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

/// Reads a whole file by mapping it into memory: no copy, and pages come straight from the page
/// cache. Files are only ever replaced by rename (see `AtomicFile`), never rewritten in place,
/// so a mapping keeps the contents it was made with.
enum MappedFile {
    static func contents(of path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return Data() }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), address != MAP_FAILED else {
            return FileManager.default.contents(atPath: path)
        }
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { address, size in munmap(address, size) })
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
