import HalyardModel

/// Replays each node's operation history (`lrm_rsc_op` in call-id order) to learn where every
/// resource is active, which ones failed and how (`on-fail`), and which nodes must be fenced —
/// Pacemaker's status unpacking, including probes, rc 0/7/8 semantics, hard and fatal errors,
/// expired failures and anonymous clone instance numbering.
struct HistoryUnpacker {
    let cluster: WorkingSet

    func unpack(cib: CIB) {
        // Only the fields needed are read from each entry: copying whole status values (for
        // every entry on every node) was a measurable share of a run.
        let states = cib.status.nodes
        for s in states.indices {
            guard let node = cluster.node(forState: states[s]) else { continue }
            if !cluster.options.fencingEnabled && !node.online { continue }
            guard let histories = states[s].lrm?.resources else { continue }
            histories.withUnsafeBufferPointer { histories in
                for h in histories.indices where !histories[h].operations.isEmpty {
                    unpackResource(id: histories[h].id, histories[h].operations, on: node) { histories[h] }
                }
            }
        }
    }

    /// Replays the history entry `id` on `node`; `entry` gives the whole entry, for an orphan.
    private func unpackResource(id: String, _ recorded: [OperationRecord], on node: ClusterNode, entry: () -> ResourceHistory) {
        let rsc = cluster.findResource(historyID: id, on: node) ?? cluster.orphan(for: entry())
        let savedRole = rsc.role
        rsc.role = .unknown
        var onFail = FailurePolicy.ignore
        var lastFailure: OperationRecord?
        let operations = sorted(recorded)
        // A failure that blocks never expires: its resource's failure-timeout is then ignored.
        if rsc.failureTimeoutSeconds > 0 && cluster.failureBlocks(rsc, operations: operations) { rsc.failureTimeoutSeconds = 0 }
        var changedParameters = false
        operations.withUnsafeBufferPointer { operations in
            for index in operations.indices {
                unpackOperation(operations[index], rsc: rsc, node: node, onFail: &onFail, lastFailure: &lastFailure)
                if !changedParameters { changedParameters = parametersChanged(operations[index], rsc: rsc, node: node) }
            }
        }
        if changedParameters { rsc.failCountClearedOn.append(node) }
        rsc.histories.append(NodeHistory(node: node, operations: operations, known: rsc.role != .unknown))
        processState(rsc, node: node, onFail: onFail)
        if let requested = rsc.requestedRole {
            if rsc.nextRole == .unknown || requested < rsc.nextRole { rsc.nextRole = requested }
        }
        if savedRole > rsc.role { rsc.role = savedRole }
    }

    /// Whether `op` is the last failure of a start or monitor, not expired, recorded with
    /// parameters that have changed since.
    private func parametersChanged(_ op: borrowing OperationRecord, rsc: Rsc, node: ClusterNode) -> Bool {
        guard op.operation == "start" || op.operation == "monitor", Self.isLastFailure(op.id),
              !cluster.failCounts.isExpired(op, rsc: rsc, node: node) else { return false }
        return OperationDigest(cluster: cluster).changed(op, rsc: rsc, node: node) == true
    }

    /// Whether a history entry id names the entry Pacemaker keeps for the last failure.
    private static func isLastFailure(_ id: String) -> Bool {
        let suffix = "_last_failure_0".utf8
        return id.utf8.count >= suffix.count && id.utf8.suffix(suffix.count).elementsEqual(suffix)
    }

    private func sorted(_ ops: [OperationRecord]) -> [OperationRecord] {
        func before(_ x: OperationRecord, _ y: OperationRecord) -> Bool? {
            if x.callID < 0 || y.callID < 0 {
                return x.callID != y.callID ? y.callID < 0 && x.callID >= 0 : nil
            }
            if x.callID != y.callID { return x.callID < y.callID }
            if let l = x.lastRCChange, let r = y.lastRCChange, l != r { return l < r }
            return nil
        }
        // Histories are usually recorded in order already (and most hold a single entry).
        guard ops.count > 1, zip(ops, ops.dropFirst()).contains(where: { before($1, $0) == true }) else { return ops }
        return ops.enumerated().sorted { a, b in before(a.element, b.element) ?? (a.offset < b.offset) }.map(\.element)
    }

    /// The expected result in a `transition-key` (`ACTION:TRANSITION:TARGET_RC:UUID`), read
    /// without splitting the string (this runs for every recorded operation); -1 when absent.
    static func targetRC(_ op: OperationRecord) -> Int {
        guard let key = op[other: "transition-key"] else { return -1 }
        var colons = 0, value = 0, digits = 0
        for byte in key.utf8 {
            if byte == UInt8(ascii: ":") {
                colons += 1
                if colons == 3 { break }
            } else if colons == 2 {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return -1 }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
        }
        return colons >= 2 && digits > 0 ? value : -1
    }

    private func unpackOperation(_ op: borrowing OperationRecord, rsc: Rsc, node: ClusterNode,
                                 onFail: inout FailurePolicy, lastFailure: inout OperationRecord?) {
        let task = op.operation
        if task == "notify" || task == "meta-data" { return }
        let targetRC = Self.targetRC(op)
        var rc = op.rcCode
        var status = op.opStatus
        let isProbe = task == "monitor" && op.interval == 0
        let expired = status != 7 && cluster.failCounts.isExpired(op, rsc: rsc, node: node)
        let originalRC = rc

        // Remap the result against the expected one.
        if task == "monitor" {
            if rc == 190 { rc = 0 } else if rc == 191 { rc = 8 }
        }
        let maskableProbeFailure = isProbe && (originalRC == 5 || originalRC == 2 || status == 7)
        if maskableProbeFailure { status = 0; rc = 7 }
        if status == 0 || status == 4 {
            status = (targetRC < 0 || targetRC != rc) ? 4 : 0
            switch rc {
            case 0:
                if isProbe && targetRC == 7 { status = 0 }
            case 7:
                if isProbe || targetRC == rc || !rsc.managed {
                    status = 0
                    rsc.role = .stopped
                    onFail = .ignore
                    rsc.nextRole = .unknown
                }
            case 8:
                if isProbe && rc != targetRC { status = 0 }
                rsc.role = .promoted
            case 9:
                rsc.role = .promoted
                status = 4
            case 6:
                status = 6
            case 3:
                status = op.interval == 0 ? 5 : 3
                if op.interval == 0 { blockIfUnrecoverable(rsc, task: task, node: node) }
            case 2, 4, 5:
                status = 5
                blockIfUnrecoverable(rsc, task: task, node: node)
            default:
                if status == 0 { status = 4 }
            }
        }

        if expired && maskableProbeFailure && originalRC != targetRC {
            if rsc.role <= .stopped { rsc.role = .unknown }
            return
        }
        if expired && rc != targetRC {
            if op.interval == 0 || (node.online && !node.unclean) { return }
        }
        if maskableProbeFailure {
            rsc.role = .stopped
            ban(rsc.banTarget, node, "\(Self.describe(op, node)): not installed or not configured there")
            return
        }
        switch status {
        case 1:
            return
        case -1:
            if task == "start" {
                if rsc.role < .started { rsc.role = .started }
            } else if task == "promote" {
                rsc.role = .promoted
            }
            return
        case 0:
            updateState(rsc, task: task, rc: rc, op: op, lastFailure: lastFailure, onFail: &onFail)
            return
        case 7:
            var strategy = cluster.onFail(for: rsc, task: task, interval: op.interval)
            if strategy == .ignore { strategy = .migrate; onFail = max(onFail, .migrate) }
            ban(rsc.banTarget, node, "\(Self.describe(op, node)): the agent is not installed there")
            unpackFailure(rsc, node: node, op: op, rc: rc, onFail: &onFail, lastFailure: &lastFailure)
            return
        default:
            break
        }
        let strategy = cluster.onFail(for: rsc, task: task, interval: op.interval)
        if strategy == .ignore {
            updateState(rsc, task: task, rc: targetRC, op: op, lastFailure: lastFailure, onFail: &onFail)
            rsc.failureIgnored = true
            return
        }
        unpackFailure(rsc, node: node, op: op, rc: rc, onFail: &onFail, lastFailure: &lastFailure)
        if status == 5 {
            ban(rsc.banTarget, node, "\(Self.describe(op, node)): a hard error bans the node")
        } else if status == 6 {
            for n in cluster.nodes { ban(rsc.banTarget, n, "\(Self.describe(op, node)): a fatal error bans every node") }
        }
    }

    /// A stop that failed with a hard error leaves the resource in an unknown state that only
    /// fencing its node can resolve: where that is impossible, the resource is left alone
    /// (unmanaged and blocked).
    private func blockIfUnrecoverable(_ rsc: Rsc, task: String, node: ClusterNode) {
        guard task == "stop", !cluster.canFence(node) else { return }
        rsc.managed = false
        rsc.blocked = true
    }

    /// Bans `rsc` from `node` because of its history, recording why.
    private func ban(_ rsc: Rsc, _ node: ClusterNode, _ why: @autoclosure () -> String) {
        rsc.addLocation(node, -ScoreMath.infinity)
        cluster.trail?.add(rsc, node, .failure, -ScoreMath.infinity, why())
    }

    /// `start (call 5) on n1 returned rc=1`, for explanations.
    private static func describe(_ op: OperationRecord, _ node: ClusterNode) -> String {
        let name = op.interval > 0 ? "\(op.operation) every \(op.interval) ms" : (op.operation == "monitor" ? "probe" : op.operation)
        return "\(name) (call \(op.callID)) on \(node.uname) returned rc=\(op.rcCode)"
    }

    private func updateState(_ rsc: Rsc, task: String, rc: Int, op: OperationRecord,
                             lastFailure: OperationRecord?, onFail: inout FailurePolicy) {
        var clearPastFailure = false
        if rc == 5 {
            rsc.role = .stopped
        } else if rc == 7 {
            clearPastFailure = true
        } else if task == "monitor" {
            if let lastFailure, lastFailure.operation == op.operation, lastFailure.interval == op.interval {
                clearPastFailure = true
            }
            if rsc.role < .started { rsc.role = .started }
        } else if task == "start" || task == "migrate_from" {
            rsc.role = .started
            clearPastFailure = true
        } else if task == "stop" {
            rsc.role = .stopped
            clearPastFailure = true
        } else if task == "promote" {
            rsc.role = .promoted
            clearPastFailure = true
        } else if task == "demote" {
            if onFail == .demote { clearPastFailure = true }
            rsc.role = .unpromoted
        } else if task == "migrate_to" {
            rsc.role = .started
        } else if rsc.role < .started {
            rsc.role = .started
        }
        if clearPastFailure {
            switch onFail {
            case .stop, .fence, .migrate, .standby: break
            case .block, .ignore, .demote, .recover:
                onFail = .ignore
                rsc.nextRole = .unknown
            }
        }
    }

    private func unpackFailure(_ rsc: Rsc, node: ClusterNode, op: OperationRecord, rc: Int,
                               onFail: inout FailurePolicy, lastFailure: inout OperationRecord?) {
        lastFailure = op
        let task = op.operation
        let isProbe = task == "monitor" && op.interval == 0
        let policy = cluster.onFail(for: rsc, task: task, interval: op.interval)
        if policy > onFail { onFail = policy }
        if task == "stop" {
            ban(rsc, node, "\(Self.describe(op, node)): a failed stop bans the node")
        } else if task == "promote" {
            rsc.role = .promoted
        } else if task == "demote" {
            rsc.role = rc == 7 ? .stopped : .unpromoted
        }
        if isProbe && rc == 5 {
            rsc.role = .stopped
        } else if rsc.role < .started {
            rsc.role = .started
        }
        if policy == .stop {
            if rsc.nextRole < .stopped { rsc.nextRole = .stopped }
            let target = rsc.banTarget
            for n in cluster.nodes {
                target.allowed[n.index] = -ScoreMath.infinity
                cluster.trail?.add(target, n, .failure, -ScoreMath.infinity, "\(Self.describe(op, node)) with on-fail=stop")
            }
            for child in target.primitives where child !== target {
                for n in cluster.nodes { child.allowed[n.index] = -ScoreMath.infinity }
            }
        }
    }

    private func processState(_ rsc: Rsc, node: ClusterNode, onFail incoming: FailurePolicy) {
        var onFail = incoming
        if rsc.role > .stopped && !node.online && !node.maintenance && rsc.managed {
            node.unclean = true
        }
        if node.unclean { onFail = .ignore }
        switch onFail {
        case .ignore, .demote: break
        case .fence: node.unclean = true
        case .standby: node.standby = true
        case .block:
            rsc.managed = false
            rsc.blocked = true
        case .migrate: ban(rsc, node, "a failure on \(node.uname) requires moving away (on-fail=migrate)")
        case .stop: rsc.nextRole = .stopped
        case .recover:
            if rsc.role != .stopped && rsc.role != .unknown {
                rsc.failed = true
            }
        }
        guard rsc.role != .stopped && rsc.role != .unknown else { return }
        // Resources active on a node in maintenance are left alone.
        if node.maintenance { rsc.managed = false }
        // An unmanaged resource on a node that left counts as active there, but its group or
        // clone does not.
        rsc.addRunning(node, toParents: rsc.managed || node.online)
        if !rsc.managed {
            // The cluster leaves an unmanaged resource where it is: it prefers that node
            // absolutely, and being active elsewhere too is not recovered.
            rsc.addLocation(node, ScoreMath.infinity)
            cluster.trail?.add(rsc, node, .unmanaged, ScoreMath.infinity, "it is unmanaged and active on \(node.uname)")
        } else if rsc.runningOn.count > 1 {
            handleMultiplyActive(rsc)
        }
        switch onFail {
        case .ignore: break
        case .demote, .block: rsc.failed = true
        default:
            rsc.failed = true
        }
    }

    private func handleMultiplyActive(_ rsc: Rsc) {
        switch rsc.multipleActive {
        case "stop_only":
            for n in cluster.nodes {
                rsc.allowed[n.index] = -ScoreMath.infinity
                cluster.trail?.add(rsc, n, .failure, -ScoreMath.infinity, "active on several nodes with multiple-active=stop_only")
            }
        case "block":
            rsc.managed = false
            rsc.blocked = true
            if let group = rsc.parent, group.kind == .group, group.multipleActive == "block" {
                for member in group.children {
                    member.managed = false
                    member.blocked = true
                }
            }
        default:
            break
        }
    }
}
