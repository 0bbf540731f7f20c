/// Accumulates normalised text block by block, folding typography, collapsing whitespace and recording where
/// every output scalar came from.
///
/// Both normalisers (plain text and HTML) feed it source scalars with their source ranges, so the folding rules and
/// the offset bookkeeping live in one place.
struct TextBuilder {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var map = SourceMap()
    private(set) var blocks: [Block] = []

    /// For HTML: the element each scalar came from (an index into the walker's element table), or -1.
    private(set) var elements: [Int32] = []
    /// The element appended text comes from; set by the HTML walker.
    var currentElement: Int32 = -1
    /// The table cell the block being built belongs to; set by the HTML walker.
    var currentCell: TableCell?

    private var blockKind: Block.Kind?
    private var blockStart = 0
    /// A space waiting to be written: only between two non-space scalars of the same block.
    private var pendingSpace: Range<Int>?

    var text: String { ScalarText.string(scalars) }

    var isInBlock: Bool { blockKind != nil }

    mutating func beginBlock(_ kind: Block.Kind) {
        if blockKind != nil { endBlock() }
        if !scalars.isEmpty { emit("\n", start: -1, end: -1) }
        blockKind = kind
        blockStart = scalars.count
        pendingSpace = nil
    }

    /// Appends one source scalar. `source` is its scalar range in the decoded source.
    mutating func append(_ scalar: Unicode.Scalar, source: Range<Int>) {
        switch TypographyFolder.fold(scalar) {
        case .space:
            guard scalars.count > blockStart else { return }
            if let pending = pendingSpace {
                // A run of spaces partly without a source position (text libxml2 gave that could not be traced back)
                // has none as a whole: a guess would be a wrong offset.
                pendingSpace = pending.lowerBound >= 0 && source.lowerBound >= 0 ? pending.lowerBound..<source.upperBound : -1..<(-1)
            } else {
                pendingSpace = source
            }
        case .drop:
            // Stretch the previous scalar over the dropped one so a span ending there still covers it.
            if pendingSpace == nil, scalars.count > blockStart, map.ends[map.ends.count - 1] >= 0, source.upperBound >= 0 {
                map.ends[map.ends.count - 1] = Int32(source.upperBound)
            }
        case .keep:
            flushSpace()
            emit(scalar, start: source.lowerBound, end: source.upperBound)
        case .replace(let replacement):
            flushSpace()
            for folded in replacement { emit(folded, start: source.lowerBound, end: source.upperBound) }
        }
    }

    /// Ends the current block; an empty block leaves nothing behind.
    mutating func endBlock() {
        guard let kind = blockKind else { return }
        blockKind = nil
        pendingSpace = nil
        if scalars.count == blockStart {
            // Remove the separator written for this block, if any.
            if blockStart > 0, scalars.last == "\n", map.starts.last == -1 {
                scalars.removeLast()
                map.starts.removeLast()
                map.ends.removeLast()
                elements.removeLast()
            }
            return
        }
        blocks.append(Block(kind: kind, range: blockStart..<scalars.count, cell: currentCell))
    }

    /// Whether the block being built so far is a boilerplate line. Most blocks are longer than any such line and are
    /// decided without building their text.
    func currentBlockIsBoilerplate(_ boilerplate: Boilerplate) -> Bool {
        scalars.count - blockStart <= boilerplate.longestLine && boilerplate.isBoilerplateLine(currentBlockText)
    }

    /// The text of the block being built so far.
    var currentBlockText: String { ScalarText.string(scalars[blockStart...]) }

    /// Drops the block being built, e.g. a boilerplate line recognised once its text is complete.
    mutating func discardBlock() {
        guard blockKind != nil else { return }
        let cut = blockStart > 0 ? blockStart - 1 : 0
        scalars.removeSubrange(cut...)
        map.starts.removeSubrange(cut...)
        map.ends.removeSubrange(cut...)
        elements.removeSubrange(cut...)
        blockKind = nil
        pendingSpace = nil
    }

    private mutating func flushSpace() {
        guard let pending = pendingSpace else { return }
        pendingSpace = nil
        emit(" ", start: pending.lowerBound, end: pending.upperBound)
    }

    private mutating func emit(_ scalar: Unicode.Scalar, start: Int, end: Int) {
        scalars.append(scalar)
        elements.append(start < 0 ? -1 : currentElement)
        map.starts.append(Int32(start))
        map.ends.append(Int32(end))
    }
}
