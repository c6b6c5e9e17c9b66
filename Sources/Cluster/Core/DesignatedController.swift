/// Which member is the designated controller: a pure function of the CPG view, so every member
/// agrees without an election (all see the same views in the same order).
public enum DesignatedController {
    /// The member with the lowest node id (then pid) among the crmd processes in the group.
    public static func of(_ view: MembershipView) -> MemberAddress? {
        view.members.min()
    }
}
