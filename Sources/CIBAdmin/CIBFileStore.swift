import Foundation
import HalyardModel

/// A CIB kept in one XML file. Reads refuse a corrupt file; writes are atomic (temporary file in
/// the same directory, fsync, rename, fsync of the directory), so a crash or a refused commit
/// never leaves a partial file behind.
public struct CIBFileStore: CIBStore {
    public let path: String

    public init(path: String) { self.path = path }

    public var name: String { path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws(AdminError) -> CIB {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdminError("cannot read \(path): no such file or not readable")
        }
        do {
            return try CIBDecoder.decode(data)
        } catch {
            throw AdminError("\(path): \(error)")
        }
    }

    public func commit(_ cib: CIB, basedOn base: CIBVersion) throws(AdminError) {
        if let data = FileManager.default.contents(atPath: path) {
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
        try AtomicFile.write(CIBEncoder.encodedData(cib), to: path)
    }
}

/// Atomic replacement of a file's contents.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(AdminError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw AdminError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
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
