import ArgumentParser
import Director
import Foundation

/// `start`, `stop`, `status` and `reload`: talk to the director of one configuration
/// through its pid and state files.
struct Control {
    let files: RunFiles

    /// Starts `ldirector run` in its own session and waits until it published its first table,
    /// or reports why it died.
    func start(arguments: [String]) throws {
        if let pid = files.runningPid() {
            print("ldirector is already running (pid \(pid))")
            return
        }
        try FileManager.default.createDirectory(atPath: files.runDir, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: files.state)
        let offset = (try? FileManager.default.attributesOfItem(atPath: files.log)[.size] as? UInt64) ?? 0
        let process = try Detached(path: try selfPath(), arguments: arguments, log: files.log)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let status = try? DirectorStatus.read(from: files.state), status.pid == process.pid {
                print("ldirector started (pid \(status.pid)), log in \(files.log)")
                return
            }
            if let code = process.exitStatus() {
                FileHandle.standardError.write(Data("ldirector failed to start:\n\(logTail(from: offset))\n".utf8))
                throw ExitCode(code == 0 ? 1 : code)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.pid, SIGTERM)
        FileHandle.standardError.write(Data("ldirector did not come up within 30 s:\n\(logTail(from: offset))\n".utf8))
        throw ExitCode(1)
    }

    /// SIGTERM, then waits for the director to drain and exit (SIGKILL after 60 s).
    func stop() throws {
        guard let pid = files.runningPid() else {
            print("ldirector is not running")
            return
        }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(60)
        while files.runningPid() == pid, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if files.runningPid() == pid {
            FileHandle.standardError.write(Data("ldirector \(pid) did not stop within 60 s; killing it\n".utf8))
            kill(pid, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: files.pid)
        print("ldirector stopped")
    }

    func reload() throws {
        guard let pid = files.runningPid() else { throw ValidationErrorMessage("ldirector is not running") }
        kill(pid, SIGHUP)
        print("ldirector \(pid) asked to reload")
    }

    /// Prints the table and the servers' health; exit 3 when not running, 1 when the data plane
    /// does not hold the table the director published.
    func status() async throws {
        guard let pid = files.runningPid(), let status = try? DirectorStatus.read(from: files.state), status.pid == pid else {
            print("ldirector is not running")
            throw ExitCode(3)
        }
        print(status.report)
        if let error = status.dataPlaneError {
            print("NOT PROGRAMMED: \(error)")
            throw ExitCode(1)
        }
        guard let kind = DataPlaneKind(rawValue: status.dataPlane) else { throw ExitCode(1) }
        if let problem = await kind.make().verify(status.balancerTable) {
            print("NOT PROGRAMMED: \(problem)")
            throw ExitCode(1)
        }
        print("data plane: programmed")
    }

    private func selfPath() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    private func logTail(from offset: UInt64) -> String {
        guard let handle = FileHandle(forReadingAtPath: files.log) else { return "" }
        handle.seek(toFileOffset: offset)
        return String(decoding: handle.readDataToEndOfFile().suffix(4000), as: UTF8.self)
    }
}
