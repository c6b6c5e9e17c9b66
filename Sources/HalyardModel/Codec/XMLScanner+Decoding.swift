import Foundation

/// The scanner's pull interface with its errors as `CIBLoadError`s, for decoders that read
/// elements straight from the document instead of from an `XMLElementNode` tree.
extension XMLScanner {
    /// The next child of `parent`, or nil at its end tag (see `nextChild(of:)`).
    mutating func child(of parent: XMLStartTag) throws(CIBLoadError) -> XMLStartTag? {
        do throws(XMLDocumentError) {
            return try nextChild(of: parent)
        } catch {
            throw CIBLoadError(error)
        }
    }

    /// The next child of `parent` as a tag (see `nextTag(in:)`), or, when `boundary` is given,
    /// the next one before that byte (see `nextTag(in:before:)`).
    mutating func childTag(in parent: XMLTag, before boundary: Int? = nil) throws(CIBLoadError) -> XMLTag? {
        do throws(XMLDocumentError) {
            guard let boundary else { return try nextTag(in: parent) }
            return try nextTag(in: parent, before: boundary)
        } catch {
            throw CIBLoadError(error)
        }
    }

    /// The element of `tag`, the tag just read, with its attributes as strings.
    func element(_ tag: XMLTag) throws(CIBLoadError) -> XMLStartTag {
        do throws(XMLDocumentError) {
            return try startTag(tag)
        } catch {
            throw CIBLoadError(error)
        }
    }

    /// The element begun by `tag`, read to its end as a tree (see `rest(of:)`).
    mutating func tree(_ tag: XMLStartTag) throws(CIBLoadError) -> XMLElementNode {
        do throws(XMLDocumentError) {
            return try rest(of: tag)
        } catch {
            throw CIBLoadError(error)
        }
    }

    /// Reads the document in `data`: `body` gets the root's start tag and must read the root to
    /// its end. Errors are those of reading the whole document as a tree first: when the
    /// document is not well-formed XML, that is the error, wherever the decoder stopped.
    /// With `helping`, a large document gets a helper: a serial queue (one other thread) that
    /// checks the document's UTF-8 first, then runs what `body` gives it; `body` must wait for
    /// its work before it returns.
    static func decodeDocument<T>(_ data: Data, helping: Bool = false,
                                  _ body: (XMLStartTag, inout XMLScanner, _ helper: DispatchQueue?) throws(CIBLoadError) -> T) throws(CIBLoadError) -> T {
        do throws(CIBLoadError) {
            return try XMLReader.scan(data) { scanner throws(CIBLoadError) in
                let helper = helping && scanner.count >= StatusSplit.minimumSize ? DispatchQueue(label: "halyard.cib-decoding") : nil
                let check = helper.map(scanner.validateUTF8(on:))
                let outcome = Result { () throws(CIBLoadError) -> T in
                    let root: XMLStartTag
                    do throws(XMLDocumentError) {
                        if check == nil { try scanner.validateUTF8() }
                        root = try scanner.rootTag()
                    } catch {
                        throw CIBLoadError(error)
                    }
                    let value = try body(root, &scanner, helper)
                    do throws(XMLDocumentError) {
                        try scanner.endOfDocument()
                    } catch {
                        throw CIBLoadError(error)
                    }
                    return value
                }
                // Waited for whatever the outcome: the check reads the document's bytes.
                if let check, !check.wait() { throw CIBLoadError(XMLScanner.notUTF8) }
                return try outcome.get()
            }
        } catch {
            do throws(XMLDocumentError) {
                _ = try XMLReader.parse(data)
            } catch let malformed {
                throw CIBLoadError(malformed)
            }
            throw error
        }
    }
}
