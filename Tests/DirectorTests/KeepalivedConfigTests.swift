import Testing
@testable import Director

/// keepalived `virtual_server` blocks: the internal MySQL balancer and SMTP with a sorry server.
@Suite struct KeepalivedConfigTests {
    static let sample = """
        ! internal balancers
        virtual_server_group readers {
            10.0.2.50 3306
            10.0.2.51 3306
        }

        virtual_server group readers {
            delay_loop 6
            lb_algo wlc
            lb_kind NAT
            protocol TCP
            real_server 10.0.2.11 3306 {
                weight 3
                inhibit_on_failure
                TCP_CHECK {
                    connect_timeout 2
                    retry 3
                    delay_before_retry 1
                }
            }
            real_server 10.0.2.12 3306 {
                weight 1
                MISC_CHECK {
                    misc_path "/etc/halyard/check-replication 10.0.2.12"
                    misc_timeout 4
                }
            }
        }

        virtual_server 10.0.3.25 25 {
            delay_loop 10
            lb_algo rr
            lb_kind DR
            sorry_server 10.0.3.99 25
            real_server 10.0.3.21 25 {
                SMTP_CHECK {
                    helo_name lb.example.lab
                    connect_timeout 3
                }
            }
        }

        virtual_server 10.0.4.80 80 {
            real_server 10.0.4.11 80 {
                HTTP_GET {
                    url {
                        path /health
                        status_code 200
                        digest 9B3A0C85A887A256D6939DA88AABD8CD
                    }
                    virtualhost www.example.lab
                    nb_get_retry 2
                }
            }
        }
        """

    @Test func readsGroupsRealServersAndChecks() throws {
        let configuration = try KeepalivedConfigParser.parse(Self.sample, file: "keepalived.conf")
        #expect(configuration.services.map(\.endpoint.description) == ["10.0.2.50:3306", "10.0.2.51:3306", "10.0.3.25:25", "10.0.4.80:80"])
        let readers = configuration.services[0]
        #expect(readers.scheduler == "wlc")
        #expect(readers.quiescent, "inhibit_on_failure keeps failed servers at weight 0")
        #expect(readers.realServers.map(\.forwarding) == [.masq, .masq])
        let tcp = readers.realServers[0].check
        #expect(tcp.kind == .connect)
        #expect(tcp.timeoutMilliseconds == 2000)
        #expect(tcp.failuresBeforeDown == 3)
        #expect(tcp.retryIntervalMilliseconds == 1000)
        #expect(tcp.intervalMilliseconds == 6000)
        #expect(readers.realServers[1].check.kind == .external(command: "/etc/halyard/check-replication 10.0.2.12"))
        #expect(readers.realServers[1].check.timeoutMilliseconds == 4000)

        let smtp = configuration.services[2]
        #expect(smtp.quiescent == false)
        #expect(smtp.fallback?.endpoint == ServiceEndpoint(host: "10.0.3.99", port: 25))
        #expect(smtp.fallback?.forwarding == .gate)
        #expect(smtp.realServers[0].check.kind == .negotiate(.smtp))
        #expect(smtp.realServers[0].check.heloName == "lb.example.lab")

        let web = configuration.services[3].realServers[0].check
        #expect(web.kind == .negotiate(.http))
        #expect(web.request == "/health")
        #expect(web.expectedStatus == 200)
        #expect(web.digest == "9b3a0c85a887a256d6939da88aabd8cd")
        #expect(web.virtualHost == "www.example.lab")
        #expect(web.failuresBeforeDown == 2)
        #expect(web.intervalMilliseconds == 60_000, "keepalived's default delay_loop")
    }

    @Test func sslGetChecksOverTLSWithTheURLAndVirtualHost() throws {
        let text = """
            virtual_server 10.0.0.1 443 {
              real_server 10.0.1.1 443 {
                SSL_GET {
                  url {
                    path /health
                    status_code 200
                    digest 900150983CD24FB0D6963F7D28E17F72
                  }
                  virtualhost www.example.lab
                  connect_timeout 2
                }
              }
            }

            """
        let check = try KeepalivedConfigParser.parse(text, file: "ka.conf").services[0].realServers[0].check
        #expect(check.kind == .negotiate(.https))
        #expect(check.request == "/health" && check.expectedStatus == 200 && check.digest == "900150983cd24fb0d6963f7d28e17f72")
        #expect(check.virtualHost == "www.example.lab" && check.timeoutMilliseconds == 2000)
    }

    @Test func theLoaderChoosesTheSyntax() throws {
        #expect(try DirectorConfigLoader.parse(Self.sample, file: "k").services.count == 4)
        #expect(try DirectorConfigLoader.parse("virtual=10.0.0.1:80\n real=10.0.1.1:80 gate\n", file: "l").services.count == 1)
    }

    @Test(arguments: [
        ("vrrp_instance VI_1 {\n state MASTER\n}\n", 1, "VRRP"),
        ("virtual_server 10.0.0.1 80 {\n  real_server 10.0.1.1 80 {\n    TCP_CHECK {\n      connect_timout 3\n    }\n  }\n}\n", 4, "connect_timout"),
        ("virtual_server 10.0.0.1 80 {\n  lb_kind BRIDGE\n  real_server 10.0.1.1 80 {\n  }\n}\n", 2, "NAT, DR or TUN"),
        ("virtual_server 10.0.0.1 80 {\n  real_server 10.0.1.1 80 {\n", 2, "never closed"),
        ("}\n", 1, "without a matching"),
        ("virtual_server group nope {\n  real_server 10.0.1.1 80 {\n  }\n}\n", 1, "no virtual_server_group"),
        ("virtual_server 10.0.0.1 80 {\n  delay_loop 6\n}\n", 1, "no real_server"),
        ("virtual_server 10.0.0.1 eighty {\n}\n", 1, "ADDRESS PORT"),
        ("virtual_server 10.0.0.1 80 {\n  real_server 10.0.1.1 80 {\n    MISC_CHECK {\n      misc_dynamic\n    }\n  }\n}\n", 4, "not supported"),
        ("virtual_server 10.0.0.1 25 {\n  real_server 10.0.1.1 25 {\n    SMTP_CHECK {\n      url {\n      }\n    }\n  }\n}\n", 4, "\"url\" in SMTP_CHECK"),
    ])
    func mistakesAreRefusedWithFileAndLine(text: String, line: Int, expected: String) {
        do {
            _ = try KeepalivedConfigParser.parse(text, file: "ka.conf")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(expected), "\(error)")
        }
    }
}
