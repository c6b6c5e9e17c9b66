import Executor
import Foundation

/// The running director: checks every real server (`CheckScheduler`), keeps their health
/// (`HealthTracker`), and programs the table they imply into the data plane whenever it
/// changes. Publishes `DirectorStatus` after each change; `reload` applies a changed
/// configuration as a diff (servers that stay keep their health).
public actor DirectorRuntime {
    private let configurationPath: String
    private let dataPlane: any DataPlane
    private let dataPlaneName: String
    private let statusPath: String
    private var log: DirectorLog
    private var configuration = DirectorConfiguration()
    private var health = HealthTracker()
    private var applied = BalancerTable()
    private var dataPlaneError: String?
    private var scheduler: CheckScheduler?

    public init(configurationPath: String, dataPlane: any DataPlane, dataPlaneName: String, statusPath: String) {
        self.configurationPath = configurationPath
        self.dataPlane = dataPlane
        self.dataPlaneName = dataPlaneName
        self.statusPath = statusPath
        log = DirectorLog(file: nil)
    }

    /// Loads the configuration, refuses what the data plane cannot do, and starts checking.
    public func start(checker: any HealthChecking = HealthCheckRunner()) async throws {
        configuration = try DirectorConfigLoader.load(path: configurationPath)
        log = DirectorLog(file: configuration.settings.logfile)
        let initial = BalancerTable(configuration: configuration, health: health)
        try await dataPlane.prepare(for: initial)
        await program(initial)
        scheduler = CheckScheduler(checker: checker) { [weak self] target, result in await self?.record(target, result) }
        await scheduler?.update(CheckTarget.all(in: configuration))
        log.info("started with \(configurationPath) on the \(dataPlaneName) data plane: \(configuration.services.count) virtual services")
    }

    /// Re-reads the configuration; a broken file is reported and the running one kept.
    public func reload() async {
        let next: DirectorConfiguration
        do { next = try DirectorConfigLoader.load(path: configurationPath) } catch {
            log.error("reload refused, keeping the running configuration: \(error)")
            return
        }
        let table = BalancerTable(configuration: next, health: health)
        do { try await dataPlane.prepare(for: table) } catch {
            log.error("reload refused, keeping the running configuration: \(error)")
            return
        }
        configuration = next
        let targets = CheckTarget.all(in: next)
        health.retain(only: Set(targets.map(\.key)))
        await scheduler?.update(targets)
        await program(BalancerTable(configuration: next, health: health))
        log.info("reloaded \(configurationPath)")
    }

    /// Whether the file is set to be re-read when it changes (`autoreload`).
    public var autoreload: Bool { configuration.settings.autoreload }

    /// Stops checking and removes the table (the userspace balancer drains first).
    public func stop() async {
        await scheduler?.stop()
        do { try await dataPlane.remove() } catch { log.error("removing the table: \(error)") }
        try? FileManager.default.removeItem(atPath: statusPath)
        log.info("stopped")
    }

    private func record(_ target: CheckTarget, _ result: CheckResult) async {
        guard CheckTarget.all(in: configuration).contains(target) else { return }
        let transition = health.record(result, for: target.key, failuresBeforeDown: target.check.failuresBeforeDown)
        if let transition {
            log.info("\(transition.server) is \(transition.isUp ? "up" : "down"): \(transition.reason)")
            alert(transition)
        }
        await program(BalancerTable(configuration: configuration, health: health))
    }

    /// Applies `table` when it differs from the programmed one, and publishes the status.
    private func program(_ table: BalancerTable) async {
        if table != applied || dataPlaneError != nil {
            do {
                try await dataPlane.apply(table)
                let changes = TableDiff.changes(from: applied, to: table)
                if !changes.isEmpty { log.info("table: \(changes.count) change\(changes.count == 1 ? "" : "s") applied") }
                applied = table
                dataPlaneError = nil
            } catch {
                dataPlaneError = "\(error)"
                log.error("data plane: \(error)")
            }
        }
        publish()
    }

    private func publish() {
        let status = DirectorStatus(pid: getpid(), configuration: configurationPath, dataPlane: dataPlaneName, dataPlaneError: dataPlaneError,
                                    table: applied, health: health, targets: CheckTarget.all(in: configuration))
        do { try status.write(to: statusPath) } catch { log.error("cannot write \(statusPath): \(error)") }
    }

    /// Runs the service's alert command (`emailalert`) with: up|down, service, server, reason.
    private func alert(_ transition: HealthTracker.Transition) {
        guard let service = configuration.services.first(where: { $0.endpoint == transition.server.service && $0.proto == transition.server.proto }),
              let command = service.alertCommand, let words = ConfigTokens.words(Substring(command)), let program = words.first,
              let path = ExternalCheck.locate(program) else { return }
        let arguments = Array(words.dropFirst()) + [transition.isUp ? "up" : "down", "\(transition.server.proto.rawValue) \(transition.server.service)",
                                                   transition.server.server.description, transition.reason]
        let spec = ProcessSpec(path: path, arguments: arguments, environment: ProcessInfo.processInfo.environment, timeoutMilliseconds: 30_000)
        Task.detached { _ = await ProcessRunner.run(spec) }
    }
}
