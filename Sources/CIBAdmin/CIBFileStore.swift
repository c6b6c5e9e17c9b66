import Foundation
import HalyardModel
import Synchronization

/// A CIB kept in one XML file. Reads refuse a corrupt file; writes are atomic (temporary file in
/// the same directory, fsync, rename, fsync of the directory), so a crash or a refused commit
/// never leaves a partial file behind.
///
/// The store remembers the document it last loaded: a commit whose status section is still the
/// one loaded, from a file not written in place since, writes that section back byte for byte
/// instead of encoding it again.
public struct CIBFileStore: CIBStore {
    public let path: String
    private let lastLoaded = LastLoaded()

    public init(path: String) { self.path = path }

    public var name: String { path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws(AdminError) -> CIB {
        guard let file = MappedFile(path: path) else {
            throw AdminError("cannot read \(path): no such file or not readable")
        }
        do {
            let source = try CIBDecoder.decodeSource(file.data)
            lastLoaded.document.withLock { $0 = (source, file) }
            return source.cib
        } catch {
            throw AdminError("\(path): \(error)")
        }
    }

    public func commit(_ cib: CIB, basedOn base: CIBVersion) throws(AdminError) {
        if let head = FileHandle(forReadingAtPath: path).flatMap({ try? $0.read(upToCount: 1 << 16) }) {
            let current: CIBVersion
            do {
                // The root tag is at the start; only a file whose head does not hold it is read whole.
                current = try (try? CIBDecoder.version(of: head)) ?? CIBDecoder.version(of: MappedFile(path: path)?.data ?? head)
            } catch {
                throw AdminError("\(path): \(error); nothing was written")
            }
            guard current == base else {
                throw AdminError("\(path) changed meanwhile (now at version \(current), the edit was based on \(base)); nothing was written")
            }
        }
        let loaded = lastLoaded.document.withLock { $0 }
        let source = loaded.flatMap { $0.file.isUnchanged ? $0.source : nil }
        try AtomicFile.write(to: path) { output in CIBEncoder.encode(cib, reusing: source, into: output) }
    }

    /// The document of the last `load()` and the file it was read from, shared by copies of the store.
    private final class LastLoaded: Sendable {
        let document = Mutex<(source: CIBSourceDocument, file: MappedFile)?>(nil)
    }
}

/// A whole file mapped into memory: no copy, and the pages come straight from the page cache.
/// The file stays open so that `isUnchanged` can tell whether it was written in place since it
/// was mapped (a mapping would show such a write). Halyard and Pacemaker replace a CIB file by
/// rename, which leaves the mapped file as it was.
final class MappedFile: Sendable {
    let data: Data
    private let fd: Int32
    private let size: Int
    private let modified: timespec

    /// Maps the regular file at `path`; nil when it cannot be opened or mapped.
    init?(path: String) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        size = Int(info.st_size)
        modified = info.st_mtim
        if size == 0 {
            data = Data()
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), address != MAP_FAILED else {
            close(fd)
            return nil
        }
        data = Data(bytesNoCopy: address, count: size, deallocator: .custom { address, size in munmap(address, size) })
    }

    deinit { close(fd) }

    /// Whether the file still has the size and modification time it had when it was mapped.
    var isUnchanged: Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && Int(info.st_size) == size
            && info.st_mtim.tv_sec == modified.tv_sec && info.st_mtim.tv_nsec == modified.tv_nsec
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
