@testable import AssayKit
import Testing
import TestSupport

/// Plain text to blocks: bullets, headings, typography folding, and a source map that leads every character back.
@Suite struct PlainTextNormalizerTests {
    @Test func doubleBulletsAndNumbersAreListItems() {
        let document = Run.normalize("Mix of pilots:\n  •  - scale (from one)\n\n  • Nottingham City\n- West Norfolk\n1. First\n12) Twelfth\n")
        #expect(document.blockTexts == ["Mix of pilots:", "scale (from one)", "Nottingham City", "West Norfolk", "First", "Twelfth"])
        #expect(document.blocks.dropFirst().allSatisfy { if case .listItem(list: 0, _) = $0.kind { true } else { false } })
    }

    @Test func typographyIsFoldedForMatching() {
        let document = Run.normalize("the \u{2018}triple aim\u{2019} \u{201C}x\u{201D} A\u{A0}\u{A0}B \u{2013} C\u{2014}D Pio\u{AD}neers e\u{2026}\n")
        #expect(document.text == "the 'triple aim' \"x\" A B - C-D Pioneers e...")
    }

    @Test func headingsAndTitleAreRecognisedByShape() {
        let document = Run.normalize("Integrated Care Pioneers\n\nSome text here.\n\nNational Workstreams\n\nMore text follows.\n")
        #expect(document.blocks.map(\.kind.name) == ["title", "paragraph", "heading", "paragraph"])
    }

    @Test func boilerplateLinesAreDropped() {
        let document = Run.normalize("Skip to main content\n. 2021 Oct 29\n", boilerplate: Boilerplate(lines: ["Skip to main content"]))
        #expect(document.blockTexts == [". 2021 Oct 29"])
    }

    /// Every normalised character maps to source characters that fold to it, whatever the line endings.
    @Test(arguments: ["a  b\r\nc\rd\n", "\u{FEFF}x\u{A0}y", "é😀 Pio\u{AD}neers  \u{2018}q\u{2019}\n\n  • item", ""])
    func sourceMapLeadsBack(_ text: String) {
        let document = Run.normalize(text)
        let scalars = Array(document.text.unicodeScalars)
        for block in document.blocks {
            for index in block.range {
                guard let source = document.sourceMap.sourceRange(of: index..<index + 1) else {
                    Issue.record("no source for scalar \(index)")
                    continue
                }
                let folded = TypographyFolder.foldedString(document.sourceText(source))
                let expected = scalars[index] == " " ? "" : String(scalars[index])
                #expect(folded.unicodeScalars.contains(scalars[index]) || folded == expected, "\(index): '\(document.sourceText(source))'")
            }
        }
    }

    @Test func linesAreCountedInTheSource() throws {
        let document = Run.normalize("one\r\ntwo\rthree\nfour")
        let four = try #require(document.blocks.last)
        let source = try #require(document.sourceMap.sourceRange(of: four.range))
        #expect(document.sourceMap.line(ofSourceOffset: source.lowerBound) == 4)
    }
}
