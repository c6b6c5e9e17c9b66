import Foundation
import Testing
@testable import Executor

/// Debian's unmodified `fence_ipmilan` through the stonith runner, against OpenIPMI's `ipmi_sim`
/// on 127.0.0.1 (a non-default UDP port), whose chassis power is a file kept by this test's
/// chassis-control script: off, status, on, status and monitor must act on that file.
@Suite struct FenceIPMITests {
    static let tools = ["/usr/sbin/fence_ipmilan", "/usr/bin/ipmi_sim", "/usr/bin/ipmitool"]
    static let toolsInstalled = tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: toolsInstalled, "needs fence_ipmilan (fence-agents), ipmi_sim (openipmi) and ipmitool (ipmitool)"))
    func fenceIpmilanPowersASimulatedBMCOffAndOn() async throws {
        let fixtures = AgentFixtures()
        defer { withExtendedLifetime(fixtures) {} }
        let bmc = try SimulatedBMC(directory: fixtures.work)
        defer { bmc.stop() }
        let runner = AgentRunner(locator: .standard())
        func run(_ action: String) async -> OperationResult {
            await runner.run(OperationRequest(resource: "ipmi", agent: .stonith(name: "fence_ipmilan"), action: action,
                                              timeoutMilliseconds: 60_000,
                                              parameters: ["ip": "127.0.0.1", "ipport": String(bmc.port), "username": "halyard",
                                                           "password": "not-default", "lanplus": "1", "cipher": "3"]))
        }
        #expect(await eventually(within: 15) { await run("status").exitCode == 0 }, "the simulated BMC does not answer")
        #expect(bmc.power == "1")
        let off = await run("off")
        #expect(off.exitCode == 0, "\(off.stdout.text)\(off.stderr.text)")
        #expect(bmc.power == "0")
        #expect(await run("status").exitCode == 2)
        #expect(await run("on").exitCode == 0)
        #expect(bmc.power == "1")
        #expect(await run("status").classification == .success)
        #expect(await run("monitor").exitCode == 0)
        let metadata = await run("meta-data")
        #expect(try AgentMetadata.parse(metadata.stdout.bytes).name == "fence_ipmilan")
    }
}

/// An `ipmi_sim` BMC listening on a free UDP port of 127.0.0.1, with one admin user and a
/// chassis-control script that keeps the power state (`1` on, `0` off) in a file.
struct SimulatedBMC {
    let directory: String
    let port: UInt16
    private let pid: pid_t

    init(directory: String) throws {
        self.directory = directory
        port = try Self.freeUDPPort()
        let control = directory + "/chassis-control"
        try Self.write(control, mode: 0o755, """
            #!/bin/sh
            # ipmi_sim runs "chassis-control 0x20 get NAME..." (answer NAME:VALUE lines) and
            # "chassis-control 0x20 set NAME VALUE...". Only the power state is kept.
            state="$(dirname "$0")/power"
            [ -f "$state" ] || echo 1 > "$state"
            shift
            case "$1" in
                get) shift; for name in "$@"; do [ "$name" = power ] && echo "power:$(cat "$state")"; done ;;
                set) shift; while [ $# -ge 2 ]; do [ "$1" = power ] && echo "$2" > "$state"; shift 2; done ;;
            esac
            exit 0
            """)
        try Self.write(directory + "/lan.conf", mode: 0o644, """
            name "halyard-test"
            set_working_mc 0x20
              startlan 1
                addr 127.0.0.1 \(port)
                priv_limit admin
                allowed_auths_callback none md2 md5 straight
                allowed_auths_user none md2 md5 straight
                allowed_auths_operator none md2 md5 straight
                allowed_auths_admin none md2 md5 straight
                guid a123456789abcdefa123456789abcdef
              endlan
              chassis_control "\(control) 0x20"
              user 1 true "" "unused" user 10 none md2 md5 straight
              user 2 true "halyard" "not-default" admin 10 none md2 md5 straight
            """)
        try Self.write(directory + "/commands", mode: 0o644, """
            mc_setbmc 0x20
            mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
            mc_enable 0x20
            """)
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        pid = try Self.spawn(["/usr/bin/ipmi_sim", "-c", directory + "/lan.conf", "-f", directory + "/commands",
                              "-s", directory + "/state", "-n"])
    }

    /// The power state the chassis-control script keeps.
    var power: String? {
        (try? String(contentsOfFile: directory + "/power", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the simulator (by its recorded pid): SIGTERM, then SIGKILL after five seconds.
    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<250 {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited == -1 && errno == ECHILD) { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
    }

    /// Starts `argv` with stdio on /dev/null, no blocked signals and default signal handling
    /// (a test thread blocks most signals, and a child would inherit that).
    private static func spawn(_ argv: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, arguments, environ)
        guard result == 0 else { throw LabError("cannot start \(argv[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    private static func write(_ path: String, mode: Int, _ text: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: mode]) else {
            throw LabError("cannot write \(path)")
        }
    }

    /// A UDP port of 127.0.0.1 that was free a moment ago (the kernel's choice for port 0).
    private static func freeUDPPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LabError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw LabError("bind: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }
}
