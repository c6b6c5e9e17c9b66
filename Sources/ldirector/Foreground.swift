import ArgumentParser
import Director
import Foundation

/// `ldirector run`: the director in this process until SIGTERM or SIGINT; SIGHUP reloads, and
/// with `autoreload` a changed configuration file is reloaded too.
struct Foreground {
    let files: RunFiles
    let dataPlane: DataPlaneKind

    enum Event { case stop, reload }

    func run() async throws {
        try FileManager.default.createDirectory(atPath: files.runDir, withIntermediateDirectories: true)
        if let other = files.runningPid(), other != getpid() {
            throw ValidationErrorMessage("already running as pid \(other) (\(files.pid))")
        }
        try "\(getpid())\n".write(toFile: files.pid, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: files.pid) }
        let runtime = DirectorRuntime(configurationPath: files.configuration, dataPlane: dataPlane.make(),
                                      dataPlaneName: dataPlane.rawValue, statusPath: files.state)
        let (events, continuation) = AsyncStream<Event>.makeStream()
        let sources = [(SIGTERM, Event.stop), (SIGINT, .stop), (SIGHUP, .reload)].map { number, event in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { continuation.yield(event) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            try await runtime.start()
        } catch {
            DirectorLog(file: nil).error("cannot start: \(error)")
            throw ExitCode(6)
        }
        let watcher = Task { await watch(runtime, continuation) }
        defer { watcher.cancel() }
        for await event in events {
            switch event {
            case .reload: await runtime.reload()
            case .stop:
                await runtime.stop()
                return
            }
        }
    }

    /// Asks for a reload when the configuration file changes and `autoreload` is set.
    private func watch(_ runtime: DirectorRuntime, _ continuation: AsyncStream<Event>.Continuation) async {
        var seen = modification()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let now = modification()
            if now != seen, await runtime.autoreload { continuation.yield(.reload) }
            seen = now
        }
    }

    private func modification() -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: files.configuration))?[.modificationDate] as? Date
    }
}

/// An error shown to the operator as it is.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
