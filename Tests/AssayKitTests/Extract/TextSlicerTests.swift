@testable import AssayKit
import Testing
import TestSupport

/// The slicer cuts a range's text out of the document's UTF-8; it must be the text made from the range's scalars,
/// for every range, whatever the widths of the scalars around its ends.
@Suite struct TextSlicerTests {
    @Test(arguments: ScalarTextTests.tricky + ["", "a\r\nb\u{A0}c ﬁ e\u{301} 😀\n\u{10FFFF}x"])
    func everyRangeIsItsScalarsText(_ text: String) {
        let document = Run.normalize(text)
        let slicer = TextSlicer(document)
        let count = document.scalars.count
        for lower in 0...count {
            for upper in lower...count {
                #expect(slicer.text(in: lower..<upper) == document.text(in: lower..<upper), "\(lower)..<\(upper) of \(text.debugDescription)")
                #expect(slicer.withUTF8(lower..<upper) { Array($0) } == Array(document.text(in: lower..<upper).utf8))
            }
        }
    }

    /// A document whose text is not the UTF-8 of its scalars (never made so) is read from its scalars.
    @Test func anInconsistentTextFallsBackToTheScalars() {
        var document = Run.normalize("café 😀 ok")
        document.text = "something else entirely"
        let slicer = TextSlicer(document)
        #expect(slicer.text(in: 0..<6) == "café 😀")
    }

    /// The keyword scan of a block read in place agrees with the scan of the block's string.
    @Test(arguments: ScalarTextTests.tricky + ["The PIONEERS joined in İstanbul", "high service users"])
    func keywordsFromSlicesAgreeWithKeywordsFromStrings(_ text: String) {
        let keywords: [[[[UInt8]]]?] = [[[Array("pioneers".utf8)]], nil, [[Array("high".utf8), Array("users".utf8)]], [[Array("i̇st".utf8)]], [[Array("😀".utf8)]]]
        let automaton = KeywordAutomaton(keywords: keywords)
        let document = Run.normalize(text)
        let slicer = TextSlicer(document)
        for block in document.blocks {
            var fromSlice = [UInt64](repeating: 0, count: automaton.ruleWords)
            var fromString = fromSlice
            automaton.candidates(in: slicer, block.range, into: &fromSlice)
            automaton.candidates(in: document.text(in: block.range), into: &fromString)
            #expect(fromSlice == fromString)
        }
    }
}
