/// Accumulates normalised text block by block, folding typography, collapsing whitespace and recording where
/// every output scalar came from.
///
/// Both normalisers (plain text and HTML) feed it source scalars with their source ranges, so the folding rules and
/// the offset bookkeeping live in one place.
struct TextBuilder {
    /// One output scalar with everything recorded about it. The builder keeps one array of these rather than one array
    /// per field: every append to an array checks, through a runtime call, that its buffer is not shared, and four
    /// appends per output scalar cost a tenth of all extraction time. The fields are split apart once, at the end.
    private struct Entry {
        var scalar: Unicode.Scalar
        /// The element the scalar came from (an index into the walker's element table), or -1.
        var element: Int32
        /// The scalar's source range (scalar offsets into the decoded source); -1 when it has none.
        var start: Int32
        var end: Int32
    }

    private var entries: [Entry] = []
    /// Where `append(run:_:)` writes a chunk's entries before they join `entries`; kept to be reused.
    private var scratch: [Entry] = []
    private(set) var blocks: [Block] = []

    /// The element appended text comes from; set by the HTML walker.
    var currentElement: Int32 = -1
    /// The table cell the block being built belongs to; set by the HTML walker.
    var currentCell: TableCell?

    private var blockKind: Block.Kind?
    private var blockStart = 0
    /// A space waiting to be written: only between two non-space scalars of the same block.
    private var pendingSpace: Range<Int>?

    /// The normalised text's scalars.
    var scalars: [Unicode.Scalar] { column { $0.scalar } }

    /// Where each scalar came from, without line starts (the caller knows the source).
    var map: SourceMap {
        var map = SourceMap()
        map.starts = column { $0.start }
        map.ends = column { $0.end }
        return map
    }

    /// For HTML: the element each scalar came from (an index into the walker's element table), or -1.
    var elements: [Int32] { column { $0.element } }

    /// One field of every entry, written in place: `map` appends element by element, checking uniqueness each time.
    /// Inlined, so the field is read directly rather than through a closure call per entry.
    @inline(__always)
    private func column<Field>(_ field: (Entry) -> Field) -> [Field] {
        entries.withUnsafeBufferPointer { entries in
            [Field](unsafeUninitializedCapacity: entries.count) { buffer, count in
                for index in entries.indices { buffer.initializeElement(at: index, to: field(entries[index])) }
                count = entries.count
            }
        }
    }

    var text: String { text(in: 0..<entries.count) }

    /// The text of a range of output scalars.
    func text(in range: Range<Int>) -> String {
        // Through a buffer pointer: an array slice checks its bounds at every scalar.
        entries.withUnsafeBufferPointer { ScalarText.string(UnsafeBufferPointer(rebasing: $0[range]).lazy.map { $0.scalar }) }
    }

    var isInBlock: Bool { blockKind != nil }

    mutating func beginBlock(_ kind: Block.Kind) {
        if blockKind != nil { endBlock() }
        if !entries.isEmpty { emit("\n", start: -1, end: -1) }
        blockKind = kind
        blockStart = entries.count
        pendingSpace = nil
    }

    /// Appends one source scalar. `source` is its scalar range in the decoded source.
    mutating func append(_ scalar: Unicode.Scalar, source: Range<Int>) {
        append(run: 1) { _ in (scalar, source) }
    }

    /// Appends a run of `count` source scalars: `item(i)` is the i-th scalar and its scalar range in the decoded
    /// source.
    ///
    /// Why a run: appending to an array checks, through runtime calls, that its buffer is unique and large enough,
    /// and entry by entry that cost a tenth of normalising. A run's entries are written through a pointer into
    /// `scratch` and appended to `entries` in one go, a chunk at a time so the scratch stays small whatever the
    /// length of a text. Inlined, so `item` is no call.
    @inline(__always)
    mutating func append(run count: Int, _ item: (Int) -> (scalar: Unicode.Scalar, source: Range<Int>)) {
        var chunkStart = 0
        while chunkStart < count {
            let chunk = chunkStart..<min(count, chunkStart + Self.chunkLength)
            // Each source scalar yields at most the longest replacement, plus a pending space written before it.
            let room = chunk.count * (TypographyFolder.longestReplacement + 1)
            var scratch: [Entry] = []
            swap(&scratch, &self.scratch)
            if scratch.count < room { scratch = Array(repeating: Entry(scalar: " ", element: -1, start: -1, end: -1), count: max(room, scratch.count * 2)) }
            scratch.withUnsafeMutableBufferPointer { scratch in
                appendChunk(chunk, item, through: scratch)
            }
            swap(&scratch, &self.scratch)
            chunkStart = chunk.upperBound
        }
    }

    /// Source scalars a run is appended in at a time.
    private static let chunkLength = 4_096

    @inline(__always)
    private mutating func appendChunk(
        _ chunk: Range<Int>, _ item: (Int) -> (scalar: Unicode.Scalar, source: Range<Int>), through scratch: UnsafeMutableBufferPointer<Entry>
    ) {
        let first = entries.count
        let element = currentElement
        var pending = pendingSpace
        var written = 0
        @inline(__always) func emit(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            precondition(written < scratch.count, "a folded scalar is longer than TypographyFolder.longestReplacement")
            scratch[written] = Entry(scalar: scalar, element: start < 0 ? -1 : element, start: Int32(start), end: Int32(end))
            written += 1
        }
        @inline(__always) func flushSpace() {
            guard let space = pending else { return }
            pending = nil
            emit(" ", space.lowerBound, space.upperBound)
        }
        for index in chunk {
            let (scalar, source) = item(index)
            // Printable ASCII, nearly every scalar, is kept as it is: no need to consult the folding table.
            if scalar.value > 0x20 && scalar.value < 0x7F {
                flushSpace()
                emit(scalar, source.lowerBound, source.upperBound)
                continue
            }
            switch TypographyFolder.fold(scalar) {
            case .space:
                guard first + written > blockStart else { continue }
                if let space = pending {
                    // A run of spaces partly without a source position (text libxml2 gave that could not be traced
                    // back) has none as a whole: a guess would be a wrong offset.
                    pending = space.lowerBound >= 0 && source.lowerBound >= 0 ? space.lowerBound..<source.upperBound : -1..<(-1)
                } else {
                    pending = source
                }
            case .drop:
                // Stretch the previous scalar over the dropped one so a span ending there still covers it.
                guard pending == nil, first + written > blockStart, source.upperBound >= 0 else { continue }
                if written > 0 {
                    if scratch[written - 1].end >= 0 { scratch[written - 1].end = Int32(source.upperBound) }
                } else if entries[first - 1].end >= 0 {
                    entries[first - 1].end = Int32(source.upperBound)
                }
            case .keep:
                flushSpace()
                emit(scalar, source.lowerBound, source.upperBound)
            case .replace(let replacement):
                flushSpace()
                for folded in replacement { emit(folded, source.lowerBound, source.upperBound) }
            }
        }
        entries.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<written]))
        pendingSpace = pending
    }

    /// Ends the current block; an empty block leaves nothing behind.
    mutating func endBlock() {
        guard let kind = blockKind else { return }
        blockKind = nil
        pendingSpace = nil
        if entries.count == blockStart {
            // Remove the separator written for this block, if any.
            if blockStart > 0, let last = entries.last, last.scalar == "\n", last.start == -1 {
                entries.removeLast()
            }
            return
        }
        blocks.append(Block(kind: kind, range: blockStart..<entries.count, cell: currentCell))
    }

    /// Whether the block being built so far is a boilerplate line. Most blocks are longer than any such line and are
    /// decided without building their text.
    func currentBlockIsBoilerplate(_ boilerplate: Boilerplate) -> Bool {
        entries.count - blockStart <= boilerplate.longestLine && boilerplate.isBoilerplateLine(currentBlockText)
    }

    /// The text of the block being built so far.
    var currentBlockText: String { text(in: blockStart..<entries.count) }

    /// Drops the block being built, e.g. a boilerplate line recognised once its text is complete.
    mutating func discardBlock() {
        guard blockKind != nil else { return }
        let cut = blockStart > 0 ? blockStart - 1 : 0
        entries.removeSubrange(cut...)
        blockKind = nil
        pendingSpace = nil
    }

    private mutating func emit(_ scalar: Unicode.Scalar, start: Int, end: Int) {
        entries.append(Entry(scalar: scalar, element: start < 0 ? -1 : currentElement, start: Int32(start), end: Int32(end)))
    }
}
