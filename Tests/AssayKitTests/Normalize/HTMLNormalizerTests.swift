@testable import AssayKit
import Testing
import TestSupport

/// HTML through libxml2: structure into blocks, hidden and boilerplate content out, every character anchored.
@Suite struct HTMLNormalizerTests {
    static let page = """
        <!DOCTYPE html><html><head><title>Integrated Care Pioneers</title><style>p { color: red }</style>
        <script>var x = "</p>14 Pioneer sites";</script></head>
        <body><nav><a href="/">Home</a> 99 sites</nav>
        <main><h1>Integrated Care <b>Pio</b>neers</h1>
        <p>In 2013, 14 Pioneer sites were announced in November 2013 &amp; GP<br>practice &#8220;quoted&#x201D;&nbsp;text.</p>
        <ul><li>Nottingham City</li><li><p>Southend</p></li></ul>
        <table><tr><th>Programme</th><th>Sites</th></tr><tr><td>Pioneers</td><td>25</td></tr></table>
        <div hidden>hidden 7 sites</div><p aria-hidden="true">aria 8 sites</p><!-- a comment 9 sites -->
        </main><footer>Footer 10 sites</footer></body></html>
        """

    @Test func blocksFollowTheStructure() {
        let document = Run.normalize(Self.page, mediaType: .html)
        #expect(document.blockTexts == [
            "Integrated Care Pioneers", "Integrated Care Pioneers",
            "In 2013, 14 Pioneer sites were announced in November 2013 & GP", "practice \"quoted\" text.",
            "Nottingham City", "Southend", "Programme", "Sites", "Pioneers", "25",
        ])
        #expect(document.blocks.map(\.kind.name) == [
            "title", "heading", "paragraph", "paragraph", "list_item", "list_item", "table_cell", "table_cell",
            "table_cell", "table_cell",
        ])
        if case .tableCell(let row, let column, let headers) = document.blocks[9].kind {
            #expect((row, column, headers) == (1, 1, ["Sites"]))
        } else {
            Issue.record("the last block is not a cell")
        }
    }

    @Test func everyCharacterIsAnchoredInTheMarkup() throws {
        let document = Run.normalize(Self.page, mediaType: .html)
        // libxml2's complaint about the script holding "</p>" is a note; nothing is lost or unanchored.
        #expect(document.diagnostics.filter { $0.severity != .note }.isEmpty)
        for block in document.blocks {
            let source = try #require(document.sourceMap.sourceRange(of: block.range))
            #expect(!document.sourceText(source).isEmpty)
        }
        let ampersand = try #require(document.text.unicodeScalars.firstIndex(of: "&"))
        let offset = document.text.unicodeScalars.distance(from: document.text.unicodeScalars.startIndex, to: ampersand)
        let source = try #require(document.sourceMap.sourceRange(of: offset..<offset + 1))
        #expect(document.sourceText(source) == "&amp;")
    }

    @Test func aRepeatedPhraseIsAnchoredAtItsOwnCopy() throws {
        let html = "<html><body><nav>14 sites</nav><p>14 sites</p></body></html>"
        let document = Run.normalize(html, mediaType: .html)
        #expect(document.blockTexts == ["14 sites"])
        let source = try #require(document.sourceMap.sourceRange(of: document.blocks[0].range))
        let expected = html.unicodeScalars.count - "</p></body></html>".unicodeScalars.count - "14 sites".unicodeScalars.count
        #expect(source == expected..<expected + 8)
    }

    /// Raw-text elements are skipped in the source whatever the case of their tag, so text repeated inside one is
    /// never anchored there; tricky characters keep their own source ranges.
    @Test func rawTextTagsInAnyCaseAreSkippedInTheSource() throws {
        let html = "<html><body><SCRIPT>d1</SCRIPT><sCrIpT type=x>d2</ScRiPt><TextArea>d3</TEXTAREA><NoFrames>d4</noframes>"
            + "<p>d1 d2</p><p>d3 é😀\u{AD}x&nbsp;y…</p><p>d4</p></body></html>"
        let document = Run.normalize(html, mediaType: .html)
        #expect(document.blockTexts == ["d1 d2", "d3 é😀x y...", "d4"])
        let source = Array(html.unicodeScalars)
        func offset(of needle: String, after marker: String) -> Int {
            let scalars = Array(needle.unicodeScalars), start = Array(marker.unicodeScalars)
            let from = (0...(source.count - start.count)).first { Array(source[$0..<$0 + start.count]) == start }!
            return (from...(source.count - scalars.count)).first { Array(source[$0..<$0 + scalars.count]) == scalars }!
        }
        for (block, marker) in [(0, "<p>d1"), (1, "<p>d3"), (2, "<p>d4")] {
            let range = try #require(document.sourceMap.sourceRange(of: document.blocks[block].range))
            #expect(range.lowerBound == offset(of: "d", after: marker), "block \(block)")
        }
        let text = Array(document.text.unicodeScalars)
        for (index, scalar) in text.enumerated() where !" .\n".unicodeScalars.contains(scalar) {
            let range = try #require(document.sourceMap.sourceRange(of: index..<index + 1))
            let original = document.sourceText(range)
            // The scalar before a soft hyphen stretches over it.
            #expect(original == String(scalar) || original == String(scalar) + "\u{AD}", "\(scalar) from \(original)")
        }
    }

    @Test func factsFromHTMLCarryExactSourceOffsets() throws {
        let extraction = Run.extract(Self.page, mediaType: .html, path: "page.html")
        let count = try #require(extraction.facts.first { $0.type == "count" && $0.value == .integer(14) })
        let start = try #require(count.evidence.sourceStart), end = try #require(count.evidence.sourceEnd)
        let scalars = Array(Self.page.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "14")
        #expect(!extraction.facts.contains { $0.value == .integer(99) || $0.value == .integer(7) || $0.value == .integer(10) })
    }

    @Test func theNestingLimitIsConfigurable() {
        let html = "<html><body>" + String(repeating: "<div>", count: 30) + "deep text" + String(repeating: "</div>", count: 30) + "</body></html>"
        var limits = Limits()
        limits.nestingDepth = 10
        let document = Normalizer(limits: limits).normalize(CorpusLoader().load(bytes: Array(html.utf8), path: "d.html", mediaType: .html))
        #expect(document.blockTexts == ["deep text"])
        #expect(document.diagnostics.contains { $0.message.hasPrefix("elements are nested deeper than 10 (limits.nesting_depth)") })
        #expect(Normalizer().normalize(CorpusLoader().load(bytes: Array(html.utf8), path: "d.html", mediaType: .html)).diagnostics.isEmpty)
    }
}
