import Foundation

/// The meta-data Halyard reports for an init script (which has none of its own).
enum LSBMetadata {
    static func document(name: String) -> String {
        let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <?xml version="1.0"?>
            <resource-agent name="\(escaped)" version="1.0">
              <version>1.1</version>
              <longdesc lang="en">The init script /etc/init.d/\(escaped), run with start, stop and status.</longdesc>
              <shortdesc lang="en">LSB init script \(escaped)</shortdesc>
              <parameters/>
              <actions>
                <action name="start" timeout="15s"/>
                <action name="stop" timeout="15s"/>
                <action name="monitor" timeout="15s" interval="15s"/>
                <action name="meta-data" timeout="5s"/>
              </actions>
            </resource-agent>

            """
    }
}
