/// Turns a keepalived check block (`TCP_CHECK`, `HTTP_GET`, `SSL_GET`, `SMTP_CHECK`,
/// `MISC_CHECK`) into a `HealthCheck`.
struct KeepalivedCheckBuilder {
    let block: KeepalivedStatement
    let file: String

    private func error(_ at: KeepalivedStatement, _ message: String) -> DirectorConfigError {
        DirectorConfigError(file: file, line: at.line, message: message)
    }

    private func value(_ at: KeepalivedStatement) throws(DirectorConfigError) -> String {
        guard at.arguments.count == 1, !at.hasBlock else { throw error(at, "\(at.keyword) takes one value") }
        return at.arguments[0]
    }

    private func seconds(_ at: KeepalivedStatement) throws(DirectorConfigError) -> Int {
        let text = try value(at)
        guard let seconds = Double(text), seconds > 0 else { throw error(at, "\(at.keyword) must be a positive number of seconds") }
        return Int(seconds * 1000)
    }

    func build(interval: Int) throws(DirectorConfigError) -> HealthCheck {
        var check = HealthCheck(intervalMilliseconds: interval)
        check.timeoutMilliseconds = 5000
        switch block.keyword {
        case "TCP_CHECK": check.kind = .connect
        case "HTTP_GET": check.kind = .negotiate(.http)
        case "SSL_GET": check.kind = .negotiate(.https)
        case "SMTP_CHECK": check.kind = .negotiate(.smtp)
        default: check.kind = .external(command: "")
        }
        var sawURL = false
        for child in block.children {
            switch (child.keyword, block.keyword) {
            case ("connect_timeout", _), ("misc_timeout", "MISC_CHECK"): check.timeoutMilliseconds = try seconds(child)
            case ("connect_port", _):
                guard let port = Int(try value(child)), (1...65535).contains(port) else { throw error(child, "connect_port must be a port number") }
                check.port = port
            case ("retry", _), ("nb_get_retry", _):
                guard let retries = Int(try value(child)), retries >= 0 else { throw error(child, "\(child.keyword) must be a number") }
                check.failuresBeforeDown = max(1, retries)
            case ("delay_before_retry", _): check.retryIntervalMilliseconds = try seconds(child)
            case ("url", "HTTP_GET"), ("url", "SSL_GET"):
                guard !sawURL else { throw error(child, "one url per check is supported") }
                sawURL = true
                try readURL(child, into: &check)
            case ("virtualhost", "HTTP_GET"), ("virtualhost", "SSL_GET"): check.virtualHost = try value(child)
            case ("helo_name", "SMTP_CHECK"): check.heloName = try value(child)
            case ("misc_path", "MISC_CHECK"): check.kind = .external(command: try value(child))
            case ("misc_dynamic", "MISC_CHECK"): throw error(child, "misc_dynamic (weights from exit codes) is not supported")
            default: throw error(child, "unsupported directive \"\(child.keyword)\" in \(block.keyword)")
            }
        }
        if case .external(let command) = check.kind, command.isEmpty { throw error(block, "MISC_CHECK needs misc_path") }
        return check
    }

    private func readURL(_ url: KeepalivedStatement, into check: inout HealthCheck) throws(DirectorConfigError) {
        for child in url.children {
            switch child.keyword {
            case "path": check.request = try value(child)
            case "status_code":
                guard let status = Int(try value(child)), (100...599).contains(status) else { throw error(child, "status_code must be an HTTP status") }
                check.expectedStatus = status
            case "digest": check.digest = try value(child).lowercased()
            default: throw error(child, "unsupported directive \"\(child.keyword)\" in url")
            }
        }
    }
}
