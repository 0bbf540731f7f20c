@testable import AssayKit
import Testing
import TestSupport

/// The text builder appends a run of scalars through a scratch buffer, a chunk at a time. It must write exactly
/// what appending scalar by scalar (the reference below, the builder's former code) writes: the same scalars,
/// source ranges and elements, spaces collapsed the same way, dropped scalars stretching the same entry, also
/// across the boundary between two runs or two chunks.
@Suite struct TextBuilderTests {
    /// The former builder, one scalar at a time, kept as the reference.
    struct Reference {
        var scalars: [Unicode.Scalar] = [], starts: [Int32] = [], ends: [Int32] = [], elements: [Int32] = []
        var blockStart = 0
        var pendingSpace: Range<Int>?
        var currentElement: Int32 = -1

        mutating func beginBlock() {
            if !scalars.isEmpty { emit("\n", -1, -1) }
            blockStart = scalars.count
            pendingSpace = nil
        }

        mutating func endBlock() {
            pendingSpace = nil
            if scalars.count == blockStart, blockStart > 0, scalars.last == "\n", starts.last == -1 {
                scalars.removeLast()
                starts.removeLast()
                ends.removeLast()
                elements.removeLast()
            }
        }

        mutating func append(_ scalar: Unicode.Scalar, source: Range<Int>) {
            switch TypographyFolder.fold(scalar) {
            case .space:
                guard scalars.count > blockStart else { return }
                if let pending = pendingSpace {
                    pendingSpace = pending.lowerBound >= 0 && source.lowerBound >= 0 ? pending.lowerBound..<source.upperBound : -1..<(-1)
                } else {
                    pendingSpace = source
                }
            case .drop:
                if pendingSpace == nil, scalars.count > blockStart, ends[ends.count - 1] >= 0, source.upperBound >= 0 {
                    ends[ends.count - 1] = Int32(source.upperBound)
                }
            case .keep:
                flushSpace()
                emit(scalar, source.lowerBound, source.upperBound)
            case .replace(let replacement):
                flushSpace()
                for folded in replacement { emit(folded, source.lowerBound, source.upperBound) }
            }
        }

        mutating func flushSpace() {
            guard let pending = pendingSpace else { return }
            pendingSpace = nil
            emit(" ", pending.lowerBound, pending.upperBound)
        }

        mutating func emit(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            scalars.append(scalar)
            starts.append(Int32(start))
            ends.append(Int32(end))
            elements.append(start < 0 ? -1 : currentElement)
        }
    }

    /// Pieces with every kind of folding: astral scalars, combining marks, CRLF, NBSP, ligatures, soft hyphens and
    /// zero-width spaces (dropped), curly quotes and the ellipsis (replaced), runs of spaces, controls.
    static let pieces: [String] = [
        "a", "Pioneers", " ", "  ", "\r\n", "\n", "\t", "\u{A0}", "\u{AD}", "\u{200B}", "\u{FEFF}", "e\u{301}", "😀", "𝔘",
        "ﬁ", "ﬂ", "\u{2018}", "\u{201D}", "\u{2013}", "\u{2026}", "é", "\u{0}", "\u{7F}", "\u{2028}", "12", "-",
    ]

    /// Random texts cut into random runs, some of them without source positions, appended both ways.
    @Test(arguments: 0..<40) func runsWriteWhatScalarByScalarWrites(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 7)
        var builder = TextBuilder()
        var reference = Reference()
        var offset = 0
        for block in 0..<Int.random(in: 1...4, using: &random) {
            builder.beginBlock(.paragraph)
            reference.beginBlock()
            builder.currentElement = Int32(block)
            reference.currentElement = Int32(block)
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                // Some runs cross the builder's chunk length, so chunk boundaries are crossed too.
                let length = seed % 5 == 0 ? Int.random(in: 4_090...4_200, using: &random) : Int.random(in: 0...30, using: &random)
                let text = (0..<length).map { _ in Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &random)] }.joined()
                let scalars = Array(text.unicodeScalars)
                let anchored = Int.random(in: 0..<4, using: &random) != 0
                let sources = scalars.indices.map { anchored ? (offset + $0)..<(offset + $0 + 1) : -1..<(-1) }
                offset += scalars.count
                builder.append(run: scalars.count) { (scalars[$0], sources[$0]) }
                for (scalar, source) in zip(scalars, sources) { reference.append(scalar, source: source) }
            }
            builder.endBlock()
            reference.endBlock()
        }
        #expect(builder.scalars == reference.scalars)
        #expect(builder.map.starts == reference.starts)
        #expect(builder.map.ends == reference.ends)
        #expect(builder.elements == reference.elements)
    }

    /// A dropped scalar at the start of a run stretches the last entry of the run before it.
    @Test func aDropStretchesTheEntryOfThePreviousRun() {
        var builder = TextBuilder()
        builder.beginBlock(.paragraph)
        builder.append(run: 3) { (Array("Pio".unicodeScalars)[$0], $0..<$0 + 1) }
        builder.append(run: 1) { _ in ("\u{AD}", 3..<4) }
        builder.append(run: 5) { (Array("neers".unicodeScalars)[$0], (4 + $0)..<(5 + $0)) }
        builder.endBlock()
        #expect(builder.text == "Pioneers")
        #expect(builder.map.ends[2] == 4)
    }

    /// Folding text that is folded already changes nothing, so a block's text is compared with the boilerplate lines
    /// without folding it again.
    @Test(arguments: pieces + ScalarTextTests.tricky + ["  Skip to \u{2018}main\u{2019}\u{A0}content\u{2026} ", "a\u{AD} b \u{AD}c"])
    func foldingIsIdempotent(_ text: String) {
        let folded = TypographyFolder.foldedString(text)
        #expect(TypographyFolder.foldedString(folded) == folded, "\(text.debugDescription)")
    }
}
