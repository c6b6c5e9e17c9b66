import CHeapPreparation
import Dispatch
import Synchronization

/// Reads a large status section on several threads: each `node_state` subtree is independent,
/// so the bytes are cut into parts at `<node_state` tags and each part is decoded on its own.
///
/// Where a part begins is a guess made without parsing (the first `<node_state` after an even
/// cut of the bytes up to the last `</status`). The part before it confirms the guess: it must
/// arrive at exactly that byte at the start of a child of `<status>`, so every part reads what
/// a single reader would have read from there. A wrong guess, like any other problem, is an
/// error; the caller then reads the document again on one thread, which gives the result, or
/// the error with its true line, that it always gives.
///
/// Sendable because the threads only read: the document's bytes, which outlive `decode`, and
/// values that never change.
struct StatusSplit: @unchecked Sendable {
    /// A status section smaller than this is read on one thread.
    static let minimumSize = 1 << 20

    private let status: XMLTag
    private let scanner: XMLScanner
    /// The byte where each part begins, ascending; the first is the scanner's position.
    private let starts: [Int]

    /// A split of the status section begun by `status` (the scanner is just past its start
    /// tag) into at most `parts` parts, or nil when it is too small to be worth splitting.
    init?(_ status: XMLTag, _ scanner: XMLScanner, parts: Int) {
        let start = scanner.offset
        guard status.hasContent, parts > 1,
              let end = scanner.lastOffset(of: "</status", in: start..<scanner.count),
              end - start >= StatusSplit.minimumSize else { return nil }
        var starts = [start]
        for part in 1..<parts {
            let cut = max(start + (end - start) * part / parts, starts[starts.count - 1] + 1)
            guard let next = scanner.firstOffset(of: "<node_state", in: cut..<end) else { break }
            starts.append(next)
        }
        guard starts.count > 1 else { return nil }
        self.status = status
        self.scanner = scanner
        self.starts = starts
    }

    /// A split of the status section that follows the child of `root` being read now, found
    /// without reading that child: at the first `<status` after the scanner's position, so
    /// that the two can be read at the same time. Its lines count from 1 at `<status`. Nil when
    /// there is no such tag, it has attributes (the regular path refuses them) or the section is
    /// too small to split. It is a guess: the caller confirms that the next child of `root`
    /// really begins at `statusOffset`.
    init?(ahead scanner: XMLScanner, in root: XMLTag, parts: Int) {
        var from = scanner.offset
        var found: Int?
        while found == nil, let at = scanner.firstOffset(of: "<status", in: from..<scanner.count) {
            if let after = scanner.byte(at: at + 7), after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after <= 0x20 { found = at }
            from = at + 1
        }
        guard let found else { return nil }
        var reader = scanner.resumed(at: found, line: 1)
        guard let tag = try? reader.nextTag(in: root), reader.bytes(tag.name, equal: "status"), reader.tagAttributes.isEmpty else { return nil }
        self.init(tag, reader, parts: parts)
    }

    /// Where the status section's start tag begins.
    var statusOffset: Int { status.offset }

    /// The threads that read the parts besides the caller: `helper`, a serial queue (its
    /// earlier work runs first), and `others` more.
    struct Readers {
        let helper: DispatchQueue
        let others: Int

        /// How many parts to cut the section into: a few per thread, so that a thread that
        /// starts late, or whose parts are quicker, takes more of them.
        var parts: Int { 8 * (others + 2) }
    }

    /// Starts reading the parts on `readers`; the caller joins in with `Reading.finish()`,
    /// which it must call, after any work of its own.
    func startReading(_ readers: Readers) -> Reading {
        Reading(self, helper: readers.helper, others: readers.others)
    }

    /// The parts being read: every thread, the caller's included, takes the next part no
    /// thread has taken, so that none waits while parts remain.
    final class Reading: @unchecked Sendable {
        private let split: StatusSplit
        private let nextPart = Atomic<Int>(0)
        /// One slot per part, each written by the one thread that took that part.
        private let outcomes: UnsafeMutableBufferPointer<Outcome>
        private let helpers = DispatchGroup()

        fileprivate init(_ split: StatusSplit, helper: DispatchQueue, others: Int) {
            self.split = split
            outcomes = .allocate(capacity: split.starts.count)
            outcomes.initialize(repeating: .failure(CIBLoadError("this part was not read")))
            helper.async(group: helpers) { self.readPartsOnHelper() }
            for _ in 0..<max(others, 0) { DispatchQueue.global().async(group: helpers) { self.readPartsOnHelper() } }
        }

        deinit {
            outcomes.deinitialize()
            outcomes.deallocate()
        }

        /// `readParts()` on a helper thread, whose heap is first prepared like the process's
        /// (see CHeapPreparation): it allocates as much as the caller.
        private func readPartsOnHelper() {
            halyard_prepare_thread_heap()
            readParts()
        }

        private func readParts() {
            while case let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue, part < split.starts.count {
                outcomes[part] = split.decodePart(part)
            }
        }

        /// Where the status section's start tag begins.
        var statusOffset: Int { split.statusOffset }

        /// The `node_state` children of every part in document order, and a scanner that
        /// continues after `</status>` with its line count as if it had read the section itself.
        func finish() throws(CIBLoadError) -> (nodes: [NodeState], end: XMLScanner) {
            readParts()
            helpers.wait()
            var nodes: [NodeState] = []
            var newlines = 0
            var last = split.scanner
            for outcome in outcomes {
                let (partNodes, end) = try outcome.get()
                nodes += partNodes
                newlines += end.currentLine - 1
                last = end
            }
            return (nodes, last.resumed(at: last.offset, line: split.scanner.currentLine + newlines))
        }
    }

    /// One part, read by a scanner that counts lines from 1, and the scanner where it stopped.
    private func decodePart(_ part: Int) -> Outcome {
        var reader = scanner.resumed(at: starts[part], line: 1)
        let boundary = part + 1 < starts.count ? starts[part + 1] : nil
        do throws(CIBLoadError) {
            let nodes = try StatusDecoder.nodeStates(of: status, &reader, before: boundary)
            return .success((nodes, reader))
        } catch {
            return .failure(error)
        }
    }

    private typealias Outcome = Result<([NodeState], XMLScanner), CIBLoadError>
}
