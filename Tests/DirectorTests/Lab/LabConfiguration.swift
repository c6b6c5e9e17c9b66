import HalyardModel
@testable import Director

/// The director lab's configuration in both syntaxes, with the same services: web on :80
/// (b1 weight 2, b2 weight 1, HTTP checks, the sorry server b3), secure web on :443 (b1 and b2
/// on :8443, HTTPS checks), mail on :25 (the active relay b1, the backup b2 as sorry server,
/// SMTP checks) and DNS on :53 (b1 and b2, DNS checks).
/// Checks run every second with a one-second timeout.
enum LabConfiguration {
    static let vip = DirectorLab.vip

    /// ldirectord.cf: HTTP and HTTPS negotiate with `receive`, SMTP negotiate, DNS negotiate.
    static func ldirectord(quiescent: Bool, dns: ServiceProtocol) -> String {
        """
        checkinterval=1
        checktimeout=1
        quiescent=\(quiescent ? "yes" : "no")

        virtual=\(vip):80
            real=10.77.2.11:8080 masq 2
            real=10.77.2.12:8080 masq 1
            fallback=10.77.2.13:8080 masq
            service=http
            receive="^b[12]$"
            checktype=negotiate
            scheduler=wrr

        virtual=\(vip):443
            real=10.77.2.11:8443 masq
            real=10.77.2.12:8443 masq
            service=https
            virtualhost=www.lab
            receive="^b[12]$"
            checktype=negotiate
            scheduler=rr

        virtual=\(vip):25
            real=10.77.2.11:25 masq
            fallback=10.77.2.12:25 masq
            service=smtp
            checktype=negotiate
            scheduler=rr

        virtual=\(vip):53
            real=10.77.2.11:53 masq
            real=10.77.2.12:53 masq
            protocol=\(dns.rawValue)
            service=dns
            request="www.lab"
            receive="^10\\.77\\.9\\.1[12]$"
            checktype=negotiate
            scheduler=rr

        """
    }

    /// keepalived: HTTP_GET and SSL_GET with the page's MD5 digest per server, SMTP_CHECK with helo_name,
    /// and DNS through MISC_CHECK running `dnsCheck` (which gets Solaris ILB's arguments).
    /// `inhibit_on_failure` (quiescent) on the web servers.
    static func keepalived(quiescent: Bool, dns: ServiceProtocol, dnsCheck: String) -> String {
        let inhibit = quiescent ? "inhibit_on_failure" : ""
        func web(_ address: String, port: Int = 8080, weight: Int, page: String, check: String = "HTTP_GET") -> String {
            """
                real_server \(address) \(port) {
                    weight \(weight)
                    \(inhibit)
                    \(check) {
                        url {
                            path /index.html
                            status_code 200
                            digest \(MD5.hex(Array(page.utf8)))
                        }
                        connect_timeout 1
                    }
                }
            """
        }
        func resolver(_ address: String) -> String {
            """
                real_server \(address) 53 {
                    weight 1
                    MISC_CHECK {
                        misc_path "\(dnsCheck)"
                        misc_timeout 2
                    }
                }
            """
        }
        return """
        virtual_server \(vip) 80 {
            delay_loop 1
            lb_algo wrr
            lb_kind NAT
            protocol TCP
            sorry_server 10.77.2.13 8080
        \(web("10.77.2.11", weight: 2, page: "b1\n"))
        \(web("10.77.2.12", weight: 1, page: "b2\n"))
        }

        virtual_server \(vip) 443 {
            delay_loop 1
            lb_algo rr
            lb_kind NAT
            protocol TCP
        \(web("10.77.2.11", port: 8443, weight: 1, page: "b1\n", check: "SSL_GET"))
        \(web("10.77.2.12", port: 8443, weight: 1, page: "b2\n", check: "SSL_GET"))
        }

        virtual_server \(vip) 25 {
            delay_loop 1
            lb_algo rr
            lb_kind NAT
            protocol TCP
            sorry_server 10.77.2.12 25
            real_server 10.77.2.11 25 {
                weight 1
                \(inhibit)
                SMTP_CHECK {
                    helo_name director.lab
                    connect_timeout 1
                }
            }
        }

        virtual_server \(vip) 53 {
            delay_loop 1
            lb_algo rr
            lb_kind NAT
            protocol \(dns.rawValue.uppercased())
        \(resolver("10.77.2.11"))
        \(resolver("10.77.2.12"))
        }

        """
    }

    /// The MISC_CHECK script for DNS: `$2` is the real server, `$4` its port, `$5` the timeout.
    static let dnsCheckScript = """
        #!/bin/sh
        exec dig +time="$5" +tries=1 +short -p "$4" "@$2" www.lab A | grep -q '^10\\.77\\.9\\.'

        """
}
