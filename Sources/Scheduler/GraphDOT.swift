import Foundation

/// Renders a transition graph in Graphviz DOT: one node per action (labelled like Pacemaker's
/// `rsc_task_interval node`; implied actions dashed), one edge per ordering.
public enum GraphDOT {
    public static func render(_ graph: TransitionGraph) -> String {
        var lines = ["digraph transition {"]
        for action in graph.actions {
            let style = action.pseudo ? "dashed" : "bold"
            lines.append("  \(quoted(action.label)) [style=\(style) tooltip=\(quoted(action.reason))]")
        }
        for edge in graph.edges {
            lines.append("  \(quoted(graph.actions[edge.first].label)) -> \(quoted(graph.actions[edge.then].label))")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
