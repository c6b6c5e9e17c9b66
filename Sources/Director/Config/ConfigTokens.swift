/// Small lexical helpers shared by the configuration parsers.
enum ConfigTokens {
    /// Splits on whitespace, keeping "double" or 'single' quoted text together (quotes removed).
    /// Returns nil when a quote is not closed.
    static func words(_ text: Substring) -> [String]? {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }

    /// Well-known service names ldirectord and keepalived accept in place of a port number.
    static let servicePorts: [String: Int] = [
        "http": 80, "https": 443, "smtp": 25, "domain": 53, "dns": 53, "ftp": 21, "imap": 143,
        "pop3": 110, "mysql": 3306, "ldap": 389, "submission": 587,
    ]

    /// `10.0.0.1:80`, `[fd00::1]:53`, `10.0.0.1:http`, or an address alone.
    static func endpoint(_ text: String) -> ServiceEndpoint? {
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:_".contains($0) }) else { return nil }
        guard let portText else { return ServiceEndpoint(host: String(host), port: nil) }
        guard let port = Int(portText) ?? servicePorts[String(portText)], (1...65535).contains(port) else { return nil }
        return ServiceEndpoint(host: String(host), port: port)
    }

    /// The service a port usually carries, for ldirectord's default `service`.
    static func defaultService(forPort port: Int?) -> ServiceKind? {
        switch port {
        case 80: .http
        case 443: .https
        case 25, 587: .smtp
        case 53: .dns
        default: nil
        }
    }
}
