/// Text written as UTF-8 bytes into one buffer and made a `String` once. Large outputs (a
/// score dump, a status listing, a CIB) are tens of thousands of short pieces: appending each
/// to a String, or making a String per line and joining them, costs several times more.
public struct TextBytes {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []

    /// `capacity` (bytes) avoids regrowing the buffer while the text is written.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written so far.
    public var count: Int { bytes.count }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// Bytes that are UTF-8 text.
    public mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    /// `string`, then spaces up to `width` bytes (as `printf`'s `%-Ns` pads).
    public mutating func append(_ string: String, paddedTo width: Int) {
        let start = bytes.count
        append(string)
        let written = bytes.count - start
        if written < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - written)) }
    }

    public mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Takes back the last `count` bytes written.
    public mutating func removeLast(_ count: Int) {
        bytes.removeLast(count)
    }

    /// `String(value)`'s digits, without making the String.
    public mutating func append(decimal value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }
}
