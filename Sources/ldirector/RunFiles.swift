import Foundation

/// The pid, state and log files of one director instance (named after its configuration file).
struct RunFiles {
    let runDir: String
    let configuration: String

    private var name: String {
        let base = URL(fileURLWithPath: configuration).deletingPathExtension().lastPathComponent
        return String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    var pid: String { "\(runDir)/ldirector-\(name).pid" }
    var state: String { "\(runDir)/ldirector-\(name).state" }
    var log: String { "\(runDir)/ldirector-\(name).log" }

    /// The pid recorded in the pid file when that process is alive.
    func runningPid() -> pid_t? {
        guard let text = try? String(contentsOfFile: pid, encoding: .utf8),
              let value = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0 else { return nil }
        guard kill(value, 0) == 0, let status = try? String(contentsOfFile: "/proc/\(value)/status", encoding: .utf8) else { return nil }
        let zombie = status.split(separator: "\n").contains { $0.hasPrefix("State:") && ($0.contains("Z") || $0.contains("X (dead)")) }
        return zombie ? nil : value
    }
}
