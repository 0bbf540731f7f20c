/// Cuts the text of scalar ranges of a normalised document out of the document's UTF-8.
///
/// Why: the extractor reads the text of every block and of every matched span. Making each of those strings from the
/// document's scalars encodes them to UTF-8 all over again (two passes per string); with the UTF-8 offset of every
/// scalar known, a range's text is its bytes, copied. The keyword scan reads a block's bytes in place, so a block
/// that admits no rule (most of them) never becomes a string at all.
///
/// Offsets are scalar offsets into `NormalizedDocument.text`, 0-based, end exclusive, as everywhere else.
struct TextSlicer {
    private let scalars: [Unicode.Scalar]
    /// `NormalizedDocument.text`, made contiguous so its UTF-8 can be read in place.
    private var text: String
    /// The UTF-8 offset in `text` of each scalar, and of the end; nil when `text` is not the UTF-8 of `scalars`
    /// (never expected), in which case every text is made from the scalars, as before.
    private let offsets: [Int32]?

    init(_ document: NormalizedDocument) {
        scalars = document.scalars
        text = document.text
        text.makeContiguousUTF8()
        let count = scalars.count
        var total = 0
        let offsets = scalars.withUnsafeBufferPointer { scalars in
            scalars.withMemoryRebound(to: UInt32.self) { values in
                [Int32](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
                    var offset: Int32 = 0
                    for index in 0..<count {
                        buffer.initializeElement(at: index, to: offset)
                        let value = values[index]
                        // Branch-free UTF-8 width: 1, plus one per threshold passed.
                        offset &+= 1 &+ (value >= 0x80 ? 1 : 0) &+ (value >= 0x800 ? 1 : 0) &+ (value >= 0x10000 ? 1 : 0)
                    }
                    buffer.initializeElement(at: count, to: offset)
                    total = Int(offset)
                    initialized = count + 1
                }
            }
        }
        // A text past Int32 offsets, or one that is not the scalars' UTF-8, takes the slow path.
        let consistent = text.utf8.count <= Int(Int32.max) && total == text.utf8.count
        self.offsets = consistent ? offsets : nil
    }

    /// The text between two scalar offsets.
    func text(in range: Range<Int>) -> String {
        withUTF8(range) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of the text between two scalar offsets. Inlined: called out of line, the closure
    /// needs a context, and the keyword automaton it captures was copied (every table retained) once per block.
    @inline(__always)
    func withUTF8<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let offsets, let result = text.utf8.withContiguousStorageIfAvailable({ utf8 in
            body(UnsafeBufferPointer(rebasing: utf8[Int(offsets[range.lowerBound])..<Int(offsets[range.upperBound])]))
        }) {
            return result
        }
        var text = ScalarText.string(scalars[range])
        return text.withUTF8(body)
    }
}
