/// Reads keepalived's `virtual_server` and `virtual_server_group` blocks with their
/// `real_server`s and checks. VRRP and other sections are refused with file:line: the cluster
/// manager moves addresses, and anything unread must not pass silently.
public enum KeepalivedConfigParser {
    public static func parse(_ text: String, file: String) throws(DirectorConfigError) -> DirectorConfiguration {
        let statements = try KeepalivedSyntax.parse(text, file: file)
        var groups: [String: [ServiceEndpoint]] = [:]
        for statement in statements where statement.keyword == "virtual_server_group" {
            groups[try argument(statement, 0, file: file)] = try groupMembers(statement, file: file)
        }
        var configuration = DirectorConfiguration()
        for statement in statements {
            switch statement.keyword {
            case "virtual_server_group":
                continue
            case "virtual_server":
                let builder = KeepalivedServiceBuilder(statement: statement, file: file)
                if statement.arguments.first == "group" {
                    let name = try argument(statement, 1, file: file)
                    guard let members = groups[name] else { throw error(statement, file, "no virtual_server_group named \"\(name)\"") }
                    for endpoint in members { configuration.services.append(try builder.build(endpoint: endpoint)) }
                } else {
                    configuration.services.append(try builder.build(endpoint: try endpoint(statement, from: 0, file: file)))
                }
            case let keyword where keyword.hasPrefix("vrrp_"):
                throw error(statement, file, "\(keyword) is not used: Halyard moves floating addresses with IPaddr resources, not VRRP")
            case "global_defs":
                throw error(statement, file, "global_defs is not used by the director; keep only virtual_server sections in this file")
            default:
                throw error(statement, file, "unsupported section \"\(statement.keyword)\"")
            }
        }
        return configuration
    }

    static func error(_ statement: KeepalivedStatement, _ file: String, _ message: String) -> DirectorConfigError {
        DirectorConfigError(file: file, line: statement.line, message: message)
    }

    static func argument(_ statement: KeepalivedStatement, _ index: Int, file: String) throws(DirectorConfigError) -> String {
        guard index < statement.arguments.count else { throw error(statement, file, "\(statement.keyword) needs more arguments") }
        return statement.arguments[index]
    }

    /// `ADDRESS PORT` starting at argument `index`.
    static func endpoint(_ statement: KeepalivedStatement, from index: Int, file: String) throws(DirectorConfigError) -> ServiceEndpoint {
        let host = try argument(statement, index, file: file), portText = try argument(statement, index + 1, file: file)
        guard let port = Int(portText), (1...65535).contains(port), var endpoint = ConfigTokens.endpoint(host), endpoint.port == nil else {
            throw error(statement, file, "expected ADDRESS PORT, found \"\(host) \(portText)\"")
        }
        endpoint.port = port
        return endpoint
    }

    /// The `ADDRESS PORT` lines of a `virtual_server_group` (each parsed as a statement whose
    /// keyword is the address).
    private static func groupMembers(_ statement: KeepalivedStatement, file: String) throws(DirectorConfigError) -> [ServiceEndpoint] {
        var members: [ServiceEndpoint] = []
        for member in statement.children {
            guard !member.hasBlock, member.arguments.count == 1, let port = Int(member.arguments[0]), (1...65535).contains(port),
                  var endpoint = ConfigTokens.endpoint(member.keyword), endpoint.port == nil else {
                throw error(member, file, "a group member is ADDRESS PORT (firewall marks and ranges are not supported)")
            }
            endpoint.port = port
            members.append(endpoint)
        }
        guard !members.isEmpty else { throw error(statement, file, "empty virtual_server_group") }
        return members
    }
}
