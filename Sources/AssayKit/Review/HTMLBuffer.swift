/// A review page being made: UTF-8 bytes appended in place, markup as it is and text escaped on the way in.
///
/// Why bytes, not `String`: a build writes some 450 MB of pages, and building each as strings appended piece by
/// piece (each interpolation a new string, each escape another, then the whole copied to bytes for the file) cost
/// several times the work of the bytes themselves. Here every piece is copied once, into one growing array, which
/// is what the file gets. Markup goes in with `append`, anything from a document or a rule file with `escaped`
/// (`HTMLEscape` says what it does); the two are kept apart by name so a reader can see which is which.
struct HTMLBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }

    /// Markup, as it is.
    mutating func append(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Bytes made earlier (a fragment made once per build, another buffer's), as they are.
    mutating func append(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(_ other: HTMLBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    /// A number in decimal, as `String(number)` writes it, without making the string.
    mutating func append(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        // Least significant digit first, then turned around in place.
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Text, escaped (`HTMLEscape`).
    mutating func escaped(_ text: String) {
        var text = text
        // A native string's bytes are contiguous, so this borrows them; only a bridged one is copied first.
        text.withUTF8 { HTMLEscape.escape($0, into: &bytes) }
    }

    mutating func escaped(_ text: Substring) {
        var text = text
        text.withUTF8 { HTMLEscape.escape($0, into: &bytes) }
    }

    /// UTF-8 text, escaped; the bytes must be whole scalars (a slice of well-formed text cut at scalar boundaries).
    mutating func escaped(utf8 text: UnsafeBufferPointer<UInt8>) {
        HTMLEscape.escape(text, into: &bytes)
    }

    /// Empties the buffer and keeps its memory, for a page written in pieces.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// The size of the pieces a page is handed on in (`flush(to:)`).
    static let pieceSize = 1 << 16

    /// Hands the bytes gathered so far on to `write` and starts again, once they are a piece's worth: a long page
    /// (the index is 100 MB and more at ten thousand documents) is never whole in memory.
    mutating func flush(to write: ([UInt8]) throws -> Void) rethrows {
        guard bytes.count >= Self.pieceSize else { return }
        try write(bytes)
        removeAll()
    }

    /// The bytes as a string, for tests and for the few places that want one.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
