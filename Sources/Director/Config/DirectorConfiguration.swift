/// What the director balances and how it checks it: read from ldirectord.cf or keepalived's
/// `virtual_server` blocks (see `LdirectordConfigParser`, `KeepalivedConfigParser`).
public struct DirectorConfiguration: Hashable, Sendable {
    public var settings: DirectorSettings
    public var services: [VirtualService]

    public init(settings: DirectorSettings = DirectorSettings(), services: [VirtualService] = []) {
        self.settings = settings
        self.services = services
    }
}

/// Settings that apply to the whole director (ldirectord's global directives).
public struct DirectorSettings: Hashable, Sendable {
    /// Reload the file when it changes (`autoreload`).
    public var autoreload: Bool = false
    /// Where ldirectord logged (`logfile`); the director logs to standard error and this file.
    public var logfile: String?

    public init(autoreload: Bool = false, logfile: String? = nil) {
        self.autoreload = autoreload
        self.logfile = logfile
    }
}

/// An address with an optional port (`10.0.0.1:80`, `[fd00::1]:53`, `10.0.0.2`).
public struct ServiceEndpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int?

    public init(host: String, port: Int?) {
        self.host = host
        self.port = port
    }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? shownHost
    }
}

/// How packets reach a real server (LVS terms; keepalived's DR, NAT, TUN).
public enum ForwardingMethod: String, Hashable, Sendable, CaseIterable {
    case gate, masq, ipip
}

/// The transport a virtual service balances.
public enum ServiceProtocol: String, Hashable, Sendable {
    case tcp, udp
}

/// A balanced address: its real servers, the sorry server when all are down, how new
/// connections are spread and how servers are checked.
public struct VirtualService: Hashable, Sendable {
    public var endpoint: ServiceEndpoint
    public var proto: ServiceProtocol
    /// `rr`, `wrr`, `lc`, `wlc`, `sh`, `dh` …
    public var scheduler: String
    /// Client affinity in seconds (`persistent`, `persistence_timeout`).
    public var persistenceSeconds: Int?
    /// Netmask grouping clients for persistence.
    public var persistenceNetmask: String?
    public var realServers: [RealServer]
    /// Where traffic goes when every real server is down (`fallback`, `sorry_server`).
    public var fallback: RealServer?
    /// Failed servers stay with weight 0 (true) or leave the table (false).
    public var quiescent: Bool
    /// A command run with the service and the event when servers go down or up (`emailalert`-style hook).
    public var alertCommand: String?
    /// The line of the configuration file where the service is defined.
    public var line: Int

    public init(endpoint: ServiceEndpoint, proto: ServiceProtocol = .tcp, scheduler: String = "wrr",
                persistenceSeconds: Int? = nil, persistenceNetmask: String? = nil, realServers: [RealServer] = [],
                fallback: RealServer? = nil, quiescent: Bool = true, alertCommand: String? = nil, line: Int = 0) {
        self.endpoint = endpoint
        self.proto = proto
        self.scheduler = scheduler
        self.persistenceSeconds = persistenceSeconds
        self.persistenceNetmask = persistenceNetmask
        self.realServers = realServers
        self.fallback = fallback
        self.quiescent = quiescent
        self.alertCommand = alertCommand
        self.line = line
    }
}

/// One backend of a virtual service, with the check that decides whether it gets traffic.
public struct RealServer: Hashable, Sendable {
    public var endpoint: ServiceEndpoint
    public var forwarding: ForwardingMethod
    public var weight: Int
    public var check: HealthCheck
    public var line: Int

    public init(endpoint: ServiceEndpoint, forwarding: ForwardingMethod = .gate, weight: Int = 1,
                check: HealthCheck = HealthCheck(), line: Int = 0) {
        self.endpoint = endpoint
        self.forwarding = forwarding
        self.weight = weight
        self.check = check
        self.line = line
    }
}

/// How a real server is checked, and how often and patiently.
public struct HealthCheck: Hashable, Sendable {
    /// What kind of check runs.
    public enum Kind: Hashable, Sendable {
        /// Connect to the port only (ldirectord `connect`, keepalived `TCP_CHECK`).
        case connect
        /// Talk the service's protocol and check the answer (`negotiate`, `HTTP_GET`, `SMTP_CHECK` …).
        case negotiate(ServiceKind)
        /// Run a script (ldirectord `external`, keepalived `MISC_CHECK`, Solaris ILB arguments).
        case external(command: String)
        /// ICMP echo.
        case ping
        /// Always up (`on`) or never checked and always down (`off`).
        case always(up: Bool)
    }

    public var kind: Kind
    /// The port to check (default: the real server's port).
    public var port: Int?
    /// HTTP path or the query name for DNS.
    public var request: String?
    /// A regular expression the answer must match.
    public var receive: String?
    /// HTTP status expected (keepalived `status_code`); nil = any 2xx/3xx.
    public var expectedStatus: Int?
    /// MD5 of the body expected (keepalived `digest`).
    public var digest: String?
    /// The Host header for HTTP checks.
    public var virtualHost: String?
    /// The HELO name for SMTP checks.
    public var heloName: String?
    public var timeoutMilliseconds: Int
    public var intervalMilliseconds: Int
    /// Consecutive failures before the server is marked down.
    public var failuresBeforeDown: Int
    /// The delay before checking again after a failure (keepalived `delay_before_retry`); nil = the interval.
    public var retryIntervalMilliseconds: Int?

    public init(kind: Kind = .connect, port: Int? = nil, request: String? = nil, receive: String? = nil,
                expectedStatus: Int? = nil, digest: String? = nil, virtualHost: String? = nil, heloName: String? = nil,
                timeoutMilliseconds: Int = 5000, intervalMilliseconds: Int = 10_000, failuresBeforeDown: Int = 1,
                retryIntervalMilliseconds: Int? = nil) {
        self.kind = kind
        self.port = port
        self.request = request
        self.receive = receive
        self.expectedStatus = expectedStatus
        self.digest = digest
        self.virtualHost = virtualHost
        self.heloName = heloName
        self.timeoutMilliseconds = timeoutMilliseconds
        self.intervalMilliseconds = intervalMilliseconds
        self.failuresBeforeDown = failuresBeforeDown
        self.retryIntervalMilliseconds = retryIntervalMilliseconds
    }
}

/// The application protocols a `negotiate` check speaks.
public enum ServiceKind: String, Hashable, Sendable, CaseIterable {
    case http, https, smtp, dns
}

/// A configuration error with the file and line it was found at.
public struct DirectorConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
